package dev.agentstore.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentstore.Metadata;
import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.AgentExecutionSpec;
import dev.agentstore.model.AgentExecutionStatus;
import dev.agentstore.model.AgentMessage;
import dev.agentstore.model.ExecutionConfig;
import dev.agentstore.model.ExecutionPhase;
import dev.agentstore.model.MessageType;
import dev.agentstore.model.ToolCall;
import dev.agentstore.model.ToolCallStatus;
import dev.agentstore.model.Usage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The documents of the comparison (issue 17): an agent execution with a ~2 KB spec, a ~1 KB
 * status and three child messages, both as the library's model ({@link #execution}) and as the
 * plain maps the JDBC and Hibernate baselines hold ({@link #spec}, {@link #status},
 * {@link #messages}); the two carry the same fields and texts.
 *
 * <p>Usage: {@code AgentExecution e = CompareData.execution(org, 7); Map<String, Object> spec = CompareData.spec(7, 0);}
 */
final class CompareData {
  /** Child messages every created execution holds. */
  public static final int MESSAGES = 3;
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant STARTED = Instant.parse("2025-01-01T00:00:00Z");
  private static final String PROMPT = ("Investigate why checkout latency for EU customers rose"
      + " after the 14:05 deploy. Read the dashboards, the deploy log and the payment provider's"
      + " status page; compare p50 and p99 before and after; list every change in the window;"
      + " propose the smallest rollback that restores the previous latency and say how you would"
      + " verify it. ").repeat(4);
  private static final String NOTES = ("Collected the deploy diff and the latency series;"
      + " the connection-pool change is the prime suspect. ").repeat(8);
  private static final List<String> TOOLS = List.of("dashboards.query", "deploys.list",
      "deploys.diff", "tickets.search", "runbooks.read", "status.provider");

  private CompareData() {}

  /** The name (slug) of execution {@code n}. */
  public static String name(int n) {
    return "exec-" + n;
  }

  /** The spec of execution {@code n}; {@code variant} changes the prompt's last word. */
  public static Map<String, Object> spec(int n, int variant) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("model", "gpt-4o");
    config.put("temperature", 0.2);
    config.put("tools", tools());
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("message", PROMPT + "Request " + n + " variant " + variant);
    spec.put("config", config);
    return spec;
  }

  private static List<Map<String, Object>> tools() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String t : TOOLS) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", t);
      m.put("description", "Calls " + t + " with the incident's time window and returns rows");
      out.add(m);
    }
    return out;
  }

  /** The status (without messages) of execution {@code n}; {@code variant} changes the usage. */
  public static Map<String, Object> status(int n, int variant) {
    Map<String, Object> usage = new LinkedHashMap<>();
    // int, not long: Jackson reads small numbers back as Integer, and a Map that does not
    // round-trip equal makes Hibernate's dirty check write the JSON column again.
    usage.put("inputTokens", 1_000 + variant);
    usage.put("outputTokens", 200 + variant);
    usage.put("durationMs", 1_500 + n);
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("phase", ExecutionPhase.PENDING.name());
    status.put("usage", usage);
    status.put("startedAt", STARTED.toString());
    status.put("notes", NOTES);
    return status;
  }

  /** The three child messages of execution {@code n}. */
  public static List<Map<String, Object>> messages(int n) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < MESSAGES; i++) {
      out.add(message(n, i));
    }
    return out;
  }

  /** Message {@code i} of execution {@code n}. */
  public static Map<String, Object> message(int n, int i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", (i == 0 ? MessageType.HUMAN : MessageType.AI).name());
    m.put("content", messageText(n, i));
    m.put("timestamp", STARTED.plusSeconds(i).toString());
    return m;
  }

  private static String messageText(int n, int i) {
    return "Step " + i + " of execution " + n + ": the payment provider's p99 doubled at 14:07;"
        + " rolling back the pool change should restore it. Checking the dashboards again.";
  }

  /**
   * Tool call {@code call} of execution {@code n}: started ({@code PENDING}, with its arguments)
   * or {@code finished} (COMPLETED with its result), the two writes an upsert sees.
   */
  public static Map<String, Object> toolCall(int n, int call, boolean finished) {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("window", "14:00-15:00");
    args.put("region", "eu-west-1");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", "call-" + call);
    m.put("name", TOOLS.get(call % TOOLS.size()));
    m.put("args", args);
    if (finished) {
      m.put("result", toolResult(n, call));
      m.put("status", "COMPLETED");
      m.put("completedAt", STARTED.plusSeconds(60 + call).toString());
    } else {
      m.put("status", "PENDING");
    }
    return m;
  }

  private static String toolResult(int n, int call) {
    return "Rows for call " + call + " of execution " + n + ": p99 420 ms before, 910 ms after"
        + " the deploy; the pool size dropped from 50 to 10.";
  }

  /** {@link #toolCall} in the library's model. */
  public static ToolCall libToolCall(int n, int call, boolean finished) {
    Map<String, Object> map = toolCall(n, call, false);
    ToolCall pending = ToolCall.pending((String) map.get("id"), (String) map.get("name"),
        JSON.valueToTree(map.get("args")));
    return finished ? pending.finished(ToolCallStatus.COMPLETED, toolResult(n, call),
        STARTED.plusSeconds(60 + call)) : pending;
  }

  /** Execution {@code n} in the library's model (same fields and texts as the maps). */
  public static AgentExecution execution(String org, int n) {
    return new AgentExecution(Metadata.of(org, name(n)), libSpec(n, 0), libStatus(n, 0));
  }

  /** The library spec of execution {@code n}, {@code variant}. */
  public static AgentExecutionSpec libSpec(int n, int variant) {
    Map<String, Object> spec = spec(n, variant);
    @SuppressWarnings("unchecked")
    Map<String, Object> config = (Map<String, Object>) spec.get("config");
    Map<String, JsonNode> extra = new LinkedHashMap<>();
    extra.put("temperature", JSON.valueToTree(config.get("temperature")));
    extra.put("tools", JSON.valueToTree(config.get("tools")));
    return AgentExecutionSpec.builder().message((String) spec.get("message"))
        .config(ExecutionConfig.builder().model("gpt-4o").build().withUnknownFields(extra))
        .build();
  }

  /** The library status of execution {@code n}, {@code variant}, with its three messages. */
  public static AgentExecutionStatus libStatus(int n, int variant) {
    List<AgentMessage> msgs = new ArrayList<>();
    for (int i = 0; i < MESSAGES; i++) {
      msgs.add(libMessage(n, i));
    }
    return libStatusWithout(n, variant).toBuilder().messages(msgs).build();
  }

  /** The library status of execution {@code n}, {@code variant}, its messages left out. */
  public static AgentExecutionStatus libStatusWithout(int n, int variant) {
    return AgentExecutionStatus.builder().phase(ExecutionPhase.PENDING)
        .usage(Usage.builder().inputTokens(1_000L + variant).outputTokens(200L + variant)
            .durationMs(1_500L + n).build())
        .build().withUnknownFields(Map.of("notes", JSON.valueToTree(NOTES)))
        .withStartedAt(STARTED);
  }

  /** Message {@code i} of execution {@code n} in the library's model. */
  public static AgentMessage libMessage(int n, int i) {
    return AgentMessage.builder().type(i == 0 ? MessageType.HUMAN : MessageType.AI)
        .content(messageText(n, i)).timestamp(STARTED.plusSeconds(i)).build();
  }
}
