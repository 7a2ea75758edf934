package dev.agentstore.examples.snippets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.AgentStore;
import dev.agentstore.CustomResource;
import dev.agentstore.FieldRule;
import dev.agentstore.FieldType;
import dev.agentstore.Kind;
import dev.agentstore.KindDefinition;
import dev.agentstore.KindDefinition.Where;
import dev.agentstore.Metadata;
import dev.agentstore.OnDelete;
import dev.agentstore.Query;
import dev.agentstore.ResourceRepository;
import java.util.List;

/** The Javadoc usage lines of application-defined kinds, as compiled code (see JavadocSnippetsTest). */
@SuppressWarnings("unused")
abstract class DeclaredKindSnippets {
  AgentStore store;
  AgentStore.Builder builder;
  String org;
  String id;
  ObjectNode spec;

  record TriggerSpec(String type) {}

  record TriggerStatus(String nextRunAt) {}

  void define() {
    KindDefinition trigger = KindDefinition.builder("swarm.dev", "Trigger")
        .idPrefix("trg")
        .field("spec.workflowId", FieldType.REFERENCE, FieldRule.references(Kind.WORKFLOW))
        .field("spec.type", FieldType.STRING, FieldRule.required(), FieldRule.oneOf("webhook", "schedule", "event"))
        .field("spec.webhookPath", FieldType.STRING)
        .field("status.nextRunAt", FieldType.TIMESTAMP)
        .unique("spec.webhookPath")
        .index("spec.type", "status.nextRunAt")
        .build();
    ResourceRepository<CustomResource<ObjectNode, ObjectNode>> triggers = store.resources(trigger);
    triggers.create(CustomResource.of(trigger, Metadata.of(org, "nightly"), spec));
    store.resources(trigger).list(Query.all());
    store.resources(trigger, TriggerSpec.class, TriggerStatus.class).get(id);
    AgentStore second = builder.copy().kind(trigger).open();
  }

  void pieces() {
    KindDefinition.builder("swarm.dev", "Trigger").idPrefix("trg").field("spec.type", FieldType.STRING);
    FieldRule.references(Kind.WORKFLOW, OnDelete.RESTRICT);
    FieldRule.references(Kind.WORKFLOW, OnDelete.CASCADE);
    KindDefinition.builder("swarm.dev", "Worktree").idPrefix("wt")
        .field("spec.type", FieldType.STRING, FieldRule.required(), FieldRule.oneOf("webhook", "schedule"))
        .field("spec.worktreePath", FieldType.STRING).field("status.state", FieldType.STRING)
        .uniqueWhere(List.of("spec.worktreePath"), Where.in("status.state", "in_progress", "blocked"));
    KindDefinition.builder("amelia.dev", "Profile").idPrefix("prf").field("spec.owner", FieldType.STRING).build();
  }
}
