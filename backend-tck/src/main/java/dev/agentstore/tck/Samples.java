package dev.agentstore.tck;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.AgentStore;
import dev.agentstore.CustomResource;
import dev.agentstore.FieldRule;
import dev.agentstore.FieldType;
import dev.agentstore.KindDefinition;
import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.Resource;
import dev.agentstore.ResourceType;
import dev.agentstore.model.Agent;
import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.AgentInstance;
import dev.agentstore.model.ApiKey;
import dev.agentstore.model.ApiKeySpec;
import dev.agentstore.model.Environment;
import dev.agentstore.model.EnvironmentSpec;
import dev.agentstore.model.EnvironmentValue;
import dev.agentstore.model.ExecutionContext;
import dev.agentstore.model.ExecutionContextSpec;
import dev.agentstore.model.ExecutionValue;
import dev.agentstore.model.GenericStatus;
import dev.agentstore.model.IamPolicy;
import dev.agentstore.model.IamPolicySpec;
import dev.agentstore.model.IdentityAccount;
import dev.agentstore.model.IdentityAccountSpec;
import dev.agentstore.model.McpServer;
import dev.agentstore.model.McpServerSpec;
import dev.agentstore.model.McpServerStatus;
import dev.agentstore.model.McpServerType;
import dev.agentstore.model.ObjectRef;
import dev.agentstore.model.Organization;
import dev.agentstore.model.OrganizationSpec;
import dev.agentstore.model.Session;
import dev.agentstore.model.Skill;
import dev.agentstore.model.SkillSpec;
import dev.agentstore.model.SkillState;
import dev.agentstore.model.SkillStatus;
import dev.agentstore.model.Workflow;
import dev.agentstore.model.WorkflowExecution;
import dev.agentstore.model.WorkflowInstance;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A valid, not yet stored resource of every kind (creating what it references first), and a
 * status to write for each, so suites can exercise every kind the same way.
 *
 * <p>Usage: {@code Resource<?, ?> r = Samples.unsaved(support, store, Kind.SKILL, orgId, "name");}
 */
final class Samples {
  private Samples() {}

  /**
   * The TCK's own declared kind, registered by {@link TckSupport} on every suite's store, so the
   * generic suites run on an application-defined kind as well as on the built-in ones: one field
   * of every indexable type, a string list, a reference to an agent, a unique key, a composite
   * index and a {@code oneOf}.
   */
  static final KindDefinition WIDGET = KindDefinition.builder("tck.dev", "Widget").idPrefix("wdg")
      .field("spec.color", FieldType.STRING, FieldRule.required(),
          FieldRule.oneOf("red", "green", "blue"))
      .field("spec.code", FieldType.STRING)
      .field("spec.size", FieldType.INTEGER)
      .field("spec.price", FieldType.DECIMAL)
      .field("spec.madeAt", FieldType.TIMESTAMP)
      .field("spec.active", FieldType.BOOLEAN)
      .field("spec.tags", FieldType.STRING_LIST)
      .field("spec.agentId", FieldType.REFERENCE, FieldRule.references(Kind.AGENT))
      .field("status.state", FieldType.STRING)
      .field("status.checkedAt", FieldType.TIMESTAMP)
      .unique("spec.code")
      .index("spec.color", "spec.size")
      .build();

  /** The kind of {@link #WIDGET}. */
  static final Kind WIDGET_KIND = WIDGET.kind();

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** A widget spec with every declared field set: a unique code, the agent it references. */
  static ObjectNode widgetSpec(String code, String agentId) {
    ObjectNode spec = JSON.objectNode().put("color", "green").put("code", code).put("size", 3)
        .put("price", new BigDecimal("19.90")).put("madeAt", "2026-03-01T12:00:00.25Z")
        .put("active", true);
    spec.putArray("tags").add("tck").add("sample");
    if (agentId != null) {
      spec.put("agentId", agentId);
    }
    return spec;
  }

  /** The built-in kinds with a repository, then {@link #WIDGET_KIND}. */
  static java.util.stream.Stream<Kind> everyKind() {
    return java.util.stream.Stream.concat(Kind.resourceKinds().stream(),
        java.util.stream.Stream.of(WIDGET_KIND));
  }

