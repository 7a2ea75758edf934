package dev.agentstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentstore.AgentStore;
import dev.agentstore.ArchiveSummary;
import dev.agentstore.AgentStores;
import dev.agentstore.Archives;
import dev.agentstore.CollectionDefinition;
import dev.agentstore.CustomResource;
import dev.agentstore.FieldRule;
import dev.agentstore.FieldType;
import dev.agentstore.ItemCollection;
import dev.agentstore.ItemQuery;
import dev.agentstore.KindDefinition;
import dev.agentstore.Metadata;
import dev.agentstore.FailedPreconditionException;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.Kind;
import dev.agentstore.ProgressListener;
import dev.agentstore.Query;
import dev.agentstore.SecretsException;
import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.AgentMessage;
import dev.agentstore.model.Environment;
import dev.agentstore.model.EnvironmentSpec;
import dev.agentstore.model.EnvironmentValue;
import dev.agentstore.model.IssuedApiKey;
import dev.agentstore.model.MessageType;
import dev.agentstore.model.ToolCall;
import dev.agentstore.secret.KeysetFileKeyProvider;
import dev.agentstore.spi.HistoryRecord;
import dev.agentstore.spi.StoredQuery;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The portability suite: {@code store.exporter()} and {@code store.importer()} move a whole store
 * (every kind, secrets still sealed, API-key hashes, history with its sequence numbers, execution
 * items, settings, artifacts, application-defined kinds with their change log, rows and
 * collections) into an empty store exactly, read format-1 archives, and refuse damaged archives,
 * non-empty targets, foreign keys and differently declared kinds with nothing imported
 * (docs/portability.md).
 *
 * <p>Usage: {@code class LocalPortabilityTest extends PortabilityTck { ... newStoreBuilder() ... }}
 */
public abstract class PortabilityTck extends SecretsSupport {

  /** What {@link #populate} made, to check on the other side. */
  protected record Populated(String envId, String secret, String apiKeyPlaintext,
      String executionId, String artifactKey, byte[] artifact) {}

  /** Fills {@code s} with one resource of every built-in kind and the rest of what an archive holds. */
  protected Populated populate(AgentStore s) {
    String org = newOrg(s).id();
    for (Kind kind : Kind.resourceKinds()) {
      if (kind != Kind.ORGANIZATION) {
        Samples.created(this, s, kind, org, unique("p"));
      }
    }
    String secret = marker();
    Environment env = s.environments().create(new Environment(dev.agentstore.Metadata.of(org,
        unique("env")), EnvironmentSpec.builder().description("prod").data(Map.of(
        "TOKEN", EnvironmentValue.secret(secret), "REGION", EnvironmentValue.plain("eu")))
        .build(), null));
    s.environments().update(env.withSpec(EnvironmentSpec.builder().description("prod v2")
        .data(env.spec().data()).build()));
    IssuedApiKey key = s.apiKeys().issue(org, unique("ci"), null);
    AgentExecution run = newAgentExecution(s, org);
    s.agentExecutions().appendMessages(run.id(), AgentMessage.of(MessageType.HUMAN, "hi",
        Instant.EPOCH), AgentMessage.of(MessageType.AI, "hello 1.0E-5", Instant.EPOCH));
    s.agentExecutions().upsertToolCall(run.id(), ToolCall.pending("c1", "ls", null));
    byte[] blob = ("artifact " + unique("a")).repeat(1000).getBytes(StandardCharsets.UTF_8);
    String artifactKey = "runs/" + run.id() + "/out.txt";
    s.artifacts().put(artifactKey, new ByteArrayInputStream(blob));
    return new Populated(env.id(), secret, key.plaintext(), run.id(), artifactKey, blob);
  }

  /** The archive of {@code s}, in memory. */
  protected static byte[] export(AgentStore s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    s.exporter().to(out);
    return out.toByteArray();
  }

  /** Asserts that {@code s} holds no resource, history or artifact. */
  protected static void assertEmpty(AgentStore s) {
    for (Kind k : Kind.resourceKinds()) {
      long rows = backendOf(s).read(tx -> tx.count(k, StoredQuery.builder(1).build()));
      assertThat(rows).as("%s rows", k.kindName()).isZero();
    }
    List<HistoryRecord> history = backendOf(s).read(tx -> tx.changesSince(0, null, 10));
    assertThat(history).as("history").isEmpty();
    assertThat(s.artifacts().list("", null, 10).items()).as("artifacts").isEmpty();
  }

  /** A populated source, its archive, and an empty target under the same key. */
  private record Pair(AgentStore source, byte[] archive, AgentStore target) {}

  private Pair populatedPair() {
    Path keys = newKeyset();
    AgentStore source = open(keyed(keys));
    populate(source);
    byte[] archive = export(source);
    return new Pair(source, archive, open(keyed(keys)));
  }

