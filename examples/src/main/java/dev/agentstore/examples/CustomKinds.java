package dev.agentstore.examples;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.AgentStore;
import dev.agentstore.AlreadyExistsException;
import dev.agentstore.CollectionDefinition;
import dev.agentstore.CollectionItem;
import dev.agentstore.CustomResource;
import dev.agentstore.FieldRule;
import dev.agentstore.FieldType;
import dev.agentstore.ItemCollection;
import dev.agentstore.ItemQuery;
import dev.agentstore.KindDefinition;
import dev.agentstore.Metadata;
import dev.agentstore.Query;
import dev.agentstore.ResourceRepository;
import dev.agentstore.model.Organization;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Application-defined kinds on the embedded store: Swarm's triggers (seed 001) with a unique
 * webhook path and "which schedules are due" ordered by their next run, Amelia's sessions (seed
 * 003) whose events are a keyed, append-only collection (a retried append under the same key
 * is a no-op; sequences are unique per session), and Amelia's profiles with at most one active
 * profile per owner. The database enforces every
 * key: the example shows each refusal.
 *
 * <p>Usage: {@code mvn -q -B -pl examples -am -DskipTests package exec:java -Dexec.mainClass=dev.agentstore.examples.CustomKinds}
 */
public final class CustomKinds {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Swarm's triggers: webhook, schedule or event, each webhook path once per org. */
  public static final KindDefinition TRIGGER = KindDefinition.builder("swarm.dev", "Trigger")
      .idPrefix("trg")
      .field("spec.type", FieldType.STRING, FieldRule.required(),
          FieldRule.oneOf("webhook", "schedule", "event"))
      .field("spec.webhookPath", FieldType.STRING)
      .field("spec.cron", FieldType.STRING)
      .field("status.nextRunAt", FieldType.TIMESTAMP)
      .unique("spec.webhookPath")
      .index("spec.type", "status.nextRunAt")
      .build();

  /** Amelia's sessions, each with its events: keyed, append-only, one sequence per event. */
  public static final KindDefinition SESSION = KindDefinition.builder("amelia.dev", "Session")
      .idPrefix("ases")
      .field("spec.title", FieldType.STRING)
      .collection(CollectionDefinition.builder("events")
          .field("type", FieldType.STRING, FieldRule.required(),
              FieldRule.oneOf("message", "tool_call", "tool_result"))
          .field("at", FieldType.TIMESTAMP)
          .build())
      .build();

  /** Amelia's profiles: at most one active profile per owner. */
  public static final KindDefinition PROFILE = KindDefinition.builder("amelia.dev", "Profile")
      .idPrefix("prf")
      .field("spec.owner", FieldType.STRING, FieldRule.required())
      .field("status.state", FieldType.STRING, FieldRule.oneOf("active", "inactive"))
      .uniqueWhere(List.of("spec.owner"), KindDefinition.Where.in("status.state", "active"))
      .build();

  private CustomKinds() {}

  /** Runs the example; the optional argument is the data directory. */
  public static void main(String[] args) throws IOException {
    Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("agentstore-");
    run(dir, System.out);
  }

  /** Declares the kinds in {@code dir}'s store, uses them and prints what happened. */
  public static void run(Path dir, PrintStream out) {
    try (AgentStore store = AgentStore.builder().uri("local:" + dir).kind(TRIGGER).kind(SESSION)
        .kind(PROFILE).open()) {
      Organization org = store.organizations().apply(Organization.builder().name("Swarm Co")
          .build());
      AgentStore tenant = store.forOrg(org.id());
      triggers(tenant, org.id(), out);
      events(tenant, org.id(), out);
      profiles(tenant, org.id(), out);
    }
  }

