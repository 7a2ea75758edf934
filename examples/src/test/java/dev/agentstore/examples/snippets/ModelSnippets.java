package dev.agentstore.examples.snippets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstore.AgentStore;
import dev.agentstore.model.Agent;
import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.AgentExecutionSpec;
import dev.agentstore.model.AgentExecutionStatus;
import dev.agentstore.model.AgentInstance;
import dev.agentstore.model.AgentInstanceSpec;
import dev.agentstore.model.AgentMessage;
import dev.agentstore.model.AgentSpec;
import dev.agentstore.model.AgentStatus;
import dev.agentstore.model.ApiKey;
import dev.agentstore.model.ApiKeyStatus;
import dev.agentstore.model.Environment;
import dev.agentstore.model.EnvironmentSpec;
import dev.agentstore.model.EnvironmentValue;
import dev.agentstore.model.ExecutionConfig;
import dev.agentstore.model.ExecutionContext;
import dev.agentstore.model.ExecutionContextSpec;
import dev.agentstore.model.ExecutionPhase;
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
import dev.agentstore.model.MessageType;
import dev.agentstore.model.ObjectRef;
import dev.agentstore.model.Organization;
import dev.agentstore.model.OrganizationSpec;
import dev.agentstore.model.Session;
import dev.agentstore.model.SessionSpec;
import dev.agentstore.model.Skill;
import dev.agentstore.model.SkillSpec;
import dev.agentstore.model.SkillState;
import dev.agentstore.model.SkillStatus;
import dev.agentstore.model.SubAgentExecution;
import dev.agentstore.model.TaskStatus;
import dev.agentstore.model.ToolCall;
import dev.agentstore.model.ToolCallStatus;
import dev.agentstore.model.Usage;
import dev.agentstore.model.Workflow;
import dev.agentstore.model.WorkflowDocument;
import dev.agentstore.model.WorkflowExecution;
import dev.agentstore.model.WorkflowExecutionSpec;
import dev.agentstore.model.WorkflowExecutionStatus;
import dev.agentstore.model.WorkflowInstance;
import dev.agentstore.model.WorkflowInstanceSpec;
import dev.agentstore.model.WorkflowSpec;
import dev.agentstore.model.WorkflowTask;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The Javadoc usage lines of the model types, as compiled code (see JavadocSnippetsTest). The
 * fields stand for what a caller has at hand; the methods are compiled, never run.
 */
@SuppressWarnings("unused")
abstract class ModelSnippets {
  AgentStore store;
  String org;
  String id;
  String sessionId;
  String agentId;
  String instanceId;
  String envId;
  String executionId;
  String accountId;
  String workflowId;
  String token;
  String text;
  String sha256;
  String result;
  Instant now;
  Agent agent;
  Skill skill;
  ObjectRef who;
  ObjectRef what;
  JsonNode args;
  JsonNode output;
  WorkflowDocument doc;
  ToolCall toolCall;
  WorkflowTask task;

  void agent() {
    Agent a = store.agents().create(Agent.builder().org(org).name("Support Bot")
        .instructions("Answer briefly.").build());
  }

  void agentExecution() {
    AgentExecution x = store.agentExecutions().create(AgentExecution.builder().org(org)
        .name("Run 1").sessionId(sessionId).agentId(agentId).message("Why?").model("gpt-4o")
        .build());
  }

  void agentExecutionSpec() {
    AgentExecutionSpec s = AgentExecutionSpec.builder().sessionId(sessionId).agentId(agentId)
        .message("hello").model("gpt-4o").build();
  }

  void agentExecutionStatus() {
    AgentExecutionStatus s = AgentExecutionStatus.pending().withError("timed out");
  }

  void agentInstance() {
    AgentInstance i = store.agentInstances().create(AgentInstance.builder().org(org)
        .name("prod").agentId(agentId).build());
  }

  void agentInstanceSpec() {
    AgentInstanceSpec s = AgentInstanceSpec.builder().agentId(agentId).environmentRefs(List
        .of(envId)).build();
  }

  void agentMessage() {
    AgentMessage m = AgentMessage.builder().type(MessageType.HUMAN).content("hi")
        .timestamp(Instant.now()).build();
  }

  void agentSpec() {
    AgentSpec s = agent.spec().withInstructions("Be brief.");
  }

  void agentStatus() {
    AgentStatus s = AgentStatus.builder().defaultInstanceId(instanceId).build();
  }

  void apiKey() {
    ApiKey key = store.apiKeys().issue(org, "ci", null).key().withLabel("team", "infra");
  }

  void apiKeySpec() {
    Instant expiry = store.apiKeys().issue(org, "ci", null).key().spec().expiresAt();
  }

  void apiKeyStatus() {
    ApiKeyStatus s = ApiKeyStatus.builder().lastUsedAt(Instant.now()).build();
  }

  void environment() {
    Environment e = store.environments().create(Environment.builder().org(org).name("prod")
        .data(Map.of("TOKEN", EnvironmentValue.secret(token))).build());
  }

  void environmentSpec() {
    EnvironmentSpec s = EnvironmentSpec.builder().data(Map.of("TOKEN", EnvironmentValue
        .secret("s3cr3t"))).build();
  }

  void environmentValue() {
    EnvironmentValue token = EnvironmentValue.secret(System.getenv("TOKEN"))
        .withDescription("CI token");
  }

  void executionConfig() {
    ExecutionConfig c = ExecutionConfig.builder().model("gpt-4o").build();
  }

  void executionContext() {
    ExecutionContext c = store.executionContexts().create(ExecutionContext.builder().org(org)
        .name("ctx").executionId(executionId).build());
  }