  /** A new resource of {@code kind} in {@code org}, ready to create. */
  static Resource<?, ?> unsaved(TckSupport t, AgentStore s, Kind kind, String org, String name) {
    Metadata m = Metadata.of(org, name);
    return switch (kind.name()) {
      case "ORGANIZATION" -> new Organization(Metadata.of(null, name),
          OrganizationSpec.builder().description("sample org").logoUrl("https://example.com/logo.png")
              .build(), null);
      case "IDENTITY_ACCOUNT" -> new IdentityAccount(m, IdentityAccountSpec.builder()
          .email(name + "@example.com").givenName("Ada").familyName("Lovelace")
          .machineAccount(false).build(), null);
      case "API_KEY" -> new ApiKey(m, ApiKeySpec.builder().keyHash("hash-" + name)
          .fingerprint(name.substring(0,
          Math.min(8, name.length()))).expiresAt(Instant.parse("2030-01-01T00:00:00Z")).build(), null);
      case "IAM_POLICY" -> new IamPolicy(m, IamPolicySpec.builder().principal(ObjectRef.builder()
          .kind("IdentityAccount").id("ida-01hx0000000000000000000000").build())
          .resource(ObjectRef.builder().kind("Agent").id("*").build()).relation("viewer")
          .build(), null);
      case "AGENT" -> new Agent(m, t.newAgent(s, org, TckSupport.unique("tmp")).spec(), null);
      case "AGENT_INSTANCE" -> {
        Agent a = t.newAgent(s, org, TckSupport.unique("parent"));
        yield new AgentInstance(m, dev.agentstore.model.AgentInstanceSpec.builder().agentId(a
            .id()).description("prod").environmentRefs(List.of()).build(), null);
      }
      case "WORKFLOW" -> new Workflow(m, dev.agentstore.model.WorkflowSpec.builder()
          .description("flow").document(dev.agentstore.model.WorkflowDocument.builder().dsl("1.0.0")
          .namespace("ns").name("flow").version("1").build()).tasks(List.of()).build(),
          null);
      case "WORKFLOW_INSTANCE" -> {
        WorkflowExecution w = t.newWorkflowExecution(s, org);
        yield new WorkflowInstance(m, dev.agentstore.model.WorkflowInstanceSpec.builder()
            .workflowId(w.spec().workflowId()).description("prod").environmentRefs(List.of())
            .build(), null);
      }
      case "SESSION" -> {
        Session base = t.newSession(s, org);
        yield new Session(m, base.spec(), null);
      }
      case "SKILL" -> new Skill(m, SkillSpec.builder().markdown("# Deploying\nUse the pipeline.")
          .tag("v1").build(),
          SkillStatus.builder().state(SkillState.UPLOADING).build());
      case "MCP_SERVER" -> new McpServer(m, McpServerSpec.builder().type(McpServerType.HTTP)
          .endpoint("https://mcp.example.com").defaultTools(List.of("search")).build(),
          McpServerStatus.builder().validationState("PENDING").build());
      case "ENVIRONMENT" -> new Environment(m, EnvironmentSpec.builder().description("prod")
          .data(Map.of("REGION", EnvironmentValue.plain("eu-west-1"))).build(), null);
      case "EXECUTION_CONTEXT" -> {
        AgentExecution e = t.newAgentExecution(s, org);
        yield new ExecutionContext(m, ExecutionContextSpec.builder().executionId(e.id())
            .data(Map.of("WORKSPACE", ExecutionValue.plain("ws-1"))).build(), null);
      }
      case "AGENT_EXECUTION" -> {
        AgentExecution e = t.newAgentExecution(s, org);
        yield new AgentExecution(m, e.spec(), null);
      }
      case "WORKFLOW_EXECUTION" -> {
        WorkflowExecution e = t.newWorkflowExecution(s, org);
        yield new WorkflowExecution(m, e.spec(), null);
      }
      case "tck.dev/Widget" -> CustomResource.of(WIDGET, m, widgetSpec(TckSupport.unique("code"),
          t.newAgent(s, org, TckSupport.unique("maker")).id()));
      default -> throw new IllegalArgumentException(kind + " has no repository");
    };
  }

  /**
   * Stores a new sample of {@code kind}: API keys through {@code issue} (the only way keys are
   * made), everything else through {@code create}.
   */
  static Resource<?, ?> created(TckSupport t, AgentStore s, Kind kind, String org, String name) {
    if (kind == Kind.API_KEY) {
      return s.apiKeys().issue(org, name, Instant.parse("2030-01-01T00:00:00Z")).key();
    }
    return RepositoryTck.creatable(s, kind).create(unsaved(t, s, kind, org, name));
  }

  /** A status object valid for {@code kind}, distinct from the sample's initial status. */
  static Object newStatus(Kind kind) {
    return switch (kind.name()) {
      case "SKILL" -> SkillStatus.builder().versionHash("ab".repeat(32)).artifactKey("skl/pkg.zip")
          .state(SkillState.READY).build();
      case "MCP_SERVER" -> McpServerStatus.builder().validationState("VALID").message("reachable")
          .build();
      case "AGENT" -> dev.agentstore.model.AgentStatus.builder()
          .defaultInstanceId("ain-01hx0000000000000000000000").build();
      case "API_KEY" -> dev.agentstore.model.ApiKeyStatus.builder().lastUsedAt(Instant
          .parse("2026-01-01T00:00:00Z")).build();
      case "AGENT_EXECUTION" -> dev.agentstore.model.AgentExecutionStatus.pending().withPhase(
          dev.agentstore.model.ExecutionPhase.IN_PROGRESS);
      case "WORKFLOW_EXECUTION" -> dev.agentstore.model.WorkflowExecutionStatus.pending().withPhase(
          dev.agentstore.model.ExecutionPhase.IN_PROGRESS);
      case "tck.dev/Widget" -> JSON.objectNode().put("state", "checked")
          .put("checkedAt", "2026-03-02T08:00:00Z");
      default -> GenericStatus.builder().message("observed").build();
    };
  }

  /** {@code r} with another status, built through its kind's type (any status object). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Resource<?, ?> withStatus(Resource<?, ?> r, Object status) {
    if (r instanceof CustomResource<?, ?> c) {
      return new CustomResource<>(c.kind(), c.metadata(), c.spec(), status);
    }
    ResourceType type = ResourceType.of(r.kind());
    return (Resource<?, ?>) type.create(r.metadata(), r.spec(), status);
  }
}
