package dev.agentstore;

import dev.agentstore.model.Agent;
import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.AgentExecutionSpec;
import dev.agentstore.model.AgentExecutionStatus;
import dev.agentstore.model.AgentInstance;
import dev.agentstore.model.AgentInstanceSpec;
import dev.agentstore.model.AgentSpec;
import dev.agentstore.model.AgentStatus;
import dev.agentstore.model.ApiKey;
import dev.agentstore.model.ApiKeySpec;
import dev.agentstore.model.ApiKeyStatus;
import dev.agentstore.model.Environment;
import dev.agentstore.model.EnvironmentSpec;
import dev.agentstore.model.ExecutionContext;
import dev.agentstore.model.ExecutionContextSpec;
import dev.agentstore.model.GenericStatus;
import dev.agentstore.model.IamPolicy;
import dev.agentstore.model.IamPolicySpec;
import dev.agentstore.model.IdentityAccount;
import dev.agentstore.model.IdentityAccountSpec;
import dev.agentstore.model.McpServer;
import dev.agentstore.model.McpServerSpec;
import dev.agentstore.model.McpServerStatus;
import dev.agentstore.model.Organization;
import dev.agentstore.model.OrganizationSpec;
import dev.agentstore.model.Session;
import dev.agentstore.model.SessionSpec;
import dev.agentstore.model.Skill;
import dev.agentstore.model.SkillSpec;
import dev.agentstore.model.SkillStatus;
import dev.agentstore.model.Workflow;
import dev.agentstore.model.WorkflowExecution;
import dev.agentstore.model.WorkflowExecutionSpec;
import dev.agentstore.model.WorkflowExecutionStatus;
import dev.agentstore.model.WorkflowInstance;
import dev.agentstore.model.WorkflowInstanceSpec;
import dev.agentstore.model.WorkflowSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Binds a {@link Kind} to its Java records: the envelope, spec and status classes and how to build
 * an envelope from its parts.
 *
 * <p>Usage: {@code ResourceType<Agent, AgentSpec, AgentStatus> t = ResourceType.AGENT; ResourceType<?, ?, ?> any = ResourceType.of(Kind.SKILL);}
 *
 * @param <R> the envelope record
 * @param <S> the spec record
 * @param <T> the status record
 */
public final class ResourceType<R extends Resource<S, T>, S, T> {

  /** Builds an envelope from metadata, spec and status. */
  @FunctionalInterface
  public interface Factory<R, S, T> {
    /** The envelope holding these parts. */
    R create(Metadata metadata, S spec, T status);
  }

  private static final Map<Kind, ResourceType<?, ?, ?>> TYPES = new LinkedHashMap<>();

