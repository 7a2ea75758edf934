package dev.agentstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentstore.AgentStore;
import dev.agentstore.postgres.PostgresStores;
import dev.agentstore.secret.KeysetFileKeyProvider;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same commands against the embedded PostgreSQL: identical output shapes and exit codes, a
 * key file and an artifact store given as options (a PostgreSQL store has no data directory).
 */
class PostgresCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  String url;
  Path key;
  Seed seed;
  Cli cli;

  @BeforeEach
  void seed() {
    url = PostgresStores.newDatabase();
    key = dir.resolve("master.key");
    KeysetFileKeyProvider.generate(key);
    String artifacts = "file:" + dir.resolve("artifacts");
    try (AgentStore store = AgentStore.builder().uri(url)
        .keyProvider(KeysetFileKeyProvider.existing(key)).artifacts(artifacts).open()) {
      seed = Seed.into(store);
    }
    cli = Cli.on(url).global("--key-file", key.toString(), "--artifacts", artifacts);
  }

  @Test
  void lsGetAndHistoryTakeDeclaredKindsOnPostgres() throws Exception {
    DeclaredSeed declared;
    try (AgentStore store = AgentStore.builder().uri(url)
        .keyProvider(KeysetFileKeyProvider.existing(key)).kind(DeclaredSeed.CREDENTIAL)
        .kind(DeclaredSeed.TRIGGER).kind(DeclaredSeed.OPS_TRIGGER).open()) {
      declared = DeclaredSeed.into(store, seed.org());
    }
    declared.check(cli);
  }

  @Test
  void lsGetHistoryAndChangesWorkOnPostgresWithSecretsMasked() throws Exception {
    Cli.Result ls = cli.run("ls", "agents", "-l", "team=support");
    assertThat(ls.code()).as(ls.toString()).isZero();
    assertThat(ls.out().lines().toList()).hasSize(2);
    assertThat(ls.out()).contains(seed.agent(), "Support Bot");

    Cli.Result env = cli.run("ls", "environments", "-o", "json");
    JsonNode e = JSON.readTree(env.out()).get(0);
    assertThat(e.at("/spec/data/TOKEN/value").asText()).isEqualTo("***");
    assertThat(env.out()).doesNotContain(seed.envSecret());

    Cli.Result get = cli.run("get", seed.run(), "-o", "json");
    assertThat(JSON.readTree(get.out()).at("/spec/runtimeEnv/API_TOKEN/value").asText())
        .isEqualTo("***");

    Cli.Result revealed = cli.run("get", seed.env(), "--reveal", "--yes-i-know");
    assertThat(revealed.out()).contains(seed.envSecret());

    Cli.Result history = cli.run("history", seed.agent());
    assertThat(history.out().lines().toList()).hasSize(3);
    assertThat(history.out()).contains("CREATED", "UPDATED", "alice");

    Cli.Result changes = cli.run("changes", "--since", "0", "--count", "3", "-o", "json");
    assertThat(changes.out().lines().toList()).hasSize(3);

    assertThat(cli.run("get", "agt-01j9zq3x5m8k2v7w4t6r0y1b2c").code())
        .isEqualTo(AgentStoreCli.NOT_FOUND);
    assertThat(cli.run("ls", "agents", "--where", "spec.description >").code())
        .isEqualTo(AgentStoreCli.USAGE);
  }

  @Test
  void migrateRotateKeysAndDoctorOnPostgres() {
    Cli.Result migrate = cli.run("migrate");
    assertThat(migrate.code()).as(migrate.toString()).isZero();
    List<String> lines = migrate.out().lines().toList();
    assertThat(lines).anyMatch(l -> l.startsWith("1 ") && l.contains("Success"));
    String latest = LocalCliTest.latestMigration(AgentStore.builder().uri(url)
        .keyProvider(KeysetFileKeyProvider.existing(key)));
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo("Schema is up to date at version " + latest + ".");

    KeysetFileKeyProvider.addPrimaryKey(key);
    Cli.Result rotate = cli.run("rotate-keys");
    assertThat(rotate.code()).as(rotate.toString()).isZero();
    assertThat(rotate.err()).contains("100%");
    assertThat(rotate.out()).contains("Re-encryption complete", "2 values re-sealed");

    Cli.Result doctor = cli.run("doctor");
    assertThat(doctor.code()).as(doctor.toString()).isZero();
    assertThat(doctor.out()).contains("OK    open", "OK    key file", "OK    migrations",
        "OK    unseal", "OK    artifacts   1 artifacts, none orphaned")
        .doesNotContain("wal").doesNotContain("password=");

    Cli.Result noKey = Cli.on(url).run("doctor");
    assertThat(noKey.code()).as(noKey.toString()).isEqualTo(AgentStoreCli.FAILURE);
    assertThat(noKey.out()).contains("WARN  key source").containsPattern("FAIL  (key|open)");
  }

  @Test
  void unreachableDatabaseIsUnavailable() {
    Cli.Result r = Cli.on("postgresql://nobody@127.0.0.1:1/none").run("ls", "agents");
    assertThat(r.code()).as(r.toString()).isEqualTo(AgentStoreCli.UNAVAILABLE);
    assertThat(r.err()).startsWith("agentstore: error: ");
  }
}
