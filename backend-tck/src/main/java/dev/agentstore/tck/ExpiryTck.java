package dev.agentstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.AgentStore;
import dev.agentstore.CustomResource;
import dev.agentstore.DeleteResult;
import dev.agentstore.FieldType;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.Kind;
import dev.agentstore.KindDefinition;
import dev.agentstore.MaintenanceReport;
import dev.agentstore.Metadata;
import dev.agentstore.Query;
import dev.agentstore.QueryExplanation;
import dev.agentstore.history.ChangeEvent;
import dev.agentstore.history.ResourceVersion;
import dev.agentstore.model.Agent;
import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.AgentInstance;
import dev.agentstore.model.AgentInstanceSpec;
import dev.agentstore.model.Skill;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Per-resource expiry: {@code metadata.expiresAt} is stored to the microsecond, kept by every
 * write that does not set it, filterable (and indexed), and a resource past it is deleted by the
 * next {@code maintenance().run()} like a {@code deleteWhere} (DELETED history, delete rules
 * honoured, referenced resources left in place and counted as blocked), on built-in and declared
 * kinds alike.
 *
 * <p>Usage: {@code class LocalExpiryTest extends ExpiryTck { ... newStoreBuilder() ... }}
 */
public abstract class ExpiryTck extends SecretsSupport {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  private static KindDefinition notes() {
    return KindDefinition.builder("tck.dev", "Note").idPrefix("note")
        .field("spec.text", FieldType.STRING).build();
  }

  private Agent expiringAgent(AgentStore s, String org, Instant at) {
    Agent a = newAgent(s, org, unique("exp"));
    return s.agents().update(a.withMetadata(a.metadata().withExpiresAt(at)));
  }

  @Test
  void expiresAtIsStoredToTheMicrosecondAndKeptByWritesThatDoNotSetIt() {
    String org = newOrg().id();
    Instant at = Instant.parse("2026-05-01T10:00:00.123456789Z");
    Agent a = expiringAgent(store, org, at);
    Instant stored = Instant.parse("2026-05-01T10:00:00.123456Z");
    assertThat(a.metadata().expiresAt()).isEqualTo(stored);
    assertThat(store.agents().get(a.id()).orElseThrow().metadata().expiresAt()).isEqualTo(stored);

    Agent relabelled = store.agents().update(a.withMetadata(a.metadata().withLabel("k", "v")));
    assertThat(relabelled.metadata().expiresAt()).as("an update keeps what it carries")
        .isEqualTo(stored);
    assertThat(store.agents().apply(relabelled).metadata().version())
        .as("apply of the same expiry writes nothing").isEqualTo(relabelled.metadata().version());
    Agent cleared = store.agents().apply(relabelled.withMetadata(relabelled.metadata()
        .withExpiresAt(null)));
    assertThat(cleared.metadata().version()).as("clearing it is a change")
        .isEqualTo(relabelled.metadata().version() + 1);
    assertThat(store.agents().get(a.id()).orElseThrow().metadata().expiresAt()).isNull();

    List<ResourceVersion> history = store.history().list(a.id());
    assertThat(history.get(1).snapshot().path("metadata").path("expiresAt").asText())
        .isEqualTo("2026-05-01T10:00:00.123456Z");
    assertThat(history.get(0).snapshot().path("metadata").has("expiresAt"))
        .as("a snapshot without an expiry has no member for it").isFalse();

    AgentExecution run = newAgentExecution(store, org);
    AgentExecution expiring = store.agentExecutions().update(run.withMetadata(
        run.metadata().withExpiresAt(at)));
    AgentExecution statusWritten = store.agentExecutions().updateStatus(expiring.withMetadata(
        expiring.metadata().withExpiresAt(null)));
    assertThat(statusWritten.metadata().version()).isEqualTo(expiring.metadata().version() + 1);
    assertThat(statusWritten.metadata().expiresAt()).as("a status write keeps the stored expiry")
        .isEqualTo(stored);
  }

