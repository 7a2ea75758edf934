package dev.agentstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentstore.AgentStore;
import dev.agentstore.Query;
import dev.agentstore.history.ChangeEvent;
import dev.agentstore.model.Agent;
import dev.agentstore.secret.KeysetFileKeyProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command against a real SQLite store in a temporary directory, run in-process. */
class LocalCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  String uri;
  Seed seed;
  Cli cli;

  @BeforeEach
  void seed() {
    uri = "local:" + dir;
    try (AgentStore store = AgentStore.open(uri)) {
      seed = Seed.into(store);
    }
    cli = Cli.on(uri);
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  // ------------------------------------------------------------------ ls

  @Test
  void lsPrintsATablePerKindAndFiltersBySelectorAndExpression() {
    Cli.Result all = cli.run("ls", "agents");
    assertThat(all.code()).as(all.toString()).isZero();
    List<String> lines = all.out().lines().toList();
    assertThat(lines.get(0)).startsWith("ID").contains("NAME", "ORG", "VERSION", "UPDATED");
    assertThat(lines).hasSize(3);
    assertThat(all.out()).contains(seed.agent(), "Support Bot", "Sales Bot", seed.org());

    Cli.Result sales = cli.run("ls", "Agent", "-l", "team=sales");
    assertThat(sales.out()).contains("Sales Bot").doesNotContain("Support Bot");

    Cli.Result where = cli.run("ls", "agent", "--where",
        "spec.instructions == \"Be brief.\"");
    assertThat(where.code()).as(where.toString()).isZero();
    assertThat(where.out()).contains("Support Bot").doesNotContain("Sales Bot");

    Cli.Result runs = cli.run("ls", "agent-executions");
    assertThat(runs.out().lines().findFirst().orElseThrow()).contains("PHASE", "AGENT", "SESSION");
    assertThat(runs.out()).contains(seed.run(), "IN_PROGRESS");

    Cli.Result limited = cli.run("ls", "agents", "--limit", "1", "-q");
    assertThat(limited.out().lines().toList()).hasSize(1).allMatch(l -> l.startsWith("agt-"));

    Cli.Result none = cli.run("ls", "skills");
    assertThat(none.code()).isZero();
    assertThat(none.err()).contains("No Skill resources found.");
  }

  @Test
  void lsJsonAndYamlAreTheLibrarysJsonWithSecretValuesMasked() throws Exception {
    Cli.Result r = cli.run("ls", "environments", "-o", "json");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode env = json(r.out()).get(0);
    assertThat(env.path("kind").asText()).isEqualTo("Environment");
    assertThat(env.path("apiVersion").asText()).isNotBlank();
    assertThat(env.at("/metadata/id").asText()).isEqualTo(seed.env());
    assertThat(env.at("/spec/data/TOKEN/value").asText()).isEqualTo("***");
    assertThat(env.at("/spec/data/TOKEN/secret").asBoolean()).isTrue();
    assertThat(env.at("/spec/data/REGION/value").asText()).isEqualTo("eu-west-1");
    assertThat(r.out()).doesNotContain(seed.envSecret());

    Cli.Result yaml = cli.run("ls", "environments", "-o", "yaml");
    assertThat(yaml.out()).contains("kind: Environment", "value: '***'", "eu-west-1")
        .doesNotContain(seed.envSecret());

    Cli.Result table = cli.run("ls", "environments");
    assertThat(table.out()).contains("REGION,TOKEN").doesNotContain(seed.envSecret());

    Cli.Result runs = cli.run("ls", "AgentExecution", "-o", "json");
    assertThat(json(runs.out()).get(0).at("/spec/runtimeEnv/API_TOKEN/value").asText())
        .isEqualTo("***");
    assertThat(runs.out()).doesNotContain(seed.runSecret());
  }

  // ------------------------------------------------------------------ get and --reveal

  @Test
  void getPrintsOneResourceMaskedAndRevealsOnlyWhenConfirmed() throws Exception {
    Cli.Result yaml = cli.run("get", seed.env());
    assertThat(yaml.code()).as(yaml.toString()).isZero();
    assertThat(yaml.out()).contains("id: " + seed.env(), "'***'").doesNotContain(seed.envSecret());

    Cli.Result json = cli.run("get", seed.run(), "-o", "json");
    assertThat(json(json.out()).at("/status/phase").asText()).isEqualTo("IN_PROGRESS");
    assertThat(json(json.out()).at("/spec/runtimeEnv/API_TOKEN/value").asText()).isEqualTo("***");
    assertThat(json.out()).doesNotContain(seed.runSecret());

    Cli.Result unasked = cli.run("get", seed.env(), "--reveal");
    assertThat(unasked.code()).isEqualTo(AgentStoreCli.USAGE);
    assertThat(unasked.err()).contains("--yes-i-know");
    assertThat(unasked.out()).isEmpty();

    Cli.Result declined = Cli.on(uri).input("no\n").run("get", seed.env(), "--reveal");
    assertThat(declined.code()).isEqualTo(AgentStoreCli.USAGE);
    assertThat(declined.err()).contains("Type 'yes'", "not confirmed");
    assertThat(declined.out()).doesNotContain(seed.envSecret());

    Cli.Result typed = Cli.on(uri).input("yes\n").run("get", seed.env(), "--reveal");
    assertThat(typed.code()).as(typed.toString()).isZero();
    assertThat(typed.out()).contains(seed.envSecret());

    Cli.Result flag = cli.run("ls", "environments", "-o", "json", "--reveal", "--yes-i-know");
    assertThat(json(flag.out()).get(0).at("/spec/data/TOKEN/value").asText())
        .isEqualTo(seed.envSecret());
  }

  @Test
  void lsGetAndHistoryTakeDeclaredKindsWithTheirSecretFieldsMasked() throws Exception {
    DeclaredSeed declared;
    try (AgentStore store = AgentStore.builder().uri(uri).kind(DeclaredSeed.CREDENTIAL)
        .kind(DeclaredSeed.TRIGGER).kind(DeclaredSeed.OPS_TRIGGER).open()) {
      declared = DeclaredSeed.into(store, seed.org());
    }
    declared.check(cli);
  }

  @Test
  void anUnknownIdIsNotFoundAndAMalformedOneAUsageError() {
    Cli.Result missing = cli.run("get", "agt-01j9zq3x5m8k2v7w4t6r0y1b2c");
    assertThat(missing.code()).as(missing.toString()).isEqualTo(AgentStoreCli.NOT_FOUND);
    assertThat(missing.err()).contains("agentstore: error: Agent agt-01j9zq3x5m8k2v7w4t6r0y1b2c"
        + " not found");
    assertThat(missing.out()).isEmpty();

    Cli.Result noHistory = cli.run("history", "aex-01j9zq3x5m8k2v7w4t6r0y1b2c");
    assertThat(noHistory.code()).isEqualTo(AgentStoreCli.NOT_FOUND);

    Cli.Result malformed = cli.run("get", "not-an-id");
    assertThat(malformed.code()).isEqualTo(AgentStoreCli.USAGE);
    assertThat(malformed.err()).contains("'not-an-id' is not a resource id");
  }

  // ------------------------------------------------------------------ history and changes

  @Test
  void historyListsEveryVersionWithItsActorAndMaskedSnapshots() throws Exception {
    Cli.Result t = cli.run("history", seed.agent());
    assertThat(t.code()).as(t.toString()).isZero();
    List<String> lines = t.out().lines().toList();
    assertThat(lines.get(0)).contains("SEQUENCE", "VERSION", "EVENT", "ACTOR", "AT");
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1)).contains("CREATED", "alice");
    assertThat(lines.get(2)).contains("UPDATED", "alice");

    Cli.Result j = cli.run("history", seed.agent(), "-o", "json");
    JsonNode entries = json(j.out());
    assertThat(entries).hasSize(2);
    assertThat(entries.get(1).path("resourceVersion").asLong()).isEqualTo(2);
    assertThat(entries.get(1).at("/snapshot/spec/instructions").asText()).isEqualTo("Be brief.");

    Cli.Result env = cli.run("history", seed.env(), "-o", "json");
    assertThat(env.out()).doesNotContain(seed.envSecret()).contains("\"value\" : \"***\"");
  }

  @Test
  void changesPrintsTheFeedAfterASequenceAndFollowsNewChanges() throws Exception {
    Cli.Result all = cli.run("changes", "--since", "0", "-o", "json");
    assertThat(all.code()).as(all.toString()).isZero();
    List<JsonNode> feed = all.out().lines().map(l -> {
      try {
        return json(l);
      } catch (Exception e) {
        throw new IllegalStateException(l, e);
      }
    }).toList();
    assertThat(feed).hasSizeGreaterThan(5);
    assertThat(feed).extracting(n -> n.path("sequence").asLong()).isSorted();
    assertThat(all.out()).doesNotContain(seed.envSecret()).doesNotContain(seed.runSecret());
    long head = feed.get(feed.size() - 1).path("sequence").asLong();
    long third = feed.get(2).path("sequence").asLong();

    Cli.Result after = cli.run("changes", "--since", Long.toString(third));
    assertThat(after.out().lines().count()).as("header + the rest").isEqualTo(feed.size() - 3 + 1);
    assertThat(cli.run("changes", "--since", "0", "--count", "2").out().lines().count())
        .isEqualTo(3);

    AtomicReference<Cli.Result> followed = new AtomicReference<>();
    Thread follower = new Thread(() -> followed.set(cli.run("changes", "--since",
        Long.toString(head), "--follow", "--count", "2", "-o", "json")));
    follower.start();
    String created;
    try (AgentStore store = AgentStore.open(uri)) {
      Agent a = store.agents().create(Agent.builder().org(seed.org()).name("Late Bot")
          .instructions("Hi.").build());
      created = a.id();
      store.agents().delete(a.id());
    }
    follower.join(30_000);
    assertThat(follower.isAlive()).as("--count 2 ends the follow").isFalse();
    Cli.Result r = followed.get();
    assertThat(r.code()).as(r.toString()).isZero();
    List<JsonNode> tail = r.out().lines().map(l -> {
      try {
        return json(l);
      } catch (Exception e) {
        throw new IllegalStateException(l, e);
      }
    }).toList();
    assertThat(tail).extracting(n -> n.path("resourceId").asText()).containsExactly(created,
        created);
    assertThat(tail).extracting(n -> n.path("event").asText())
        .containsExactly(ChangeEvent.CREATED.name(), ChangeEvent.DELETED.name());
  }

  @Test
  void followStopsWhenInterrupted() throws Exception {
    AtomicReference<Cli.Result> followed = new AtomicReference<>();
    Thread follower = new Thread(() -> followed.set(cli.run("changes", "--since", "0",
        "--follow")));
    follower.start();
    Thread.sleep(1500);
    assertThat(follower.isAlive()).as("follows until interrupted").isTrue();
    follower.interrupt();
    follower.join(30_000);
    assertThat(follower.isAlive()).isFalse();
    assertThat(followed.get().code()).isEqualTo(AgentStoreCli.INTERRUPTED);
    assertThat(followed.get().out()).contains(seed.agent());
  }

  // ------------------------------------------------------------------ migrate, rotate, prune

  @Test
  void migrateCreatesANewStoreAndPrintsItsMigrationsLikeFlywayInfo() throws Exception {
    Path fresh = dir.resolve("fresh");
    Cli.Result r = Cli.on("local:" + fresh).run("migrate");
    assertThat(r.code()).as(r.toString()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).contains("VERSION", "DESCRIPTION", "INSTALLED ON", "STATE");
    assertThat(lines.get(1)).startsWith("1 ").contains("schema", "Success");
    String latest = latestMigration(AgentStore.builder().uri("local:" + fresh));
    assertThat(lines).anyMatch(l -> l.startsWith(latest + " ") && l.contains("Success"));
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo("Schema is up to date at version " + latest + ".");
    assertThat(r.err()).as("libraries stay quiet").isEmpty();
    assertThat(fresh.resolve("agentstore.db")).exists();

    JsonNode j = json(Cli.on("local:" + fresh).run("migrate", "-o", "json").out());
    assertThat(j).hasSize(Integer.parseInt(latest)); // versions 1..n, one row each
    JsonNode last = j.get(j.size() - 1);
    assertThat(last.path("version").asText()).isEqualTo(latest);
    assertThat(last.path("state").asText()).isEqualTo("Success");
  }

  @Test
  void rotateKeysReencryptsEverySecretWithAProgressBarSoTheOldKeyCanGo() throws Exception {
    Path key = dir.resolve(KeysetFileKeyProvider.DEFAULT_FILE_NAME);
    int oldKey = JSON.readTree(key.toFile()).path("primaryKeyId").asInt();
    assertThat(oldKey).isNotZero();
    KeysetFileKeyProvider.addPrimaryKey(key);

    Cli.Result r = cli.run("rotate-keys", "--batch-size", "1");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.err()).contains("re-encrypting [", "100%").doesNotContain(seed.envSecret());
    assertThat(r.out()).contains("Re-encryption complete", "2 values re-sealed");

    KeysetFileKeyProvider.removeKey(key, oldKey);
    Cli.Result shown = cli.run("get", seed.env(), "-o", "json", "--reveal", "--yes-i-know");
    assertThat(shown.code()).as("readable with the new key only: " + shown).isZero();
    assertThat(shown.out()).contains(seed.envSecret());

    Cli.Result bad = cli.run("rotate-keys", "--batch-size", "0");
    assertThat(bad.code()).isEqualTo(AgentStoreCli.USAGE);
    assertThat(bad.err()).contains("--batch-size: must be between 1 and 1000");
  }

  @Test
  void pruneDeletesOldHistoryButKeepsEachLatestEntry() throws Exception {
    Thread.sleep(1100);
    Cli.Result r = cli.run("prune", "--older-than", "1s", "--kind", "agents");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).startsWith("Pruned 1 history entries older than").contains("of kind Agent");
    Cli.Result h = cli.run("history", seed.agent());
    assertThat(h.out().lines().toList()).hasSize(2);
    assertThat(h.out()).contains("UPDATED").doesNotContain("CREATED");

    Cli.Result bad = cli.run("prune", "--older-than", "soon");
    assertThat(bad.code()).isEqualTo(AgentStoreCli.USAGE);
    assertThat(bad.err()).contains("'soon' is not a duration");
    assertThat(cli.run("prune").err()).contains("Missing required option: '--older-than");
  }

  @Test
  void deleteWhereDeletesTheMatchesAndRefusesToGuess() {
    Cli.Result unfiltered = cli.run("delete-where", "agents");
    assertThat(unfiltered.code()).isEqualTo(AgentStoreCli.USAGE);
    assertThat(unfiltered.err()).contains("needs --filter or --selector");

    Cli.Result badFilter = cli.run("delete-where", "agents", "--filter", "spec.name ~~ 3");
    assertThat(badFilter.code()).as(badFilter.toString()).isEqualTo(AgentStoreCli.USAGE);
    assertThat(badFilter.err()).contains("agentstore: error:");

    Cli.Result dry = cli.run("delete-where", "agents", "-l", "team=sales", "--dry-run");
    assertThat(dry.out()).contains("Would delete up to 1 Agent");
    try (AgentStore store = AgentStore.open(uri)) {
      assertThat(store.agents().count(Query.all())).as("nothing changed so far").isEqualTo(2);
    }

    Cli.Result r = cli.run("delete-where", "agents", "-l", "team=sales", "--batch-size", "10");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("Deleted 1 Agent resources in 1 batches; 0 blocked");
    assertThat(cli.run("get", seed.otherAgent()).code()).isEqualTo(AgentStoreCli.NOT_FOUND);
    assertThat(cli.run("get", seed.agent()).code()).isZero();

    Cli.Result blocked = cli.run("delete-where", "agents", "--all");
    assertThat(blocked.out()).as("the instance still references the agent")
        .contains("Deleted 0 Agent resources", "1 blocked");
  }

  // ------------------------------------------------------------------ doctor

  @Test
  void doctorChecksAndItsExitCodeIsTheWorstOutcome() throws Exception {
    Cli.Result ok = cli.run("doctor");
    assertThat(ok.code()).as(ok.toString()).isZero();
    assertThat(ok.out()).contains("OK    wal", "OK    key file", "OK    migrations",
        "OK    unseal", "OK    artifacts   1 artifacts, none orphaned");

    try (AgentStore store = AgentStore.open(uri)) {
      store.agentExecutions().delete(seed.run());
    }
    Cli.Result orphan = cli.run("doctor");
    assertThat(orphan.code()).as(orphan.toString()).isEqualTo(AgentStoreCli.WARNINGS);
    assertThat(orphan.out()).contains("WARN  artifacts   1 of 1 artifacts belong to deleted"
        + " resources, e.g. " + seed.run() + "/report.txt");

    Path key = dir.resolve("master.key");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    Cli.Result open = cli.run("doctor");
    assertThat(open.code()).isEqualTo(AgentStoreCli.FAILURE);
    assertThat(open.out()).contains("FAIL  key file", "chmod 600");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));

    Path nowhere = dir.resolve("nowhere");
    Cli.Result missing = Cli.on("local:" + nowhere).run("doctor");
    assertThat(missing.code()).isEqualTo(AgentStoreCli.FAILURE);
    assertThat(missing.out()).contains("FAIL  store", "no store at");
    assertThat(nowhere).as("doctor creates nothing").doesNotExist();
  }

  @Test
  void aWrongKeyFailsWithTheSecretsExitCodeAndDoctorSaysSo() {
    Path other = dir.resolve("other.key");
    KeysetFileKeyProvider.generate(other);
    Cli.Result r = cli.global("--key-file", other.toString()).run("get", seed.env());
    assertThat(r.code()).as(r.toString()).isEqualTo(AgentStoreCli.SECRETS);
    assertThat(r.err()).startsWith("agentstore: error:");

    Cli.Result doctor = Cli.on(uri).global("--key-file", other.toString()).run("doctor");
    assertThat(doctor.code()).isEqualTo(AgentStoreCli.FAILURE);
    assertThat(doctor.out()).containsPattern("FAIL  (key|unseal)");

    Cli.Result both = Cli.on(uri).global("--key-file", other.toString(), "--key-env", "X")
        .run("ls", "agents");
    assertThat(both.code()).isEqualTo(AgentStoreCli.USAGE);
    assertThat(both.err()).contains("mutually exclusive");
  }

  // ------------------------------------------------------------------ the tool itself

  @Test
  void everyCommandHasHelpAndBadInputIsAUsageError() {
    for (String command : List.of("ls", "get", "history", "changes", "migrate", "rotate-keys",
        "prune", "delete-where", "doctor", "completion")) {
      Cli.Result help = Cli.bare().run(command, "--help");
      assertThat(help.code()).as(command).isZero();
      assertThat(help.out()).as(command).contains("Usage: agentstore " + command, "--store");
    }
    Cli.Result top = Cli.bare().run("--help");
    assertThat(top.out()).contains("Exit codes:", "130", "doctor: warnings");

    Cli.Result none = Cli.bare().run();
    assertThat(none.code()).isEqualTo(AgentStoreCli.USAGE);
    assertThat(none.err()).contains("Usage: agentstore");

    Cli.Result unknown = cli.run("lss", "agents");
    assertThat(unknown.code()).isEqualTo(AgentStoreCli.USAGE);
    assertThat(unknown.err()).contains("Unmatched argument", "ls");

    Cli.Result kind = cli.run("ls", "widgets");
    assertThat(kind.code()).isEqualTo(AgentStoreCli.USAGE);
    assertThat(kind.err()).contains("unknown kind 'widgets'", "AgentExecution");

    Cli.Result limit = cli.run("ls", "agents", "--limit", "0");
    assertThat(limit.code()).isEqualTo(AgentStoreCli.USAGE);
    assertThat(limit.err()).contains("--limit: must be between 1 and 100000");

    Cli.Result format = cli.run("ls", "agents", "-o", "xml");
    assertThat(format.code()).isEqualTo(AgentStoreCli.USAGE);
    assertThat(format.err()).contains("xml");

    Cli.Result filter = cli.run("ls", "agents", "--where", "spec.description >");
    assertThat(filter.code()).as(filter.toString()).isEqualTo(AgentStoreCli.USAGE);
    assertThat(filter.err()).startsWith("agentstore: error: ").contains("filter");

    Cli.Result selector = cli.run("ls", "agents", "-l", "team in (");
    assertThat(selector.code()).as(selector.toString()).isEqualTo(AgentStoreCli.USAGE);
  }

  @Test
  void versionCompletionAndTheStoreFromTheEnvironment() {
    Cli.Result v = Cli.bare().run("--version");
    assertThat(v.code()).isZero();
    assertThat(v.out()).startsWith("agentstore 0.");

    Cli.Result c = Cli.bare().run("completion");
    assertThat(c.code()).isZero();
    assertThat(c.out()).contains("complete -F", "rotate-keys", "delete-where", "--older-than");

    Cli.Result fromEnv = Cli.bare().env(AgentStoreCli.URI_VARIABLE, uri).run("ls", "agents");
    assertThat(fromEnv.code()).as(fromEnv.toString()).isZero();
    assertThat(fromEnv.out()).contains(seed.agent());
  }

  /** The newest migration the store reports (the TCK pins that list; this checks the output). */
  static String latestMigration(AgentStore.Builder location) {
    try (AgentStore store = location.open()) {
      List<dev.agentstore.SchemaMigration> applied = store.schemaMigrations();
      return applied.get(applied.size() - 1).version();
    }
  }
}