  private static void triggers(AgentStore tenant, String org, PrintStream out) {
    ResourceRepository<CustomResource<ObjectNode, ObjectNode>> triggers =
        tenant.resources(TRIGGER);
    triggers.create(CustomResource.of(TRIGGER, Metadata.of(org, "github-push"),
        JSON.objectNode().put("type", "webhook").put("webhookPath", "/hooks/github")));
    try {
      triggers.create(CustomResource.of(TRIGGER, Metadata.of(org, "github-again"),
          JSON.objectNode().put("type", "webhook").put("webhookPath", "/hooks/github")));
    } catch (AlreadyExistsException e) {
      out.println("second trigger on /hooks/github refused: the webhook path is unique");
    }
    Instant now = Instant.parse("2026-12-01T12:00:00Z");
    String[][] schedules = {{"nightly", "2026-12-01T02:00:00Z"}, {"hourly", "2026-12-01T11:00:00Z"},
        {"weekly", "2026-12-07T00:00:00Z"}};
    for (String[] s : schedules) {
      CustomResource<ObjectNode, ObjectNode> t = triggers.create(CustomResource.of(TRIGGER,
          Metadata.of(org, s[0]), JSON.objectNode().put("type", "schedule").put("cron", s[0])));
      triggers.updateStatus(t.withStatus(JSON.objectNode().put("nextRunAt", s[1])));
    }
    Query due = Query.builder().where("spec.type", "schedule")
        .where("status.nextRunAt").lessOrEqual(now.toString())
        .orderBy("status.nextRunAt", false).build();
    for (CustomResource<ObjectNode, ObjectNode> t : triggers.list(due).items()) {
      out.println("due: " + t.metadata().slug() + " at " + t.status().get("nextRunAt").asText());
    }
  }

  private static void events(AgentStore tenant, String org, PrintStream out) {
    CustomResource<ObjectNode, ObjectNode> session = tenant.resources(SESSION).create(
        CustomResource.of(SESSION, Metadata.of(org, "ses-1"), JSON.objectNode()
            .put("title", "refactor the parser")));
    ItemCollection<ObjectNode> events = tenant.resources(SESSION).collection(session.id(),
        "events");
    String[] types = {"message", "tool_call", "tool_result"};
    for (int attempt = 0; attempt < 2; attempt++) {
      for (int i = 0; i < types.length; i++) {
        // The caller's key (its own event id) makes the retried append a no-op: first write wins.
        events.append("amelia-evt-" + (i + 1), JSON.objectNode().put("type", types[i])
            .put("at", "2026-12-01T12:00:0" + i + "Z"));
      }
    }
    out.println("events of ses-1 after a retried append of 3: " + events.count(ItemQuery.all()));
    for (CollectionItem<ObjectNode> e : events.list(ItemQuery.builder()
        .in("type", "tool_call", "tool_result").build())) {
      out.println("tool event " + e.sequence() + ": " + e.item().get("type").asText());
    }
  }

  private static void profiles(AgentStore tenant, String org, PrintStream out) {
    ResourceRepository<CustomResource<ObjectNode, ObjectNode>> profiles =
        tenant.resources(PROFILE);
    ObjectNode ada = JSON.objectNode().put("owner", "ada");
    CustomResource<ObjectNode, ObjectNode> work = profiles.create(new CustomResource<>(
        PROFILE.kind(), Metadata.of(org, "work"), ada, JSON.objectNode().put("state", "active")));
    CustomResource<ObjectNode, ObjectNode> home = profiles.create(new CustomResource<>(
        PROFILE.kind(), Metadata.of(org, "home"), ada,
        JSON.objectNode().put("state", "inactive")));
    try {
      profiles.updateStatus(home.withStatus(JSON.objectNode().put("state", "active")));
    } catch (AlreadyExistsException e) {
      out.println("activating a second profile of ada refused: one active profile per owner");
    }
    profiles.updateStatus(work.withStatus(JSON.objectNode().put("state", "inactive")));
    profiles.updateStatus(profiles.get(home.id()).orElseThrow()
        .withStatus(JSON.objectNode().put("state", "active")));
    out.println("active profile of ada: " + profiles.list(Query.builder()
        .where("status.state", "active").build()).items().get(0).metadata().slug());
  }
}
