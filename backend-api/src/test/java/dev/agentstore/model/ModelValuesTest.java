package dev.agentstore.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.Metadata;
import dev.agentstore.OwnerScope;
import dev.agentstore.ResourceJson;
import dev.agentstore.internal.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Model values: unknown fields survive reading, editing and writing; values are deeply immutable. */
class ModelValuesTest {

  /** An agent execution with unknown fields in the spec, the status and every nested record. */
  private static final String EXECUTION_JSON = "{\"apiVersion\":\"agentstore.dev/v1\","
      + "\"kind\":\"AgentExecution\",\"metadata\":{\"name\":\"run\",\"org\":\"org-1\"},"
      + "\"spec\":{\"sessionId\":\"s\",\"message\":\"m\","
      + "\"config\":{\"model\":\"gpt\",\"temperature\":0.70},\"specExtra\":[1,{\"a\":null}]},"
      + "\"status\":{\"phase\":\"IN_PROGRESS\","
      + "\"messages\":[{\"type\":\"AI\",\"content\":\"c\",\"toolCalls\":[{\"id\":\"t1\","
      + "\"status\":\"PENDING\",\"callExtra\":\"x\"}],\"messageExtra\":{\"k\":1}}],"
      + "\"toolCalls\":[{\"id\":\"t2\",\"name\":\"n\",\"topCallExtra\":true}],"
      + "\"usage\":{\"inputTokens\":1,\"costUsd\":0.10,\"usageExtra\":\"u\"},"
      + "\"statusExtra\":2}}";

  @Test
  void unknownFieldsAtEveryLevelAreReadAndWrittenBackUnchanged() {
    AgentExecution x = (AgentExecution) ResourceJson.read(EXECUTION_JSON);
    assertThat(x.spec().unknownFields()).containsOnlyKeys("specExtra");
    assertThat(x.spec().config().unknownFields()).containsOnlyKeys("temperature");
    assertThat(x.status().unknownFields()).containsOnlyKeys("statusExtra");
    AgentMessage message = x.status().messages().get(0);
    assertThat(message.unknownFields()).containsOnlyKeys("messageExtra");
    assertThat(message.toolCalls().get(0).unknownFields()).containsOnlyKeys("callExtra");
    assertThat(x.status().toolCalls().get(0).unknownFields()).containsOnlyKeys("topCallExtra");
    assertThat(x.status().usage().unknownFields()).containsOnlyKeys("usageExtra");

    assertThat(tree(ResourceJson.write(x)).get("spec")).isEqualTo(tree(EXECUTION_JSON).get("spec"));
    assertThat(tree(ResourceJson.write(x)).get("status"))
        .isEqualTo(tree(EXECUTION_JSON).get("status"));
  }

  @Test
  void withersKeepEveryOtherFieldAndTheUnknownFields() {
    AgentExecution x = (AgentExecution) ResourceJson.read(EXECUTION_JSON);
    AgentExecutionSpec edited = x.spec().withMessage("edited");
    assertThat(edited.message()).isEqualTo("edited");
    assertThat(edited.sessionId()).isEqualTo("s");
    assertThat(edited.unknownFields()).isEqualTo(x.spec().unknownFields());
    assertThat(edited.config()).isEqualTo(x.spec().config());

    AgentExecutionSpec remodelled = x.spec().toBuilder().model("other").build();
    assertThat(remodelled.config().model()).isEqualTo("other");
    assertThat(remodelled.config().unknownFields()).containsOnlyKeys("temperature");

    AgentExecutionStatus failed = x.status().withError("boom");
    assertThat(failed.unknownFields()).containsOnlyKeys("statusExtra");
    assertThat(failed.messages()).isEqualTo(x.status().messages());
  }

  @Test
  void theEnvelopeBuilderSetsMetadataAndSpecTogether() {
    AgentExecution x = AgentExecution.builder().org("org-1").name("Run 1").sessionId("ses-1")
        .agentId("agt-1").message("Why?").model("gpt-4o").label("env", "prod").slug("run-1")
        .build();
    assertThat(x.metadata()).isEqualTo(Metadata.of("org-1", "Run 1").withSlug("run-1")
        .withLabel("env", "prod"));
    assertThat(x.spec()).isEqualTo(AgentExecutionSpec.builder().sessionId("ses-1").agentId("agt-1")
        .message("Why?").config(ExecutionConfig.builder().model("gpt-4o").build()).build());
    assertThat(x.status()).isNull();

    Agent a = Agent.builder().org("org-1").name("Support Bot").instructions("Answer briefly.")
        .build();
    assertThat(a.spec().instructions()).isEqualTo("Answer briefly.");
    assertThat(a.toBuilder().description("d").build().spec())
        .isEqualTo(a.spec().withDescription("d"));
    assertThat(a.withLabel("k", "v").metadata().labels()).containsEntry("k", "v");
  }