  private static List<Long> sequences(AgentStore s) {
    return backendOf(s).read(tx -> tx.changesSince(0, null, 10_000)).stream()
        .map(HistoryRecord::sequence).toList();
  }

  @Test
  void roundTripReproducesEveryKindSecretsHistoryItemsAndArtifacts() throws IOException {
    Path keys = newKeyset();
    AgentStore source = open(keyed(keys));
    Populated p = populate(source);
    byte[] archive = export(source);
    AgentStore target = open(keyed(keys));

    ArchiveSummary imported = target.importer().from(new ByteArrayInputStream(archive));

    Archives.VerifyReport report = Archives.verify(source, target);
    assertThat(report.differences()).isEmpty();
    assertThat(report.identical()).isTrue();
    assertThat(imported.sections()).isEqualTo(report.source().sections());
    for (Kind k : Kind.resourceKinds()) {
      assertThat(imported.sections().get("resources/" + k.kindName()).count())
          .as("%s exported", k.kindName()).isPositive();
    }
    assertThat(imported.sections().get("items/AgentExecution").count()).isEqualTo(3);
    assertThat(imported.sections().get("artifacts").count()).isEqualTo(1);
    assertThat(target.environments().get(p.envId()).orElseThrow().spec().data().get("TOKEN")
        .value()).isEqualTo(p.secret());
    assertThat(target.agentExecutions().get(p.executionId()).orElseThrow())
        .isEqualTo(source.agentExecutions().get(p.executionId()).orElseThrow());
    assertThat(target.environments().get(p.envId()).orElseThrow().metadata())
        .isEqualTo(source.environments().get(p.envId()).orElseThrow().metadata());
    try (InputStream in = target.artifacts().get(p.artifactKey())) {
      assertThat(in.readAllBytes()).isEqualTo(p.artifact());
    }
    String text = new String(archive, StandardCharsets.ISO_8859_1);
    assertFree("archive", text, List.of(p.secret(), p.apiKeyPlaintext()));
    // Exporting the copy gives the same manifest.
    assertThat(Archives.compare(imported, target.exporter().to(
        java.io.OutputStream.nullOutputStream())).identical()).isTrue();
    // Last, as verifying an API key records its use: the hashing key came along.
    assertThat(target.apiKeys().verify(p.apiKeyPlaintext())).as("API key hash").isPresent();
  }

  @Test
  void historyKeepsItsSequenceNumbersAndLaterWritesContinueAboveThem() {
    Path keys = newKeyset();
    AgentStore source = open(keyed(keys));
    String org = newOrg(source).id();
    for (int i = 0; i < 30; i++) {
      newAgent(source, org, unique("a"));
    }
    List<Long> before = sequences(source);
    AgentStore target = open(keyed(keys));
    target.importer().from(new ByteArrayInputStream(export(source)));

    assertThat(sequences(target)).isEqualTo(before);
    long max = before.get(before.size() - 1);
    newAgent(target, org, unique("after"));
    List<Long> after = sequences(target);
    assertThat(after).hasSize(before.size() + 1);
    assertThat(after.get(after.size() - 1)).isGreaterThan(max);
    assertThat(target.changes().since(max, 10)).hasSize(1);
  }

  @Test
  void importIntoANonEmptyStoreIsRefused() {
    Pair pair = populatedPair();
    AgentStore source = pair.source();
    byte[] archive = pair.archive();
    AgentStore target = pair.target();
    String existing = newOrg(target).id();

    assertThatThrownBy(() -> target.importer().from(new ByteArrayInputStream(archive)))
        .isInstanceOf(FailedPreconditionException.class).hasMessageContaining("not empty");
    assertThat(target.organizations().get(existing)).isPresent();
    assertThat(sequences(target)).hasSize(1);
  }

  @Test
  void truncatedArchiveIsRefusedWithNothingImported() {
    Pair pair = populatedPair();
    AgentStore source = pair.source();
    byte[] archive = pair.archive();
    AgentStore target = pair.target();

    for (int cut : new int[] {archive.length / 3, archive.length - 200, archive.length - 10}) {
      byte[] truncated = java.util.Arrays.copyOf(archive, cut);
      assertThatThrownBy(() -> target.importer().from(new ByteArrayInputStream(truncated)))
          .as("cut at %d of %d", cut, archive.length)
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("archive");
      assertEmpty(target);
    }
    // The refusals left nothing behind: the whole archive still imports.
    target.importer().from(new ByteArrayInputStream(archive));
    assertThat(Archives.verify(source, target).identical()).isTrue();
  }