  @Test
  void maintenanceDeletesWhatHasExpiredOnEveryKindAndKeepsTheRest() {
    MutableClock clock = new MutableClock(T0);
    AgentStore.Builder where = freshLocation().clock(clock).kind(notes());
    AgentStore s = open(where);
    String org = newOrg(s).id();
    Agent soon = expiringAgent(s, org, T0.plus(Duration.ofHours(1)));
    Agent onTheDot = expiringAgent(s, org, T0.plus(Duration.ofHours(2)));
    Agent later = expiringAgent(s, org, T0.plus(Duration.ofDays(1)));
    Agent never = newAgent(s, org, unique("never"));
    Skill skill = (Skill) Samples.created(this, s, Kind.SKILL, org, unique("skill"));
    skill = s.skills().update(skill.withMetadata(skill.metadata()
        .withExpiresAt(T0.plus(Duration.ofMinutes(5)))));
    CustomResource<ObjectNode, ObjectNode> note = s.resources(notes()).create(CustomResource.of(
        notes(), Metadata.builder().org(org).name(unique("note"))
            .expiresAt(T0.plus(Duration.ofMinutes(30))).build(),
        JsonNodeFactory.instance.objectNode().put("text", "scratch")));
    long head = s.history().list(note.id()).get(0).sequence();

    clock.advance(Duration.ofHours(2)); // at the second agent's expiry exactly
    MaintenanceReport r = s.maintenance().run();

    assertThat(r.expired()).containsOnlyKeys(Kind.AGENT, Kind.SKILL, notes().kind());
    assertThat(r.expired().get(Kind.AGENT).deleted()).isEqualTo(2);
    assertThat(r.expired().get(Kind.SKILL).deleted()).isEqualTo(1);
    assertThat(r.expired().get(notes().kind()).deleted()).isEqualTo(1);
    assertThat(r.deleted()).as("no retention configured").isEmpty();
    assertThat(r.totalDeleted()).isEqualTo(4);
    assertThat(s.agents().get(soon.id())).isEmpty();
    assertThat(s.agents().get(onTheDot.id())).as("expiresAt == now has expired").isEmpty();
    assertThat(s.skills().get(skill.id())).isEmpty();
    assertThat(s.resources(notes()).get(note.id())).isEmpty();
    assertThat(s.agents().get(later.id())).contains(later);
    assertThat(s.agents().get(never.id())).contains(never);
    assertThat(s.history().list(soon.id())).extracting(ResourceVersion::event)
        .endsWith(ChangeEvent.DELETED);
    assertThat(s.changes().since(head, 100)).as("one DELETED change per expired resource")
        .extracting(ResourceVersion::event).containsOnly(ChangeEvent.DELETED).hasSize(4);

    assertThat(s.maintenance().run().expired()).as("nothing more has expired").isEmpty();
    clock.advance(Duration.ofDays(1));
    AgentStore other = open(where); // another process on the same store
    assertThat(other.maintenance().run().expired().get(Kind.AGENT).deleted()).isEqualTo(1);
    assertThat(s.agents().get(later.id())).isEmpty();
    assertThat(s.agents().get(never.id())).contains(never);
  }

  @Test
  void anExpiredResourceStillReferencedStaysAndIsCountedAsBlocked() {
    MutableClock clock = new MutableClock(T0);
    AgentStore s = open(freshLocation().clock(clock));
    String org = newOrg(s).id();
    Agent agent = expiringAgent(s, org, T0.plus(Duration.ofMinutes(1)));
    AgentInstance keeps = s.agentInstances().create(new AgentInstance(Metadata.of(org,
        unique("instance")), AgentInstanceSpec.builder().agentId(agent.id()).description("tck")
        .environmentRefs(List.of()).build(), null));
    Agent both = expiringAgent(s, org, T0.plus(Duration.ofMinutes(1)));
    AgentInstance expiresToo = s.agentInstances().create(new AgentInstance(Metadata.builder()
        .org(org).name(unique("instance")).expiresAt(T0.plus(Duration.ofMinutes(1))).build(),
        AgentInstanceSpec.builder().agentId(both.id()).description("tck")
            .environmentRefs(List.of()).build(), null));
    clock.advance(Duration.ofHours(1));

    MaintenanceReport r = s.maintenance().run();

    DeleteResult agents = r.expired().get(Kind.AGENT);
    assertThat(agents.deleted()).as("the agent whose instance expired with it").isEqualTo(1);
    assertThat(agents.blocked()).as("the agent an instance still refers to").isEqualTo(1);
    assertThat(r.expired().get(Kind.AGENT_INSTANCE).deleted()).isEqualTo(1);
    assertThat(s.agents().get(agent.id())).isPresent();
    assertThat(s.agentInstances().get(keeps.id())).isPresent();
    assertThat(s.agents().get(both.id())).isEmpty();
    assertThat(s.agentInstances().get(expiresToo.id())).isEmpty();
  }

