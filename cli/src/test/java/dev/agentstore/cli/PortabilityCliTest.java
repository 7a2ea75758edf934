package dev.agentstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstore.AgentStore;
import dev.agentstore.Archives;
import dev.agentstore.model.Agent;
import dev.agentstore.postgres.PostgresStores;
import dev.agentstore.secret.KeysetFileKeyProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * export, import and verify on the command line, and the cross-backend round trip of issue 14:
 * SQLite -> archive -> PostgreSQL -> archive -> SQLite gives identical verify digests, secrets,
 * history, items and artifacts included.
 */
class PortabilityCliTest {
  @TempDir
  Path dir;

  @Test
  void sqliteToPostgresToSqliteRoundTripIsIdentical() throws Exception {
    String a = "local:" + dir.resolve("a");
    Seed seed;
    try (AgentStore store = AgentStore.open(a)) {
      seed = Seed.into(store);
    }
    Path key = dir.resolve("a").resolve("master.key");
    assertThat(key).exists();
    Path first = dir.resolve("first.zip");
    Cli.Result export = Cli.on(a).run("export", first.toString());
    assertThat(export.code()).as(export.toString()).isZero();
    assertThat(export.out()).contains("resources/Agent", "history", "artifacts");
    assertThat(Files.readAllBytes(first)).isNotEmpty();
    assertThat(new String(Files.readAllBytes(first), StandardCharsets.ISO_8859_1))
        .doesNotContain(seed.envSecret()).doesNotContain(seed.runSecret());

    String pg = PostgresStores.newDatabase();
    String pgArtifacts = "file:" + dir.resolve("pg-artifacts");
    Cli onPg = Cli.on(pg).global("--key-file", key.toString(), "--artifacts", pgArtifacts);
    Cli.Result imported = onPg.run("import", first.toString());
    assertThat(imported.code()).as(imported.toString()).isZero();

    Cli.Result verify = Cli.on(a).run("verify", "--target", pg, "--target-key-file",
        key.toString(), "--target-artifacts", pgArtifacts);
    assertThat(verify.code()).as(verify.toString()).isZero();
    assertThat(verify.out()).contains("Identical.");

    Path second = dir.resolve("second.zip");
    assertThat(onPg.run("export", second.toString()).code()).isZero();
    String c = "local:" + dir.resolve("c");
    Cli onC = Cli.on(c).global("--key-file", key.toString());
    Cli.Result back = onC.run("import", second.toString());
    assertThat(back.code()).as(back.toString()).isZero();
    assertThat(back.out()).isEqualTo(export.out().replace("Exported to " + first,
        "Imported from " + second));

    try (AgentStore source = AgentStore.open(a);
        AgentStore copy = AgentStore.builder().uri(c)
            .keyProvider(KeysetFileKeyProvider.existing(key)).open()) {
      Archives.VerifyReport report = Archives.verify(source, copy);
      assertThat(report.differences()).isEmpty();
      assertThat(copy.environments().get(seed.env()).orElseThrow().spec().data().get("TOKEN")
          .value()).isEqualTo(seed.envSecret());
      assertThat(copy.history().list(seed.agent())).hasSize(2);
      assertThat(copy.agentExecutions().get(seed.run()).orElseThrow())
          .isEqualTo(source.agentExecutions().get(seed.run()).orElseThrow());
      // A difference makes verify exit non-zero, naming the section.
      copy.agents().create(Agent.builder().org(seed.org()).name("Extra").instructions("x")
          .build());
    }
    Cli.Result differs = Cli.on(a).run("verify", "--target", c, "--target-key-file",
        key.toString());
    assertThat(differs.code()).as(differs.toString()).isEqualTo(AgentStoreCli.FAILURE);
    assertThat(differs.out()).contains("DIFFERENT resources/Agent: 2 records in the source, 3");
  }

  @Test
  void importRefusesNonEmptyStoresDamagedArchivesAndForeignKeysWithTheirExitCodes()
      throws Exception {
    String a = "local:" + dir.resolve("a");
    try (AgentStore store = AgentStore.open(a)) {
      Seed.into(store);
    }
    Path archive = dir.resolve("a.zip");
    assertThat(Cli.on(a).run("export", archive.toString()).code()).isZero();
    Path key = dir.resolve("a").resolve("master.key");

    Cli.Result nonEmpty = Cli.on(a).run("import", archive.toString());
    assertThat(nonEmpty.code()).as(nonEmpty.toString()).isEqualTo(AgentStoreCli.CONFLICT);
    assertThat(nonEmpty.err()).contains("not empty");

    byte[] bytes = Files.readAllBytes(archive);
    Path cut = dir.resolve("cut.zip");
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    String b = "local:" + dir.resolve("b");
    Cli onB = Cli.on(b).global("--key-file", key.toString());
    Cli.Result truncated = onB.run("import", cut.toString());
    assertThat(truncated.code()).as(truncated.toString()).isEqualTo(AgentStoreCli.USAGE);
    assertThat(truncated.err()).contains("archive", "nothing was imported");

    String other = "local:" + dir.resolve("other");
    Cli.Result foreign = Cli.on(other).run("import", archive.toString());
    assertThat(foreign.code()).as(foreign.toString()).isEqualTo(AgentStoreCli.SECRETS);
    assertThat(foreign.err()).contains("--source-key-file");
    Cli.Result resealed = Cli.on(other).run("import", archive.toString(), "--source-key-file",
        key.toString());
    assertThat(resealed.code()).as(resealed.toString()).isZero();

    Cli.Result whole = onB.run("import", archive.toString());
    assertThat(whole.code()).as(whole.toString()).isZero();
    Cli.Result same = Cli.on(a).run("verify", "--target", b, "--target-key-file",
        key.toString());
    assertThat(same.code()).as(same.toString()).isZero();
  }
}
