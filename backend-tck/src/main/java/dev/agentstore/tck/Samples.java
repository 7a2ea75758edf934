package dev.agentstore.tck;

import dev.agentstore.AgentStore;
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

  /** A new resource of {@code kind} in {@code org}, ready to create. */
  static Resource<?, ?> unsaved(TckSupport t, AgentStore s, Kind kind, String org, String name) {
    Metadata m = Metadata.of(org, name);
    return switch (kind) {
      case ORGANIZATION -> new Organization(Metadata.of(null, name),
          new OrganizationSpec("sample org", "https://example.com/logo.png"), null);
      case IDENTITY_ACCOUNT -> new IdentityAccount(m, new IdentityAccountSpec(
          name + "@example.com", "Ada", "Lovelace", null, false), null);
      case API_KEY -> new ApiKey(m, new ApiKeySpec("hash-" + name, name.substring(0,
          Math.min(8, name.length())), null, Instant.parse("2030-01-01T00:00:00Z")), null);
      case IAM_POLICY -> new IamPolicy(m, new IamPolicySpec(new ObjectRef("IdentityAccount",
          "ida-01hx0000000000000000000000"), new ObjectRef("Agent", "*"), "viewer"), null);
      case AGENT -> new Agent(m, t.newAgent(s, org, TckSupport.unique("tmp")).spec(), null);
      case AGENT_INSTANCE -> {
        Agent a = t.newAgent(s, org, TckSupport.unique("parent"));
        yield new AgentInstance(m, new dev.agentstore.model.AgentInstanceSpec(a.id(), "prod",
            List.of()), null);
      }
      case WORKFLOW -> new Workflow(m, new dev.agentstore.model.WorkflowSpec("flow",
          new dev.agentstore.model.WorkflowDocument("1.0.0", "ns", "flow", "1"), List.of(), null),
          null);
      case WORKFLOW_INSTANCE -> {
        WorkflowExecution w = t.newWorkflowExecution(s, org);
        yield new WorkflowInstance(m, new dev.agentstore.model.WorkflowInstanceSpec(
            w.spec().workflowId(), "prod", List.of()), null);
      }
      case SESSION -> {
        Session base = t.newSession(s, org);
        yield new Session(m, base.spec(), null);
      }
      case SKILL -> new Skill(m, new SkillSpec("# Deploying\nUse the pipeline.", "v1"),
          new SkillStatus(null, null, SkillState.UPLOADING));
      case MCP_SERVER -> new McpServer(m, new McpServerSpec(McpServerType.HTTP,
          "https://mcp.example.com", null, List.of("search"), null),
          new McpServerStatus("PENDING", null));
      case ENVIRONMENT -> new Environment(m, new EnvironmentSpec("prod",
          Map.of("REGION", EnvironmentValue.plain("eu-west-1"))), null);
      case EXECUTION_CONTEXT -> {
        AgentExecution e = t.newAgentExecution(s, org);
        yield new ExecutionContext(m, new ExecutionContextSpec(e.id(),
            Map.of("WORKSPACE", ExecutionValue.plain("ws-1"))), null);
      }
      case AGENT_EXECUTION -> {
        AgentExecution e = t.newAgentExecution(s, org);
        yield new AgentExecution(m, e.spec(), null);
      }
      case WORKFLOW_EXECUTION -> {
        WorkflowExecution e = t.newWorkflowExecution(s, org);
        yield new WorkflowExecution(m, e.spec(), null);
      }
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
    return switch (kind) {
      case SKILL -> new SkillStatus("ab".repeat(32), "skl/pkg.zip", SkillState.READY);
      case MCP_SERVER -> new McpServerStatus("VALID", "reachable");
      case AGENT -> new dev.agentstore.model.AgentStatus("ain-01hx0000000000000000000000");
      case API_KEY -> new dev.agentstore.model.ApiKeyStatus(Instant.parse("2026-01-01T00:00:00Z"),
          null);
      case AGENT_EXECUTION -> dev.agentstore.model.AgentExecutionStatus.pending().withPhase(
          dev.agentstore.model.ExecutionPhase.IN_PROGRESS);
      case WORKFLOW_EXECUTION -> dev.agentstore.model.WorkflowExecutionStatus.pending().withPhase(
          dev.agentstore.model.ExecutionPhase.IN_PROGRESS);
      default -> new GenericStatus("observed", null);
    };
  }

  /** {@code r} with another status, built through its kind's type (any status object). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Resource<?, ?> withStatus(Resource<?, ?> r, Object status) {
    ResourceType type = ResourceType.of(r.kind());
    return (Resource<?, ?>) type.create(r.metadata(), r.spec(), status);
  }
}