  @Test
  void queriesFilterOnExpiresAtThroughAnIndex() {
    String org = newOrg().id();
    Instant at = Instant.parse("2026-06-01T00:00:00Z");
    Agent early = expiringAgent(store, org, at);
    Agent late = expiringAgent(store, org, at.plus(Duration.ofDays(30)));
    newAgent(store, org, unique("never"));
    Query before = Query.builder().org(org).where("metadata.expiresAt")
        .lessOrEqual(at.plus(Duration.ofDays(1))).build();

    assertThat(store.agents().list(before).items()).extracting(Agent::id)
        .containsExactly(early.id());
    assertThat(store.agents().list(Query.builder().org(org)
        .filter("metadata.expiresAt > \"2026-06-01T00:00:00Z\"").build()).items())
        .extracting(Agent::id).containsExactly(late.id());
    assertThat(store.agents().count(Query.builder().org(org).where("metadata.expiresAt")
        .greaterThan(Instant.parse("0001-01-01T00:00:00Z")).build()))
        .as("resources without an expiry match no bound").isEqualTo(2);
    QueryExplanation.Step step = store.agents().explain(before).step("metadata.expiresAt")
        .orElseThrow();
    assertThat(step.indexed()).isTrue();

    assertThatThrownBy(() -> Query.builder().orderBy("metadata.expiresAt", false))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("expiresAt");
    assertThatThrownBy(() -> Query.builder().where("metadata.expiresAt").isNull())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("expiresAt");
  }

  @Test
  void anExpiryMovesWithItsResourceThroughAnArchive() {
    MutableClock clock = new MutableClock(T0);
    java.nio.file.Path keys = newKeyset(); // an archive imports under the key that sealed it
    AgentStore source = open(keyed(keys).clock(clock));
    String org = newOrg(source).id();
    Agent expiring = expiringAgent(source, org, T0.plus(Duration.ofHours(1)));
    Agent kept = newAgent(source, org, unique("kept"));
    java.io.ByteArrayOutputStream archive = new java.io.ByteArrayOutputStream();
    source.exporter().to(archive);
    AgentStore target = open(keyed(keys).clock(clock));

    target.importer().from(new java.io.ByteArrayInputStream(archive.toByteArray()));

    assertThat(target.agents().get(expiring.id()).orElseThrow().metadata().expiresAt())
        .isEqualTo(T0.plus(Duration.ofHours(1)));
    clock.advance(Duration.ofHours(2));
    assertThat(target.maintenance().run().expired().get(Kind.AGENT).deleted()).isEqualTo(1);
    assertThat(target.agents().get(expiring.id())).isEmpty();
    assertThat(target.agents().get(kept.id())).isPresent();
  }

  @Test
  void anExpiryOutsideYearsOneTo9999IsRefusedAndChangesNothing() {
    String org = newOrg().id();
    Agent a = newAgent(store, org, unique("bad"));
    Instant tooLate = Instant.parse("+10000-01-01T00:00:00Z");
    long history = store.history().list(a.id()).size();

    assertThatThrownBy(() -> store.agents().update(a.withMetadata(
        a.metadata().withExpiresAt(tooLate)))).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("metadata.expiresAt");
    assertThatThrownBy(() -> store.agents().create(new Agent(Metadata.builder().org(org)
        .name(unique("bad")).expiresAt(Instant.MIN).build(), a.spec(), null)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("metadata.expiresAt");
    assertThat(store.agents().get(a.id())).contains(a);
    assertThat(store.history().list(a.id())).hasSize((int) history);
    assertThat(store.agents().count(Query.builder().org(org).build())).isEqualTo(1);
  }
}