  @Test
  void corruptedArchivesAreRefusedNamingWhatIsWrong() {
    Pair pair = populatedPair();
    AgentStore source = pair.source();
    byte[] archive = pair.archive();
    AgentStore target = pair.target();

    byte[] edited = rewrite(archive, "resources/Agent.ndjson",
        text -> text.replaceFirst("\"version\":1", "\"version\":7"));
    assertThatThrownBy(() -> target.importer().from(new ByteArrayInputStream(edited)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("resources/Agent").hasMessageContaining("digest");
    assertEmpty(target);

    byte[] dropped = rewrite(archive, "history.ndjson",
        text -> text.substring(text.indexOf('\n') + 1));
    assertThatThrownBy(() -> target.importer().from(new ByteArrayInputStream(dropped)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("history");
    assertEmpty(target);

    byte[] badJson = rewrite(archive, "resources/Skill.ndjson", text -> "{not json\n" + text);
    assertThatThrownBy(() -> target.importer().from(new ByteArrayInputStream(badJson)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("resources/Skill line 1").hasMessageContaining("not valid JSON");
    assertEmpty(target);

    byte[] notZip = "hello, not an archive".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> target.importer().from(new ByteArrayInputStream(notZip)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("archive");
    assertEmpty(target);
  }

  @Test
  void anArchiveSealedUnderAnotherKeyIsRefusedWithoutTheSourceKeys() {
    AgentStore source = open(keyed(newKeyset()));
    populate(source);
    byte[] archive = export(source);
    AgentStore target = open(keyed(newKeyset()));

    assertThatThrownBy(() -> target.importer().from(new ByteArrayInputStream(archive)))
        .isInstanceOf(SecretsException.class).hasMessageContaining("sourceKeys");
    assertEmpty(target);
  }

  @Test
  void givenTheSourceKeysAnImportReSealsUnderTheTargetKey() {
    Path sourceKeys = newKeyset();
    AgentStore source = open(keyed(sourceKeys));
    Populated p = populate(source);
    byte[] archive = export(source);
    AgentStore.Builder targetLocation = keyed(newKeyset());
    AgentStore target = open(targetLocation);

    target.importer().sourceKeys(KeysetFileKeyProvider.existing(sourceKeys))
        .from(new ByteArrayInputStream(archive));

    assertResealed(source, target, p);
    Archives.VerifyReport report = Archives.verify(source, target);
    assertThat(report.differences()).as("only sealed values and the sealed hashing key differ")
        .allMatch(d -> d.startsWith("resources/Environment") || d.startsWith("history")
            || d.startsWith("settings") || d.startsWith("resources/AgentExecution")
            || d.startsWith("resources/WorkflowExecution")
            || d.startsWith("resources/ExecutionContext"));
    assertThat(report.differences()).anyMatch(d -> d.startsWith("resources/Environment"));
    assertThat(target.apiKeys().verify(p.apiKeyPlaintext())).as("re-sealed hashing key")
        .isPresent();
    target.close();
    assertThat(open(targetLocation).apiKeys().verify(p.apiKeyPlaintext()))
        .as("the re-sealed hashing key, stored: after reopening").isPresent();
  }

  /**
   * Imported and copied items carry their execution's org and item keys, so queries across
   * executions find them in the target exactly as in the source.
   */
  @Test
  void importedAndCopiedItemsAreFoundByQueriesAcrossExecutions() {
    Path keys = newKeyset();
    AgentStore source = open(keyed(keys));
    Populated p = populate(source);
    String org = source.agentExecutions().get(p.executionId()).orElseThrow().metadata().org();
    dev.agentstore.ExecutionItemQuery named = dev.agentstore.ExecutionItemQuery.builder()
        .where("name", "ls").build();
    assertThat(source.forOrg(org).agentExecutions().toolCallsAcross().count(named)).isEqualTo(1);
    AgentStore imported = open(keyed(keys));
    imported.importer().from(new ByteArrayInputStream(export(source)));
    AgentStore copied = open(keyed(keys));
    AgentStores.copy().from(source).to(copied).run();

    for (AgentStore target : List.of(imported, copied)) {
      var calls = target.forOrg(org).agentExecutions().toolCallsAcross();
      assertThat(calls.count(named)).isEqualTo(1);
      assertThat(calls.list(named).items()).singleElement().satisfies(i -> {
        assertThat(i.executionId()).isEqualTo(p.executionId());
        assertThat(i.org()).isEqualTo(org);
      });
      assertThat(target.forOrg(org).agentExecutions().messagesAcross()
          .count(dev.agentstore.ExecutionItemQuery.builder().build())).isEqualTo(2);
    }
  }

  // ------------------------------------------------------------------ progress and copy

  @Test
  void exportAndImportReportProgressPerSection() {
    Pair pair = populatedPair();
    List<ProgressListener.Progress> exported = new java.util.ArrayList<>();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ArchiveSummary summary = pair.source().exporter().progress(exported::add).to(out);
    long agents = summary.sections().get("resources/Agent").count();
    assertThat(exported).anyMatch(p -> p.section().equals("resources/Agent")
        && p.done() == agents && p.total() == agents);
    assertThat(exported).anyMatch(p -> p.section().equals("artifacts") && p.done() == 1
        && p.bytes() > 0);
    List<ProgressListener.Progress> imported = new java.util.ArrayList<>();
    pair.target().importer().progress(imported::add)
        .from(new ByteArrayInputStream(out.toByteArray()));
    assertThat(imported).anyMatch(p -> p.section().equals("history")
        && p.done() == summary.sections().get("history").count());
    assertThat(imported).anyMatch(p -> p.section().equals("artifacts") && p.bytes() > 0);
    assertThatThrownBy(() -> pair.source().exporter().progress(null))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("progress");
  }

  @Test
  void copyReproducesTheStoreExactlyWithoutAnArchive() throws IOException {
    Path keys = newKeyset();
    AgentStore source = open(keyed(keys));
    Populated p = populate(source);
    AgentStore target = open(keyed(keys));
    List<ProgressListener.Progress> seen = new java.util.ArrayList<>();

    AgentStores.CopyReport report = AgentStores.copy().from(source).to(target)
        .progress(seen::add).run();

    Archives.VerifyReport verify = Archives.verify(source, target);
    assertThat(verify.differences()).isEmpty();
    assertThat(report.resumed()).isFalse();
    assertThat(report.historySequence()).isEqualTo(verify.source().historySequence());
    verify.source().sections().forEach((name, section) -> assertThat(report.sections()
        .get(name)).as(name).isEqualTo(section.count()));
    assertThat(report.artifactBytes()).isEqualTo(p.artifact().length);
    long agents = verify.source().sections().get("resources/Agent").count();
    assertThat(seen).anyMatch(s -> s.section().equals("resources/Agent") && s.done() == agents
        && s.total() == agents);
    assertThat(sequences(target)).isEqualTo(sequences(source));
    assertThat(copyMarker(target)).as("progress record removed when complete").isEmpty();
    assertThat(target.environments().get(p.envId()).orElseThrow().spec().data().get("TOKEN")
        .value()).isEqualTo(p.secret());
    try (InputStream in = target.artifacts().get(p.artifactKey())) {
      assertThat(in.readAllBytes()).isEqualTo(p.artifact());
    }
    assertThat(target.apiKeys().verify(p.apiKeyPlaintext())).as("API key hash").isPresent();
  }

  /**
   * Text that a backend's bulk path must escape (PostgreSQL's COPY text format: backslashes, a
   * literal {@code \N}, tabs, newlines, carriage returns) or encode (non-ASCII) arrives exactly
   * in resources, items and history, by copy and by import, whose batches go through that path;
   * one agent's row is longer than the 64 KiB a COPY sends at a time, so a batch goes in
   * several sends, rows before and after the long one included, each row exactly once.
   */
  @Test
  void copyAndImportKeepTextThatBulkLoadsMustEscape() {
    Path keys = newKeyset();
    AgentStore source = open(keyed(keys));
    String org = newOrg(source).id();
    String awkward = "back\\slash \\N \\\\ tab\t new\nline cr\r quote\" \u00e9 \ud83d\ude00 end";
    List<String> descriptions = List.of(awkward + 0, awkward.repeat(1500) + 1, awkward + 2);
    List<String> agents = new java.util.ArrayList<>();
    for (String description : descriptions) {
      agents.add(source.agents().create(new dev.agentstore.model.Agent(Metadata.of(org,
          unique("esc")), dev.agentstore.model.AgentSpec.builder()
          .description(description).build(), null)).id());
    }
    AgentExecution run = newAgentExecution(source, org);
    source.agentExecutions().appendMessages(run.id(), AgentMessage.of(MessageType.HUMAN, awkward,
        Instant.EPOCH), AgentMessage.of(MessageType.AI, awkward + "\\", Instant.EPOCH));
    AgentStore copied = open(keyed(keys));
    AgentStores.copy().from(source).to(copied).run();
    AgentStore imported = open(keyed(keys));
    imported.importer().from(new ByteArrayInputStream(export(source)));

    for (AgentStore target : List.of(copied, imported)) {
      assertThat(Archives.verify(source, target).differences()).isEmpty();
      for (int i = 0; i < descriptions.size(); i++) {
        dev.agentstore.model.Agent a = target.agents().get(agents.get(i)).orElseThrow();
        assertThat(a.spec().description()).isEqualTo(descriptions.get(i));
      }
      assertThat(target.agents().count(Query.all())).isEqualTo(source.agents().count(Query.all()));
      assertThat(target.agentExecutions().messages(run.id(), 0, 10)).extracting(
          m -> m.item().content()).containsExactly(awkward, awkward + "\\");
      assertThat(sequences(target)).isEqualTo(sequences(source));
    }
  }

  /** A listener that throws on its {@code at}-th call, as a crash would stop a copy. */
  private static final class Crash implements ProgressListener {
    private final int at;
    private int calls;

    Crash(int at) {
      this.at = at;
    }

    @Override
    public void progress(Progress progress) {
      if (++calls == at) {
        throw new IllegalStateException("crash after " + progress);
      }
    }
  }

  private static java.util.Optional<String> copyMarker(AgentStore s) {
    return backendOf(s).read(tx -> tx.setting("copy.progress"));
  }

  /** A populated source with enough rows that a small batch size splits every section. */
  private AgentStore biggerSource(Path keys) {
    AgentStore source = open(keyed(keys));
    populate(source);
    String org = newOrg(source).id();
    for (int i = 0; i < 7; i++) {
      AgentExecution run = newAgentExecution(source, org);
      source.agentExecutions().appendMessages(run.id(), AgentMessage.of(MessageType.HUMAN,
          "m" + i, Instant.EPOCH));
    }
    return source;
  }

  @Test
  void aCopyStoppedMidwayResumesWithNoDuplicatesAndNothingLost() {
    Path keys = newKeyset();
    AgentStore source = biggerSource(keys);
    AgentStore target = open(keyed(keys));

    int crashes = 0;
    AgentStores.CopyReport report = null;
    while (report == null) {
      try {
        report = AgentStores.copy().from(source).to(target).batchSize(4).progress(new Crash(15))
            .run();
      } catch (IllegalStateException crash) {
        assertThat(crash).hasMessageContaining("crash");
        crashes++;
        assertThat(copyMarker(target)).as("progress recorded in the target").isPresent();
        if (crashes == 1) {
          assertThat(Archives.verify(source, target).identical()).isFalse();
        }
        assertThat(crashes).as("copy makes progress").isLessThan(200);
      }
    }
    assertThat(crashes).isGreaterThan(3);
    assertThat(report.resumed()).isTrue();
    Archives.VerifyReport verify = Archives.verify(source, target);
    assertThat(verify.differences()).isEmpty();
    assertThat(sequences(target)).isEqualTo(sequences(source)).doesNotHaveDuplicates();
    Map<String, Long> copied = report.sections();
    verify.source().sections().forEach((name, section) -> assertThat(copied.get(name))
        .as(name).isEqualTo(section.count()));
    assertThat(copyMarker(target)).isEmpty();
  }

  @Test
  void copyIntoANonEmptyStoreOrTheSameStoreIsRefusedChangingNothing() {
    Path keys = newKeyset();
    AgentStore source = open(keyed(keys));
    populate(source);
    AgentStore target = open(keyed(keys));
    String existing = newOrg(target).id();
    ArchiveSummary before = target.exporter().to(java.io.OutputStream.nullOutputStream());

    assertThatThrownBy(() -> AgentStores.copy().from(source).to(target).run())
        .isInstanceOf(FailedPreconditionException.class).hasMessageContaining("not empty");
    assertThat(Archives.compare(before, target.exporter().to(
        java.io.OutputStream.nullOutputStream())).differences()).isEmpty();
    assertThat(target.organizations().get(existing)).isPresent();
    assertThat(copyMarker(target)).isEmpty();

    assertThatThrownBy(() -> AgentStores.copy().from(source).to(source).run())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("same store");
    assertThatThrownBy(() -> AgentStores.copy().to(target).run())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("from");
    assertThatThrownBy(() -> AgentStores.copy().batchSize(0))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("batchSize");
  }

  @Test
  void anUnfinishedCopyResumesOnlyFromTheSameUnchangedSource() {
    Path keys = newKeyset();
    AgentStore source = biggerSource(keys);
    AgentStore other = open(keyed(keys));
    populate(other);
    AgentStore target = open(keyed(keys));
    assertThatThrownBy(() -> AgentStores.copy().from(source).to(target).batchSize(3)
        .progress(new Crash(6)).run()).isInstanceOf(IllegalStateException.class);
    String marker = copyMarker(target).orElseThrow();
    ArchiveSummary partial = target.exporter().to(java.io.OutputStream.nullOutputStream());

    assertThatThrownBy(() -> AgentStores.copy().from(other).to(target).run())
        .isInstanceOf(FailedPreconditionException.class)
        .hasMessageContaining("unfinished copy of another store");
    String org = newOrg(source).id(); // the source moves on: its history grows
    assertThatThrownBy(() -> AgentStores.copy().from(source).to(target).run())
        .isInstanceOf(FailedPreconditionException.class)
        .hasMessageContaining("the source changed since this copy started");
    assertThat(copyMarker(target)).contains(marker);
    assertThat(Archives.compare(partial, target.exporter().to(
        java.io.OutputStream.nullOutputStream())).differences()).isEmpty();
    assertThat(target.organizations().get(org)).isEmpty();
  }

  @Test
  void aCopyBetweenStoresWithDifferentKeysReSealsUnderTheTargetKey() {
    AgentStore source = open(keyed(newKeyset()));
    Populated p = populate(source);
    AgentStore target = open(keyed(newKeyset()));

    AgentStores.copy().from(source).to(target).run();

    assertResealed(source, target, p);
    assertThat(Archives.verify(source, target).differences())
        .noneMatch(d -> d.startsWith("resources/Agent:") || d.startsWith("artifacts"));
    assertThat(target.apiKeys().verify(p.apiKeyPlaintext())).as("re-sealed hashing key")
        .isPresent();
  }

  // ------------------------------------------------------------------ declared kinds

  private static final com.fasterxml.jackson.databind.node.JsonNodeFactory JSON =
      com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;

  /** A profile kind: a reference to a built-in kind, a composite unique key, a collection. */
  private static KindDefinition.Builder profileBuilder() {
    return KindDefinition.builder("tck.dev", "Profile").idPrefix("tprf")
        .field("spec.owner", FieldType.STRING, FieldRule.required())
        .field("spec.name", FieldType.STRING)
        .field("spec.agentId", FieldType.REFERENCE, FieldRule.references(Kind.AGENT))
        .field("spec.weight", FieldType.DECIMAL)
        .field("status.state", FieldType.STRING, FieldRule.oneOf("active", "idle"))
        .unique("spec.owner", "spec.name")
        .collection(CollectionDefinition.builder("events")
            .field("type", FieldType.STRING, FieldRule.required())
            .field("at", FieldType.TIMESTAMP).build());
  }

  /** The profile kind's second version: an index added (a logged definition change). */
  private static final KindDefinition PROFILE = profileBuilder().index("status.state").build();

  /** A task kind referencing a profile: a reference between two declared kinds. */
  private static final KindDefinition TASK = KindDefinition.builder("tck.dev", "Task")
      .idPrefix("ttsk")
      .field("spec.profileId", FieldType.REFERENCE, FieldRule.references(PROFILE.kind()))
      .field("spec.title", FieldType.STRING).unique("spec.title").build();

  /** What {@link #populateDeclared} made. */
  private record DeclaredRows(String profileId, String taskId, String agentId) {}

  /**
   * Opens {@code location} with the profile kind at version 1, then again at version 2 with the
   * task kind, and fills it: built-in rows, profiles referencing an agent, a task referencing a
   * profile, collection items with and without keys, updates and history.
   */
  private DeclaredRows populateDeclared(AgentStore.Builder location) {
    AgentStore first = open(location.copy().kind(profileBuilder().build()));
    populate(first);
    first.close();
    AgentStore s = open(location.copy().kind(PROFILE).kind(TASK));
    String org = newOrg(s).id();
    String agentId = newAgent(s, org, unique("agent")).id();
    var profiles = s.resources(PROFILE);
    var p = profiles.create(CustomResource.of(PROFILE, Metadata.of(org, unique("p")),
        JSON.objectNode().put("owner", "ada").put("name", "main").put("agentId", agentId)
            .put("weight", new java.math.BigDecimal("0.30"))));
    profiles.update(p.withStatus(JSON.objectNode().put("state", "active")));
    profiles.create(CustomResource.of(PROFILE, Metadata.of(org, unique("p")),
        JSON.objectNode().put("owner", "ada").put("name", "spare")));
    var events = profiles.collection(p.id(), "events");
    events.append("evt-1", JSON.objectNode().put("type", "prompt").put("at",
        "2026-01-01T00:00:00Z"));
    events.append(null, JSON.objectNode().put("type", "tool").put("n", 1.0E-5));
    events.appendAll(List.of(ItemCollection.entry("evt-3", JSON.objectNode().put("type",
        "error")), ItemCollection.entry("evt-4", JSON.objectNode().put("type", "prompt"))));
    var t = s.resources(TASK).create(CustomResource.of(TASK, Metadata.of(org, unique("t")),
        JSON.objectNode().put("profileId", p.id()).put("title", "write docs")));
    return new DeclaredRows(p.id(), t.id(), agentId);
  }

  /** A populated store with declared kinds, under {@code keys}. */
  private record Declared(AgentStore store, DeclaredRows rows) {}

  private Declared declaredSource(Path keys) {
    AgentStore.Builder at = keyed(keys);
    DeclaredRows rows = populateDeclared(at);
    return new Declared(open(at.copy().kind(PROFILE).kind(TASK)), rows);
  }

  private static List<dev.agentstore.spi.StoredKindChange> kindLog(AgentStore s) {
    return backendOf(s).read(tx -> tx.kindChanges());
  }

  /** The target holds the source's declared rows, keys, references and items, enforced. */
  private void assertDeclaredReproduced(AgentStore source, AgentStore target, DeclaredRows rows) {
    Archives.VerifyReport verify = Archives.verify(source, target);
    assertThat(verify.differences()).isEmpty();
    assertThat(verify.source().sections()).containsKeys("kinds", "resources/tck.dev/Profile",
        "resources/tck.dev/Task", "collections/tck.dev/Profile/events");
    assertThat(verify.source().sections().get("kinds").count()).isEqualTo(3);
    assertThat(verify.source().sections().get("resources/tck.dev/Profile").count())
        .isEqualTo(2);
    assertThat(verify.source().sections().get("collections/tck.dev/Profile/events").count())
        .isEqualTo(4);
    assertThat(kindLog(target)).isEqualTo(kindLog(source));
    assertThat(target.kinds()).containsExactly(PROFILE, TASK);
    assertThat(target.resources(PROFILE).get(rows.profileId()))
        .isEqualTo(source.resources(PROFILE).get(rows.profileId()));
    assertThat(target.resources(TASK).get(rows.taskId()))
        .isEqualTo(source.resources(TASK).get(rows.taskId()));
    var targetEvents = target.resources(PROFILE).collection(rows.profileId(), "events");
    assertThat(targetEvents.list(ItemQuery.builder().limit(10).build()))
        .isEqualTo(source.resources(PROFILE).collection(rows.profileId(), "events")
            .list(ItemQuery.builder().limit(10).build()));
    assertThat(targetEvents.count(ItemQuery.builder().where("type", "prompt").build()))
        .as("declared item fields keyed").isEqualTo(2);
    assertThat(target.history().list(rows.profileId()))
        .isEqualTo(source.history().list(rows.profileId()));
    String org = target.resources(PROFILE).get(rows.profileId()).orElseThrow().metadata().org();
    // The database enforces the imported declarations: the unique key, the references.
    assertThatThrownBy(() -> target.resources(PROFILE).create(CustomResource.of(PROFILE,
        Metadata.of(org, unique("dup")), JSON.objectNode().put("owner", "ada").put("name",
        "main")))).isInstanceOf(dev.agentstore.AlreadyExistsException.class);
    assertThatThrownBy(() -> target.agents().delete(rows.agentId()))
        .isInstanceOf(FailedPreconditionException.class);
    assertThat(target.resources(PROFILE).list(dev.agentstore.Query.builder()
        .where("spec.name", "spare").build()).items()).hasSize(1);
    // A retried append under an imported key writes nothing; a new one continues the sequence.
    assertThat(targetEvents.append("evt-1", JSON.objectNode().put("type", "prompt")).sequence())
        .isEqualTo(1);
    assertThat(targetEvents.append("evt-5", JSON.objectNode().put("type", "prompt")).sequence())
        .isEqualTo(5);
  }

  @Test
  void declaredKindsRoundTripWithTheirChangeLogRowsKeysReferencesAndCollections() {
    Path keys = newKeyset();
    Declared declared = declaredSource(keys);
    AgentStore source = declared.store();
    DeclaredRows rows = declared.rows();
    byte[] archive = export(source);
    AgentStore target = open(keyed(keys)); // declares nothing: the import declares the kinds

    ArchiveSummary imported = target.importer().from(new ByteArrayInputStream(archive));

    assertThat(imported.formatVersion()).isEqualTo(2);
    assertThat(kindLog(source)).extracting(c -> c.name() + " v" + c.version())
        .containsExactly("tck.dev/Profile v1", "tck.dev/Profile v2", "tck.dev/Task v1");
    assertDeclaredReproduced(source, target, rows);
    // A target that declared the same kinds before the import takes the source's change log.
    AgentStore declaredFirst = open(keyed(keys).kind(PROFILE).kind(TASK));
    declaredFirst.importer().from(new ByteArrayInputStream(archive));
    assertThat(kindLog(declaredFirst)).as("the target's own declaration takes the source's log")
        .isEqualTo(kindLog(source));
    assertThat(Archives.verify(source, declaredFirst).differences()).isEmpty();
  }

  /**
   * A kind change log with a version missing (what a hand-edited archive could carry) is refused
   * by the backend as damaged, declaring nothing.
   */
  @Test
  void aKindLogWithAVersionMissingIsRefusedDeclaringNothing() {
    Path keys = newKeyset();
    List<dev.agentstore.spi.StoredKindChange> log = kindLog(declaredSource(keys).store());
    List<dev.agentstore.spi.StoredKindChange> gap = log.stream().map(c -> c.version() == 2
        ? new dev.agentstore.spi.StoredKindChange(c.name(), 3, c.definitionJson(), c.appliedAt(),
            c.declaredOrder()) : c).toList();
    assertThat(gap).extracting(c -> c.name() + " v" + c.version())
        .containsExactly("tck.dev/Profile v1", "tck.dev/Profile v3", "tck.dev/Task v1");
    AgentStore target = open(keyed(keys));

    assertThatThrownBy(() -> backendOf(target).write(tx -> tx.importKindChanges(gap)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("version 3 where 2 was expected");
    assertThat(kindLog(target)).isEmpty();
    assertThat(open(keyed(keys)).kinds()).isEmpty();
  }

  @Test
  void declaredKindsCopyExactlyAndResume() {
    Path keys = newKeyset();
    Declared declared = declaredSource(keys);
    AgentStore source = declared.store();
    DeclaredRows rows = declared.rows();
    AgentStore target = open(keyed(keys));

    AgentStores.CopyReport report = AgentStores.copy().from(source).to(target).run();

    assertThat(report.sections().get("kinds")).isEqualTo(3);
    assertThat(report.sections().get("collections/tck.dev/Profile/events")).isEqualTo(4);
    assertDeclaredReproduced(source, target, rows);

    AgentStore resumed = open(keyed(keys));
    int crashes = 0;
    while (true) {
      try {
        AgentStores.copy().from(source).to(resumed).batchSize(2).progress(new Crash(9)).run();
        break;
      } catch (IllegalStateException crash) {
        assertThat(crashes++).as("copy makes progress").isLessThan(200);
      }
    }
    assertThat(crashes).isPositive();
    assertThat(Archives.verify(source, resumed).differences()).isEmpty();
  }

  @Test
  void anImportIntoATargetDeclaringAKindDifferentlyIsRefusedChangingNothing() {
    Path keys = newKeyset();
    AgentStore source = declaredSource(keys).store();
    byte[] archive = export(source);
    KindDefinition other = profileBuilder().unique("spec.weight").build();
    AgentStore target = open(keyed(keys).kind(other));

    assertThatThrownBy(() -> target.importer().from(new ByteArrayInputStream(archive)))
        .isInstanceOf(FailedPreconditionException.class)
        .hasMessageContaining("tck.dev/Profile").hasMessageContaining("differently");
    assertEmpty(target);
    assertThat(kindLog(target)).extracting(c -> c.name() + " v" + c.version())
        .containsExactly("tck.dev/Profile v1");
    assertThatThrownBy(() -> AgentStores.copy().from(source).to(target).run())
        .isInstanceOf(FailedPreconditionException.class).hasMessageContaining("differently");
    assertEmpty(target);
  }

  @Test
  void aFormatOneArchiveStillImports() {
    Pair pair = populatedPair();
    byte[] formatOne = asFormatOne(pair.archive());

    ArchiveSummary imported = pair.target().importer()
        .from(new ByteArrayInputStream(formatOne));

    assertThat(imported.formatVersion()).isEqualTo(1);
    assertThat(Archives.verify(pair.source(), pair.target()).differences()).isEmpty();
    assertThat(Archives.compare(imported, pair.target().exporter()
        .to(java.io.OutputStream.nullOutputStream())).differences()).isEmpty();
  }

  /**
   * The archive of a store without declared kinds as format 1 wrote it: format 2 adds only the
   * {@code kinds} and declared kinds' entries, which such a store does not have, so format 1 is
   * the same entries with formatVersion 1.
   */
  private static byte[] asFormatOne(byte[] archive) {
    byte[] one = rewrite(archive, "format.json",
        text -> text.replace("\"formatVersion\":2", "\"formatVersion\":1"));
    one = rewrite(one, "manifest.json",
        text -> text.replace("\"formatVersion\":2", "\"formatVersion\":1"));
    assertThat(new String(one, StandardCharsets.ISO_8859_1)).doesNotContain("kinds.ndjson");
    return one;
  }

  /** The target reads the source's secret, stored under a ciphertext of its own. */
  private static void assertResealed(AgentStore source, AgentStore target, Populated p) {
    assertThat(target.environments().get(p.envId()).orElseThrow().spec().data().get("TOKEN")
        .value()).isEqualTo(p.secret());
    String sourceSealed = backendOf(source).read(tx -> tx.find(Kind.ENVIRONMENT, p.envId()))
        .orElseThrow().specJson();
    String targetSealed = backendOf(target).read(tx -> tx.find(Kind.ENVIRONMENT, p.envId()))
        .orElseThrow().specJson();
    assertThat(targetSealed).doesNotContain(p.secret());
    assertThat(sealedToken(targetSealed)).isNotEqualTo(sealedToken(sourceSealed));
  }

  private static String sealedToken(String specJson) {
    int at = specJson.indexOf("agentstore:sealed:");
    return specJson.substring(at, specJson.indexOf('"', at));
  }

  /** The archive with the text of one entry changed (entries re-zipped, nothing else touched). */
  protected static byte[] rewrite(byte[] archive, String entry, UnaryOperator<String> change) {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(archive))) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ZipOutputStream out = new ZipOutputStream(bytes)) {
        boolean found = false;
        for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
          byte[] body = in.readAllBytes();
          if (e.getName().equals(entry)) {
            body = change.apply(new String(body, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
            found = true;
          }
          out.putNextEntry(new ZipEntry(e.getName()));
          out.write(body);
          out.closeEntry();
        }
        assertThat(found).as("entry %s", entry).isTrue();
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