  void executionContextSpec() {
    ExecutionContextSpec s = ExecutionContextSpec.builder().executionId(executionId).data(Map
        .of("KEY", ExecutionValue.secret("x"))).build();
  }

  void executionPhase() {
    store.agentExecutions().transition(id, ExecutionPhase.IN_PROGRESS);
  }

  void executionValue() {
    ExecutionValue token = ExecutionValue.secret(System.getenv("TOKEN"));
  }

  void genericStatus() {
    GenericStatus s = GenericStatus.builder().message("ready").build();
  }

  void iamPolicy() {
    IamPolicy p = store.iamPolicies().create(IamPolicy.builder().org(org).name("owner")
        .principal(who).resource(what).relation("owner").build());
  }

  void iamPolicySpec() {
    IamPolicySpec s = IamPolicySpec.builder().principal(ObjectRef.builder()
        .kind("IdentityAccount").id(accountId).build()).relation("owner").build();
  }

  void identityAccount() {
    IdentityAccount a = store.identityAccounts().create(IdentityAccount.builder().org(org)
        .name("Ada").email("ada@example.com").build());
  }

  void identityAccountSpec() {
    IdentityAccountSpec s = IdentityAccountSpec.builder().email("ada@example.com")
        .givenName("Ada").build();
  }

  void issuedApiKey() {
    String shown = store.apiKeys().issue(org, "ci", null).plaintext();
  }

  void mcpServer() {
    McpServer m = store.mcpServers().create(McpServer.builder().org(org).name("search")
        .type(McpServerType.HTTP).endpoint("https://mcp.example").build());
  }

  void mcpServerSpec() {
    McpServerSpec s = McpServerSpec.builder().type(McpServerType.HTTP)
        .endpoint("https://mcp.example").build();
  }

  void mcpServerStatus() {
    McpServerStatus s = McpServerStatus.builder().validationState("VALID").message("ok")
        .build();
  }

  void mcpServerType() {
    Object o = McpServerType.HTTP;
  }

  void messageType() {
    Object o = AgentMessage.of(MessageType.AI, text, now);
  }

  void objectRef() {
    ObjectRef r = ObjectRef.builder().kind("IdentityAccount").id(accountId).build();
  }

  void organization() {
    Organization o = store.organizations().create(Organization.builder().name("Acme")
        .description("Acme Inc.").build());
  }

  void organizationSpec() {
    OrganizationSpec s = OrganizationSpec.builder().description("Acme").build();
  }

  void resourceBuilder() {
    Agent a = Agent.builder().org(org).name("Bot").label("env", "prod").build();
  }

  void session() {
    Session s = store.sessions().create(Session.builder().org(org).name("chat")
        .agentInstanceId(instanceId).subject("user-42").build());
  }

  void sessionSpec() {
    SessionSpec s = SessionSpec.builder().agentInstanceId(instanceId).subject("user-42")
        .build();
  }

  void skill() {
    Skill s = store.skills().create(Skill.builder().org(org).name("deploy")
        .markdown("# How to deploy").build());
  }

  void skillSpec() {
    SkillSpec s = SkillSpec.builder().markdown("# How to deploy").tag("v1").build();
  }

  void skillState() {
    SkillStatus s = skill.status().withState(SkillState.READY);
  }

  void skillStatus() {
    SkillStatus s = SkillStatus.builder().versionHash(sha256).state(SkillState.READY).build();
  }

  void subAgentExecution() {
    SubAgentExecution d = SubAgentExecution.builder().agentId(agentId).executionId(executionId)
        .phase(ExecutionPhase.PENDING).build();
  }

  void taskStatus() {
    Object o = task.finished(TaskStatus.COMPLETED, output, now);
  }

  void toolCall() {
    ToolCall c = ToolCall.pending("call-1", "search", args).withStartedAt(Instant.now());
  }

  void toolCallStatus() {
    Object o = toolCall.finished(ToolCallStatus.COMPLETED, result, now);
  }

  void usage() {
    Usage u = Usage.builder().inputTokens(120L).outputTokens(80L)
        .costUsd(new BigDecimal("0.0031")).build();
  }

  void workflow() {
    Workflow w = store.workflows().create(Workflow.builder().org(org).name("deploy")
        .description("Deploys a service.").build());
  }

  void workflowDocument() {
    WorkflowDocument d = WorkflowDocument.builder().dsl("1.0.0").namespace("ops").name("deploy")
        .version("1").build();
  }

  void workflowExecution() {
    WorkflowExecution x = store.workflowExecutions().create(WorkflowExecution.builder().org(org)
        .name("run").workflowInstanceId(instanceId).triggerMessage("go").build());
  }

  void workflowExecutionSpec() {
    WorkflowExecutionSpec s = WorkflowExecutionSpec.builder().workflowInstanceId(instanceId)
        .triggerMessage("go").build();
  }

  void workflowExecutionStatus() {
    WorkflowExecutionStatus s = WorkflowExecutionStatus.pending().withError("failed");
  }

  void workflowInstance() {
    WorkflowInstance i = store.workflowInstances().create(WorkflowInstance.builder().org(org)
        .name("prod").workflowId(workflowId).build());
  }

  void workflowInstanceSpec() {
    WorkflowInstanceSpec s = WorkflowInstanceSpec.builder().workflowId(workflowId)
        .description("prod").build();
  }

  void workflowSpec() {
    WorkflowSpec s = WorkflowSpec.builder().description("deploys").document(doc).build();
  }

  void workflowTask() {
    WorkflowTask t = WorkflowTask.pending("t1", "validate", "API_CALL").withStartedAt(Instant
        .now());
  }
}