  /** The Organization type. */
  public static final ResourceType<Organization, OrganizationSpec, GenericStatus> ORGANIZATION =
      register(Kind.ORGANIZATION, Organization.class, OrganizationSpec.class, GenericStatus.class,
          Organization::new);
  /** The IdentityAccount type. */
  public static final ResourceType<IdentityAccount, IdentityAccountSpec, GenericStatus>
      IDENTITY_ACCOUNT = register(Kind.IDENTITY_ACCOUNT, IdentityAccount.class,
          IdentityAccountSpec.class, GenericStatus.class, IdentityAccount::new);
  /** The ApiKey type. */
  public static final ResourceType<ApiKey, ApiKeySpec, ApiKeyStatus> API_KEY =
      register(Kind.API_KEY, ApiKey.class, ApiKeySpec.class, ApiKeyStatus.class, ApiKey::new);
  /** The IamPolicy type. */
  public static final ResourceType<IamPolicy, IamPolicySpec, GenericStatus> IAM_POLICY =
      register(Kind.IAM_POLICY, IamPolicy.class, IamPolicySpec.class, GenericStatus.class,
          IamPolicy::new);
  /** The Agent type. */
  public static final ResourceType<Agent, AgentSpec, AgentStatus> AGENT =
      register(Kind.AGENT, Agent.class, AgentSpec.class, AgentStatus.class, Agent::new);
  /** The AgentInstance type. */
  public static final ResourceType<AgentInstance, AgentInstanceSpec, GenericStatus>
      AGENT_INSTANCE = register(Kind.AGENT_INSTANCE, AgentInstance.class,
          AgentInstanceSpec.class, GenericStatus.class, AgentInstance::new);
  /** The Workflow type. */
  public static final ResourceType<Workflow, WorkflowSpec, GenericStatus> WORKFLOW =
      register(Kind.WORKFLOW, Workflow.class, WorkflowSpec.class, GenericStatus.class,
          Workflow::new);
  /** The WorkflowInstance type. */
  public static final ResourceType<WorkflowInstance, WorkflowInstanceSpec, GenericStatus>
      WORKFLOW_INSTANCE = register(Kind.WORKFLOW_INSTANCE, WorkflowInstance.class,
          WorkflowInstanceSpec.class, GenericStatus.class, WorkflowInstance::new);
  /** The Session type. */
  public static final ResourceType<Session, SessionSpec, GenericStatus> SESSION =
      register(Kind.SESSION, Session.class, SessionSpec.class, GenericStatus.class, Session::new);
  /** The Skill type. */
  public static final ResourceType<Skill, SkillSpec, SkillStatus> SKILL =
      register(Kind.SKILL, Skill.class, SkillSpec.class, SkillStatus.class, Skill::new);
  /** The McpServer type. */
  public static final ResourceType<McpServer, McpServerSpec, McpServerStatus> MCP_SERVER =
      register(Kind.MCP_SERVER, McpServer.class, McpServerSpec.class, McpServerStatus.class,
          McpServer::new);
  /** The Environment type. */
  public static final ResourceType<Environment, EnvironmentSpec, GenericStatus> ENVIRONMENT =
      register(Kind.ENVIRONMENT, Environment.class, EnvironmentSpec.class, GenericStatus.class,
          Environment::new);
  /** The ExecutionContext type. */
  public static final ResourceType<ExecutionContext, ExecutionContextSpec, GenericStatus>
      EXECUTION_CONTEXT = register(Kind.EXECUTION_CONTEXT, ExecutionContext.class,
          ExecutionContextSpec.class, GenericStatus.class, ExecutionContext::new);
  /** The AgentExecution type. */
  public static final ResourceType<AgentExecution, AgentExecutionSpec, AgentExecutionStatus>
      AGENT_EXECUTION = register(Kind.AGENT_EXECUTION, AgentExecution.class,
          AgentExecutionSpec.class, AgentExecutionStatus.class, AgentExecution::new);
  /** The WorkflowExecution type. */
  public static final ResourceType<WorkflowExecution, WorkflowExecutionSpec,
      WorkflowExecutionStatus> WORKFLOW_EXECUTION = register(Kind.WORKFLOW_EXECUTION,
          WorkflowExecution.class, WorkflowExecutionSpec.class, WorkflowExecutionStatus.class,
          WorkflowExecution::new);

  private final Kind kind;
  private final Class<R> resourceClass;
  private final Class<S> specClass;
  private final Class<T> statusClass;
  private final Factory<R, S, T> factory;

  private ResourceType(Kind kind, Class<R> resourceClass, Class<S> specClass,
      Class<T> statusClass, Factory<R, S, T> factory) {
    this.kind = kind;
    this.resourceClass = resourceClass;
    this.specClass = specClass;
    this.statusClass = statusClass;
    this.factory = factory;
  }

  private static <R extends Resource<S, T>, S, T> ResourceType<R, S, T> register(Kind kind,
      Class<R> resourceClass, Class<S> specClass, Class<T> statusClass, Factory<R, S, T> factory) {
    ResourceType<R, S, T> t = new ResourceType<>(kind, resourceClass, specClass, statusClass,
        factory);
    TYPES.put(kind, t);
    return t;
  }

  /**
   * The type of a declared kind whose spec and status are read and written as
   * {@code specClass} and {@code statusClass} (JSON trees, or an application's records).
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <S, T> ResourceType<CustomResource<S, T>, S, T> declared(Kind kind,
      Class<S> specClass, Class<T> statusClass) {
    if (kind.isBuiltIn()) {
      throw new InvalidArgumentException("kind: " + kind + " is built in; use ResourceType.of");
    }
    Class<CustomResource<S, T>> resource = (Class) CustomResource.class;
    return new ResourceType<>(kind, resource, specClass, statusClass,
        (m, spec, status) -> new CustomResource<>(kind, m, spec, status));
  }

  /** The type registered for {@code kind}. */
  public static ResourceType<?, ?, ?> of(Kind kind) {
    ResourceType<?, ?, ?> t = TYPES.get(kind);
    if (t == null) {
      throw new InvalidArgumentException("kind: " + kind + " has no resource type");
    }
    return t;
  }

  /** The kind. */
  public Kind kind() {
    return kind;
  }

  /** The envelope class. */
  public Class<R> resourceClass() {
    return resourceClass;
  }

  /** The spec class. */
  public Class<S> specClass() {
    return specClass;
  }

  /** The status class. */
  public Class<T> statusClass() {
    return statusClass;
  }

  /** Builds an envelope from its parts. */
  public R create(Metadata metadata, S spec, T status) {
    return factory.create(metadata, spec, status);
  }
}