  @Test
  void metadataBuilderMatchesOfAndTheWithers() {
    Metadata m = Metadata.builder().org("org-1").name("n").label("env", "prod")
        .annotation("a", "b").tag("t").build();
    assertThat(m).isEqualTo(Metadata.of("org-1", "n").withLabel("env", "prod")
        .withAnnotations(Map.of("a", "b")).withTags(List.of("t")));
    assertThat(m.ownerScope()).isEqualTo(OwnerScope.ORGANIZATION);
    assertThat(m.toBuilder().build()).isEqualTo(m);
  }

  @Test
  void accessorCollectionsAreUnmodifiable() {
    AgentExecution x = (AgentExecution) ResourceJson.read(EXECUTION_JSON);
    AgentSpec spec = AgentSpec.builder().skillRefs(List.of("a")).build();
    SessionSpec session = SessionSpec.builder().metadata(Map.of("k", "v")).build();
    EnvironmentSpec env = EnvironmentSpec.builder()
        .data(Map.of("K", EnvironmentValue.plain("v"))).build();
    assertThatThrownBy(() -> spec.skillRefs().add("b"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> spec.unknownFields().put("x", Json.nodes().nullNode()))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> session.metadata().put("k2", "v"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> env.data().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> x.status().messages().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> x.status().unknownFields().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void changingTheCallersCollectionsAfterBuildDoesNotChangeTheValue() {
    List<String> refs = new ArrayList<>(List.of("a"));
    Map<String, String> sessionMeta = new HashMap<>(Map.of("k", "v"));
    ObjectNode extra = Json.nodes().objectNode().put("n", 1);
    Map<String, JsonNode> unknown = new HashMap<>(Map.of("extra", extra));
    ObjectNode args = Json.nodes().objectNode().put("q", "x");
    AgentSpec spec = AgentSpec.builder().skillRefs(refs).unknownFields(unknown).build();
    SessionSpec session = SessionSpec.builder().metadata(sessionMeta).build();
    ToolCall call = ToolCall.pending("c", "search", args);

    refs.add("b");
    sessionMeta.put("k2", "v2");
    unknown.put("more", extra);
    extra.put("n", 2);
    args.put("q", "changed");

    assertThat(spec.skillRefs()).containsExactly("a");
    assertThat(spec.unknownFields()).containsOnlyKeys("extra");
    assertThat(spec.unknownFields().get("extra").get("n").intValue()).isEqualTo(1);
    assertThat(session.metadata()).containsOnlyKeys("k");
    assertThat(call.args().get("q").textValue()).isEqualTo("x");
  }

  @Test
  void changingTheTreesAnAccessorReturnsDoesNotChangeTheValue() {
    ToolCall call = ToolCall.pending("c", "search", Json.nodes().objectNode().put("q", "x"));
    AgentSpec spec = AgentSpec.builder()
        .unknownFields(Map.of("extra", Json.nodes().objectNode().put("n", 1))).build();
    WorkflowSpec workflow = WorkflowSpec.builder()
        .tasks(List.of(Json.nodes().objectNode().put("name", "t"))).build();

    ((ObjectNode) call.args()).put("q", "changed");
    ((ObjectNode) spec.unknownFields().get("extra")).put("n", 2);
    ((ObjectNode) workflow.tasks().get(0)).put("name", "changed");

    assertThat(call.args().get("q").textValue()).isEqualTo("x");
    assertThat(spec.unknownFields().get("extra").get("n").intValue()).isEqualTo(1);
    assertThat(workflow.tasks().get(0).get("name").textValue()).isEqualTo("t");
    assertThat(Json.write(Json.toObject(spec, "spec"))).isEqualTo("{\"extra\":{\"n\":1}}");
  }

  @Test
  void absentCollectionsStayAbsentInTheJson() {
    AgentSpec spec = AgentSpec.builder().instructions("i").build();
    assertThat(Json.write(Json.toObject(spec, "spec"))).isEqualTo("{\"instructions\":\"i\"}");
    assertThat(Json.write(Json.toObject(spec.withSkillRefs(List.of()), "spec")))
        .isEqualTo("{\"instructions\":\"i\",\"skillRefs\":[]}");
  }

  private static JsonNode tree(String json) {
    return Json.parse(json, "test");
  }
}
