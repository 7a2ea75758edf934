package dev.agentstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstore.AgentStore;
import dev.agentstore.AgentStores;
import dev.agentstore.Archives;
import dev.agentstore.model.Agent;
import dev.agentstore.postgres.PostgresStores;
import dev.agentstore.secret.KeysetFileKeyProvider;
import dev.agentstore.spi.StoreBackends;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agentstore copy} and {@code AgentStores.copy} across backends (issue 14 items 2 and 4):
 * SQLite -> PostgreSQL -> SQLite without an archive gives identical verify digests, and a copy
 * process killed with SIGKILL mid-way finishes when run again, with exact counts.
 */
class CopyCliTest {
  @TempDir
  Path dir;

  @Test
  void sqliteToPostgresToSqliteByCopyIsIdentical() throws Exception {
    String a = "local:" + dir.resolve("a");
    Seed seed;
    try (AgentStore store = AgentStore.open(a)) {
      seed = Seed.into(store);
    }
    Path key = dir.resolve("a").resolve("master.key");
    String pg = PostgresStores.newDatabase();
    String pgArtifacts = "file:" + dir.resolve("pg-artifacts");

    Cli.Result copy = Cli.on(a).run("copy", "--to", pg, "--to-key-file", key.toString(),
        "--to-artifacts", pgArtifacts, "--verify");
    assertThat(copy.code()).as(copy.toString()).isZero();
    assertThat(copy.out()).contains("Copied " + a + " to " + pg + ":", "resources/Agent",
        "Identical.").doesNotContain("resumed");
    // Without a terminal: one plain line per finished section on stderr.
    assertThat(copy.err()).contains("copying resources/Agent: 2/2", "copying artifacts: 1 (")
        .doesNotContain("\r");

    String c = "local:" + dir.resolve("c");
    AgentStores.CopyReport back = AgentStores.copy()
        .from(AgentStore.builder().uri(pg).artifacts(pgArtifacts)).to(c)
        .keyProvider(KeysetFileKeyProvider.existing(key)).run();
    assertThat(back.sections().get("resources/Agent")).isEqualTo(2);
    try (AgentStore source = AgentStore.open(a);
        AgentStore copied = AgentStore.builder().uri(c)
            .keyProvider(KeysetFileKeyProvider.existing(key)).open()) {
      assertThat(Archives.verify(source, copied).differences()).isEmpty();
      assertThat(copied.environments().get(seed.env()).orElseThrow().spec().data().get("TOKEN")
          .value()).isEqualTo(seed.envSecret());
      assertThat(copied.history().list(seed.agent())).hasSize(2);
      assertThat(copied.agentExecutions().get(seed.run()).orElseThrow())
          .isEqualTo(source.agentExecutions().get(seed.run()).orElseThrow());
    }

    // Copying again into the now non-empty PostgreSQL store is refused: exit 4.
    Cli.Result again = Cli.on(a).run("copy", "--to", pg, "--to-key-file", key.toString(),
        "--to-artifacts", pgArtifacts);
    assertThat(again.code()).as(again.toString()).isEqualTo(AgentStoreCli.CONFLICT);
    assertThat(again.err()).contains("not empty").doesNotContain("resume");
    Cli.Result same = Cli.on(a).run("copy", "--to", a);
    assertThat(same.code()).as(same.toString()).isEqualTo(AgentStoreCli.USAGE);
  }

  @Test
  void copyHelpAndProgressBarsForExportImportAndCopy() {
    Cli.Result help = Cli.bare().run("copy", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("--to=URI", "--from=URI", "--to-key-file", "--progress",
        "--batch-size", "resumes");
    String a = "local:" + dir.resolve("a");
    try (AgentStore store = AgentStore.open(a)) {
      Seed.into(store);
    }
    Path archive = dir.resolve("a.zip");
    Cli.Result export = Cli.on(a).run("export", archive.toString(), "--progress");
    assertThat(export.code()).as(export.toString()).isZero();
    assertThat(export.err()).contains("\rexporting resources/Agent [", "100% 2/2");
    String b = "local:" + dir.resolve("b");
    Path key = dir.resolve("a").resolve("master.key");
    Cli.Result imported = Cli.on(b).global("--key-file", key.toString())
        .run("import", archive.toString());
    assertThat(imported.code()).as(imported.toString()).isZero();
    assertThat(imported.err()).contains("importing resources/Agent: 2", "importing history: ");
    Cli.Result copy = Cli.on(a).run("copy", "--to", "local:" + dir.resolve("c"), "--progress",
        "--batch-size", "0");
    assertThat(copy.code()).isEqualTo(AgentStoreCli.USAGE);
    Cli.Result bars = Cli.on(a).run("copy", "--to", "local:" + dir.resolve("c"), "--progress");
    assertThat(bars.code()).as(bars.toString()).isZero();
    assertThat(bars.err()).contains("\rcopying resources/Agent [", "100% 2/2");
  }

  @Test
  void aCopyKilledMidwayFinishesWhenRunAgain() throws Exception {
    String a = "local:" + dir.resolve("a");
    try (AgentStore store = AgentStore.open(a)) {
      Seed seed = Seed.into(store);
      for (int i = 0; i < 300; i++) {
        store.agents().create(Agent.builder().org(seed.org()).name("Agent " + i)
            .instructions("x").build());
      }
    }
    String b = "local:" + dir.resolve("b");
    Path key = dir.resolve("a").resolve("master.key");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        AgentStoreCli.class.getName(), "--store", a, "copy", "--to", b, "--to-key-file",
        key.toString(), "--batch-size", "1", "--progress").redirectErrorStream(true).start();
    try (InputStreamReader out = new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8)) {
      StringBuilder seen = new StringBuilder();
      for (int ch = out.read(); ch >= 0; ch = out.read()) {
        seen.append((char) ch);
        if (seen.indexOf("copying resources/Agent [") >= 0) {
          break;
        }
      }
      assertThat(seen).as("the copy got to the agents").contains("copying resources/Agent [")
          .doesNotContain("Copied");
      p.destroyForcibly(); // SIGKILL, in the middle of the agents
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    try (AgentStore target = AgentStore.builder().uri(b)
        .keyProvider(KeysetFileKeyProvider.existing(key)).open()) {
      Optional<String> marker = StoreBackends.of(target).read(tx -> tx.setting("copy.progress"));
      assertThat(marker).as("an unfinished copy").isPresent();
      long agents = target.agents().count(dev.agentstore.Query.all());
      assertThat(agents).as("agents copied before the kill").isLessThan(302);
    }

    Cli.Result resumed = Cli.on(a).run("copy", "--to", b, "--to-key-file", key.toString(),
        "--verify");
    assertThat(resumed.code()).as(resumed.toString()).isZero();
    assertThat(resumed.out()).contains("(resumed an unfinished copy)", "Identical.");
    assertThat(List.of(resumed.out().split("\n"))).anyMatch(l -> l.matches(
        "\\s+resources/Agent\\s+302"));
  }
}
