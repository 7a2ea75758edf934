package dev.agentstore.spring.ai;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.model.AgentMessage;
import dev.agentstore.model.MessageType;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.content.Media;
import org.springframework.util.MimeType;

/**
 * Spring AI messages as agentstore message items, both ways. The item's own fields carry what
 * every agentstore reader understands (type, text, time); the whole Spring AI message (type,
 * text, metadata, media, tool calls, tool responses) is kept under the unknown field
 * {@value #FIELD}, which the store writes back unchanged, so reading returns an equal message.
 * Metadata values go through JSON: strings, numbers, booleans, lists and maps come back as
 * such (a number as the smallest of Integer, Long, Double that holds it).
 *
 * <p>Usage: {@code AgentMessage item = SpringAiMessages.toItem(message, now);}
 */
final class SpringAiMessages {
  /** The unknown field of an item holding the Spring AI message. */
  static final String FIELD = "springAi";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private SpringAiMessages() {}

  /** {@code message} as an item stamped {@code at}, with {@code extra} unknown fields. */
  static AgentMessage toItem(Message message, Instant at, Map<String, JsonNode> extra) {
    if (message == null) {
      throw new InvalidArgumentException("messages", "contains null");
    }
    ObjectNode m = JSON.createObjectNode();
    m.put("type", message.getMessageType().name());
    if (message.getText() != null) {
      m.put("text", message.getText());
    }
    m.set("metadata", JSON.valueToTree(message.getMetadata()));
    if (message instanceof UserMessage u) {
      m.set("media", media(u.getMedia()));
    } else if (message instanceof AssistantMessage a) {
      m.set("media", media(a.getMedia()));
      ArrayNode calls = m.putArray("toolCalls");
      for (AssistantMessage.ToolCall c : a.getToolCalls()) {
        ObjectNode call = calls.addObject();
        call.put("id", c.id());
        call.put("type", c.type());
        call.put("name", c.name());
        call.put("arguments", c.arguments());
      }
    } else if (message instanceof ToolResponseMessage t) {
      ArrayNode responses = m.putArray("responses");
      for (ToolResponseMessage.ToolResponse r : t.getResponses()) {
        ObjectNode response = responses.addObject();
        response.put("id", r.id());
        response.put("name", r.name());
        response.put("responseData", r.responseData());
      }
    } else if (!(message instanceof SystemMessage)) {
      throw new InvalidArgumentException("messages", "unsupported message class "
          + message.getClass().getName() + " (supported: UserMessage, AssistantMessage,"
          + " SystemMessage, ToolResponseMessage)");
    }
    Map<String, JsonNode> unknown = new LinkedHashMap<>(extra);
    unknown.put(FIELD, m);
    return AgentMessage.builder().type(type(message)).content(message.getText())
        .timestamp(at).unknownFields(unknown).build();
  }

  /** The Spring AI message an item holds. */
  static Message fromItem(AgentMessage item) {
    JsonNode m = item.unknownFields().get(FIELD);
    if (m == null) {
      // an item another writer appended: read what agentstore itself knows of it
      return switch (item.type() == null ? MessageType.HUMAN : item.type()) {
        case AI -> new AssistantMessage(nullToEmpty(item.content()));
        case SYSTEM -> new SystemMessage(nullToEmpty(item.content()));
        case TOOL -> ToolResponseMessage.builder().responses(List.of()).build();
        default -> new UserMessage(nullToEmpty(item.content()));
      };
    }
    String text = m.hasNonNull("text") ? m.get("text").asText() : null;
    Map<String, Object> metadata = JSON.convertValue(m.get("metadata"), MAP);
    if (metadata == null) {
      metadata = new LinkedHashMap<>();
    }
    return switch (m.get("type").asText()) {
      case "USER" -> UserMessage.builder().text(nullToEmpty(text)).media(media(m.get("media")))
          .metadata(metadata).build();
      case "ASSISTANT" -> {
        List<AssistantMessage.ToolCall> calls = new ArrayList<>();
        for (JsonNode c : m.path("toolCalls")) {
          calls.add(new AssistantMessage.ToolCall(text(c, "id"), text(c, "type"),
              text(c, "name"), text(c, "arguments")));
        }
        yield AssistantMessage.builder().content(text).properties(metadata).toolCalls(calls)
            .media(media(m.get("media"))).build();
      }
      case "SYSTEM" -> SystemMessage.builder().text(nullToEmpty(text)).metadata(metadata).build();
      case "TOOL" -> {
        List<ToolResponseMessage.ToolResponse> responses = new ArrayList<>();
        for (JsonNode r : m.path("responses")) {
          responses.add(new ToolResponseMessage.ToolResponse(text(r, "id"), text(r, "name"),
              text(r, "responseData")));
        }
        yield ToolResponseMessage.builder().responses(responses).metadata(metadata).build();
      }
      default -> throw new IllegalStateException("stored message of unknown type "
          + m.get("type"));
    };
  }

  private static MessageType type(Message message) {
    return switch (message.getMessageType()) {
      case USER -> MessageType.HUMAN;
      case ASSISTANT -> MessageType.AI;
      case SYSTEM -> MessageType.SYSTEM;
      case TOOL -> MessageType.TOOL;
    };
  }

  private static ArrayNode media(List<Media> media) {
    ArrayNode out = JSON.createArrayNode();
    for (Media md : media) {
      ObjectNode n = out.addObject();
      n.put("mimeType", md.getMimeType().toString());
      if (md.getId() != null) {
        n.put("id", md.getId());
      }
      if (md.getName() != null) {
        n.put("name", md.getName());
      }
      Object data = md.getData();
      if (data instanceof byte[] bytes) {
        n.put("bytes", Base64.getEncoder().encodeToString(bytes));
      } else if (data instanceof URI uri) {
        n.put("uri", uri.toString());
      } else {
        n.put("text", String.valueOf(data));
      }
    }
    return out;
  }

  private static List<Media> media(JsonNode nodes) {
    List<Media> out = new ArrayList<>();
    if (nodes == null) {
      return out;
    }
    for (JsonNode n : nodes) {
      Media.Builder b = Media.builder().mimeType(MimeType.valueOf(n.get("mimeType").asText()));
      if (n.has("bytes")) {
        b.data(Base64.getDecoder().decode(n.get("bytes").asText()));
      } else if (n.has("uri")) {
        b.data(URI.create(n.get("uri").asText()));
      } else {
        b.data(n.path("text").asText());
      }
      if (n.hasNonNull("id")) {
        b.id(n.get("id").asText());
      }
      if (n.hasNonNull("name")) {
        b.name(n.get("name").asText());
      }
      out.add(b.build());
    }
    return out;
  }

  private static String text(JsonNode n, String field) {
    return n.hasNonNull(field) ? n.get(field).asText() : null;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
