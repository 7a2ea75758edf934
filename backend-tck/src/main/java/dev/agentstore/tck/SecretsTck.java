package dev.agentstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.AgentStore;
import dev.agentstore.ConflictException;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.Query;
import dev.agentstore.SecretsException;
import dev.agentstore.history.ChangeEvent;
import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.AgentExecutionSpec;
import dev.agentstore.model.AgentMessage;
import dev.agentstore.model.Environment;
import dev.agentstore.model.EnvironmentSpec;
import dev.agentstore.model.EnvironmentValue;
import dev.agentstore.model.ExecutionConfig;
import dev.agentstore.model.ExecutionContext;
import dev.agentstore.model.ExecutionContextSpec;
import dev.agentstore.model.ExecutionPhase;
import dev.agentstore.model.ExecutionValue;
import dev.agentstore.model.IssuedApiKey;
import dev.agentstore.model.MessageType;
import dev.agentstore.model.Session;
import dev.agentstore.model.WorkflowExecution;
import dev.agentstore.model.WorkflowExecutionSpec;
import dev.agentstore.model.WorkflowExecutionStatus;
import dev.agentstore.secret.AeadKeyProvider;
import dev.agentstore.secret.EnvironmentKeyProvider;
import dev.agentstore.secret.KeyProvider;
import dev.agentstore.secret.KeysetFileKeyProvider;
import dev.agentstore.secret.ReencryptionReport;
import dev.agentstore.secret.SecretKeys;
import dev.agentstore.spi.Backend;
import dev.agentstore.spi.HistoryRecord;
import dev.agentstore.spi.StoredResource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The secrets suite: secret values are sealed above the SPI so no row, history row or data file
 * holds plaintext; ciphertexts are bound to their resource and value name; wrong, missing and
 * badly protected keys are refused with errors that name the problem; rotation re-seals every
 * value under concurrent reads and writes so the old key can go; execution contexts vanish at
 * every terminal phase.
 *
 * <p>Usage: {@code class LocalSecretsTest extends SecretsTck { ... newStoreBuilder() ... }}
 */
public abstract class SecretsTck extends SecretsSupport {
  private static final String SEALED_PREFIX = "agentstore:sealed:v1:";
  private static final ObjectMapper JSON = new ObjectMapper();

  // ------------------------------------------------------------------ at rest

  @Test
  void noRowHistoryRowOrDataFileHoldsPlaintext() {
    AgentStore s = open(keyed(newKeyset()));
    String org = newOrg(s).id();
    String envSecret = marker();
    String updatedSecret = marker();
    String ctxSecret = marker();
    String runSecret = marker();
    String wfSecret = marker();
    String plain = marker();
    Environment created = s.environments().create(env(org, Map.of(
        "TOKEN", EnvironmentValue.secret(envSecret), "REGION", EnvironmentValue.plain(plain))));
    Environment env = s.environments().update(created.withSpec(EnvironmentSpec.builder()
        .description("tck").data(Map.of(
        "TOKEN", EnvironmentValue.secret(updatedSecret), "REGION",
        EnvironmentValue.plain(plain))).build()));
    AgentExecution run = agentRun(s, org, Map.of("RUN_TOKEN", ExecutionValue.secret(runSecret)));
    WorkflowExecution wf = workflowRun(s, org, Map.of("WF", ExecutionValue.secret(wfSecret)));
    ExecutionContext ctx = context(s, org, run.id(), ctxSecret);
    IssuedApiKey key = s.apiKeys().issue(org, unique("key"), null);
    List<String> secrets = List.of(envSecret, updatedSecret, ctxSecret, runSecret, wfSecret,
        key.plaintext());

    // The API hands the plaintext back...
    assertThat(token(s, env.id()))
        .isEqualTo(updatedSecret);
    assertThat(s.executionContexts().get(ctx.id()).orElseThrow().spec().data().get("KEY")
        .value()).isEqualTo(ctxSecret);
    assertThat(s.agentExecutions().get(run.id()).orElseThrow().spec().runtimeEnv()
        .get("RUN_TOKEN").value()).isEqualTo(runSecret);
    assertThat(s.workflowExecutions().get(wf.id()).orElseThrow().spec().runtimeEnv().get("WF")
        .value()).isEqualTo(wfSecret);

    // ...but below the facade there is none.
    Backend backend = backendOf(s);
    Map<Kind, String> ids = Map.of(Kind.ENVIRONMENT, env.id(), Kind.EXECUTION_CONTEXT, ctx.id(),
        Kind.AGENT_EXECUTION, run.id(), Kind.WORKFLOW_EXECUTION, wf.id(), Kind.API_KEY,
        key.key().id());
    backend.read(tx -> {
      ids.forEach((kind, id) -> {
        StoredResource row = tx.find(kind, id).orElseThrow();
        assertFree(kind + " row", row.toString(), secrets);
        if (kind != Kind.API_KEY) {
          assertThat(row.specJson()).as("sealed value format").contains(SEALED_PREFIX);
        }
        for (HistoryRecord h : tx.history(id, 0, 1000)) {
          assertFree("history of " + id, h.snapshotJson(), secrets);
        }
      });
      for (HistoryRecord h : tx.changesSince(0, null, 10_000)) {
        assertFree("change feed", h.toString(), secrets);
      }
      assertThat(tx.find(Kind.ENVIRONMENT, env.id()).orElseThrow().specJson()).contains(plain);
      return null;
    });
    scanDataFiles(backend, plain, secrets);
  }

  // ------------------------------------------------------------------ binding

  @Test
  void aCiphertextCopiedToAnotherResourceOrNameDoesNotOpen() {
    AgentStore s = open(keyed(newKeyset()));
    String org = newOrg(s).id();
    String secret = marker();
    Environment a = s.environments().create(env(org, Map.of(
        "TOKEN", EnvironmentValue.secret(secret), "OTHER", EnvironmentValue.secret(marker()))));
    Environment b = s.environments().create(env(org, Map.of(
        "TOKEN", EnvironmentValue.secret(marker()))));
    String sealed = sealedValue(s, Kind.ENVIRONMENT, a.id(), "TOKEN");

    // Same value name, another resource.
    overwriteSealed(s, Kind.ENVIRONMENT, b.id(), "TOKEN", sealed);
    SecretsException moved = catchThrowableOfType(SecretsException.class,
        () -> s.environments().get(b.id()));
    assertThat(moved).isNotNull();
    assertThat(moved.getMessage()).contains("TOKEN").contains(b.id()).doesNotContain(secret);

    // Same resource, another value name.
    overwriteSealed(s, Kind.ENVIRONMENT, a.id(), "OTHER", sealed);
    SecretsException renamed = catchThrowableOfType(SecretsException.class,
        () -> s.environments().get(a.id()));
    assertThat(renamed).isNotNull();
    assertThat(renamed.getMessage()).contains("OTHER").doesNotContain(secret);
    assertThatThrownBy(() -> s.environments().list(Query.builder().org(org).build()))
        .as("a page holding the moved value fails too").isInstanceOf(SecretsException.class);
  }

  @Test
  void anAlteredCiphertextDoesNotOpen() {
    AgentStore s = open(keyed(newKeyset()));
    String org = newOrg(s).id();
    String secret = marker();
    Environment e = s.environments().create(env(org, Map.of("TOKEN",
        EnvironmentValue.secret(secret))));
    String sealed = sealedValue(s, Kind.ENVIRONMENT, e.id(), "TOKEN");
    int i = sealed.length() - 3;
    String altered = sealed.substring(0, i) + (sealed.charAt(i) == 'A' ? 'B' : 'A')
        + sealed.substring(i + 1);
    overwriteSealed(s, Kind.ENVIRONMENT, e.id(), "TOKEN", altered);
    assertThatThrownBy(() -> s.environments().get(e.id())).isInstanceOf(SecretsException.class)
        .hasMessageContaining("authentication failed").hasMessageNotContaining(secret);
    overwriteSealed(s, Kind.ENVIRONMENT, e.id(), "TOKEN", "not sealed at all");
    assertThatThrownBy(() -> s.environments().get(e.id())).isInstanceOf(SecretsException.class)
        .hasMessageContaining("not an agentstore sealed value");
  }

  // ------------------------------------------------------------------ keys

  @Test
  void aWrongMissingOrAbsentKeyIsRefusedAtOpenNamingTheProblem() {
    Path key = newKeyset();
    AgentStore.Builder location = keyed(key);
    AgentStore s = open(location);
    String secret = marker();
    Environment e = s.environments().create(env(newOrg(s).id(), Map.of("TOKEN",
        EnvironmentValue.secret(secret))));
    s.close();

    Path wrong = newKeyset();
    assertThatThrownBy(() -> open(location.keyProvider(KeysetFileKeyProvider.existing(wrong))))
        .isInstanceOf(SecretsException.class)
        .hasMessageContaining("does not open this store's secrets")
        .hasMessageContaining("key id");
    assertThatThrownBy(() -> open(location.keyProvider(KeyProvider.none())))
        .isInstanceOf(SecretsException.class)
        .hasMessageContaining("no secret key is configured");
    Path missing = keyDir.resolve("missing.json");
    assertThatThrownBy(() -> open(location.keyProvider(KeysetFileKeyProvider.existing(missing))))
        .isInstanceOf(SecretsException.class).hasMessageContaining(missing.toString())
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> open(location.keyProvider(
        KeysetFileKeyProvider.createIfMissing(missing))))
        .as("a new key is never invented for a store that holds secrets")
        .isInstanceOf(SecretsException.class).hasMessageContaining("backup");
    assertThat(Files.exists(missing)).isFalse();

    AgentStore again = open(location.keyProvider(KeysetFileKeyProvider.existing(key)));
    assertThat(token(again, e.id()))
        .isEqualTo(secret);
  }

  @Test
  void withoutAKeySecretsAreRefusedAndNothingIsStored() {
    AgentStore.Builder location = newStoreBuilder().keyProvider(KeyProvider.none());
    AgentStore s = open(location);
    String org = newOrg(s).id();
    String secret = marker();
    assertThatThrownBy(() -> s.environments().create(env(org, Map.of("TOKEN",
        EnvironmentValue.secret(secret))))).isInstanceOf(SecretsException.class)
        .hasMessageContaining("no secret key is configured").hasMessageNotContaining(secret);
    assertThat(s.environments().count(Query.builder().org(org).build())).isZero();
    assertThatThrownBy(() -> s.apiKeys().issue(org, "ci", null))
        .isInstanceOf(SecretsException.class).hasMessageContaining("no secret key");
    assertThatThrownBy(() -> s.secrets().reencryptAll()).isInstanceOf(SecretsException.class)
        .hasMessageContaining("reencryptAll").hasMessageContaining("no secret key");
    Environment plain = s.environments().create(env(org, Map.of("REGION",
        EnvironmentValue.plain("eu"))));
    s.close();
    // No secret was written, so the store still opens without a key.
    AgentStore again = open(location);
    assertThat(again.environments().get(plain.id())).isPresent();
  }

  @Test
  void theDefaultKeyLivesInTheDataDirectoryOrThereIsNone() {
    // Whatever key the backend's TCK builder configures, this checks the backend's default.
    AgentStore.Builder location = newStoreBuilder().keyProvider(null);
    AgentStore s = open(location);
    String org = newOrg(s).id();
    String secret = marker();
    Optional<Path> dir = backendOf(s).dataDirectory();
    if (dir.isEmpty()) {
      assertThatThrownBy(() -> s.environments().create(env(org, Map.of("TOKEN",
          EnvironmentValue.secret(secret))))).isInstanceOf(SecretsException.class)
          .hasMessageContaining("no secret key is configured");
      return;
    }
    Path file = dir.get().resolve(KeysetFileKeyProvider.DEFAULT_FILE_NAME);
    assertThat(file).exists();
    assertOwnerOnly(file);
    Environment e = s.environments().create(env(org, Map.of("TOKEN",
        EnvironmentValue.secret(secret))));
    s.close();
    AgentStore again = open(location);
    assertThat(token(again, e.id()))
        .isEqualTo(secret);
  }

  @Test
  void aKeysetFileIsCreatedOwnerOnlyAndWiderPermissionsAreRefused() throws Exception {
    Path file = keyDir.resolve("created").resolve("master.key");
    Assumptions.assumeTrue(Files.getFileStore(keyDir).supportsFileAttributeView(
        PosixFileAttributeView.class), "skipped: the temporary file system is not POSIX");
    AgentStore.Builder location = newStoreBuilder().keyProvider(
        KeysetFileKeyProvider.createIfMissing(file));
    AgentStore s = open(location);
    assertOwnerOnly(file);
    String secret = marker();
    Environment e = s.environments().create(env(newOrg(s).id(), Map.of("TOKEN",
        EnvironmentValue.secret(secret))));
    s.close();
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    assertThatThrownBy(() -> open(location)).isInstanceOf(SecretsException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("chmod 600");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    assertThat(open(location).environments().get(e.id()).orElseThrow().spec().data()
        .get("TOKEN").value()).isEqualTo(secret);
  }

  @Test
  void environmentAndAeadProvidersSealToo() {
    Path key = newKeyset();
    String json = readString(key);
    Map<String, String> env = Map.of("TCK_KEYSET", json, "TCK_KEYSET_B64",
        Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
    AgentStore.Builder location = newStoreBuilder()
        .keyProvider(new EnvironmentKeyProvider("TCK_KEYSET", env));
    AgentStore s = open(location);
    String secret = marker();
    Environment e = s.environments().create(env(newOrg(s).id(), Map.of("TOKEN",
        EnvironmentValue.secret(secret))));
    s.close();
    // The same keyset, base64-encoded, and through a plain Aead (the KMS hook).
    AgentStore b64 = open(location.keyProvider(new EnvironmentKeyProvider("TCK_KEYSET_B64", env)));
    assertThat(token(b64, e.id()))
        .isEqualTo(secret);
    b64.close();
    SecretKeys keys = SecretKeys.of(KeysetFileKeyProvider.read(key), "tck");
    AgentStore kms = open(location.keyProvider(new AeadKeyProvider(keys.aead(), "tck kms")));
    assertThat(token(kms, e.id()))
        .isEqualTo(secret);
    // The primary of a bare Aead is unknown, so every value is re-sealed on every run.
    assertThat(kms.secrets().reencryptAll().valuesResealed()).isEqualTo(1);
    assertThat(kms.secrets().reencryptAll().valuesResealed()).isEqualTo(1);
    kms.close();
    assertThatThrownBy(() -> open(location.keyProvider(new EnvironmentKeyProvider("TCK_NONE",
        env)))).isInstanceOf(SecretsException.class).hasMessageContaining("TCK_NONE");
  }

  // ------------------------------------------------------------------ rotation

  @Test
  void rotationUnderConcurrentReadsAndWritesLosesNothingAndTheOldKeyCanGo() throws Exception {
    Path key = newKeyset();
    int oldKey = KeysetFileKeyProvider.read(key).getPrimary().getId();
    AgentStore.Builder location = keyed(key);
    AgentStore s = open(location);
    String org = newOrg(s).id();
    int n = 200;
    List<String> envIds = new ArrayList<>();
    Map<String, Set<String>> written = new ConcurrentHashMap<>();
    Map<String, String> latest = new ConcurrentHashMap<>();
    for (int i = 0; i < n; i++) {
      String v = marker();
      String id = s.environments().create(env(org, Map.of("TOKEN", EnvironmentValue.secret(v),
          "REGION", EnvironmentValue.plain("r" + i)))).id();
      envIds.add(id);
      written.put(id, ConcurrentHashMap.newKeySet());
      written.get(id).add(v);
      latest.put(id, v);
    }
    String runSecret = marker();
    AgentExecution run = agentRun(s, org, Map.of("RUN", ExecutionValue.secret(runSecret)));
    String ctxSecret = marker();
    ExecutionContext ctx = context(s, org, run.id(), ctxSecret);
    IssuedApiKey apiKey = s.apiKeys().issue(org, unique("key"), null);
    s.close();

    int newKey = KeysetFileKeyProvider.addPrimaryKey(key);
    assertThat(newKey).isNotEqualTo(oldKey);
    AgentStore rotated = open(location);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger writes = new AtomicInteger();
    AtomicInteger reads = new AtomicInteger();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> {
      try {
        while (!stop.get()) {
          String id = envIds.get(ThreadLocalRandom.current().nextInt(n));
          String v = token(rotated, id);
          if (!written.get(id).contains(v)) {
            throw new AssertionError(id + " read a value never written");
          }
          reads.incrementAndGet();
        }
      } catch (Throwable t) {
        failures.add(t);
      }
    });
    Thread writer = new Thread(() -> {
      try {
        while (!stop.get()) {
          String id = envIds.get(ThreadLocalRandom.current().nextInt(n));
          String v = marker();
          written.get(id).add(v);
          while (true) {
            Environment cur = rotated.environments().get(id).orElseThrow();
            try {
              rotated.environments().update(cur.withSpec(EnvironmentSpec.builder()
                  .description("tck").data(Map.of(
                  "TOKEN", EnvironmentValue.secret(v), "REGION",
                  cur.spec().data().get("REGION"))).build()));
              break;
            } catch (ConflictException raced) {
              // the re-encryption (or nobody else) moved it: read again and retry
            }
          }
          latest.put(id, v);
          writes.incrementAndGet();
        }
      } catch (Throwable t) {
        failures.add(t);
      }
    });
    reader.start();
    writer.start();
    awaitProgress(writes, 10, failures);
    ReencryptionReport report = rotated.secrets().reencryptAll(20);
    int after = writes.get();
    awaitProgress(writes, after + 10, failures);
    stop.set(true);
    reader.join();
    writer.join();
    assertThat(failures).isEmpty();
    assertThat(reads.get()).isPositive();
    assertThat(report.complete()).isTrue();
    assertThat(report.resourcesRewritten()).isPositive();
    assertThat(report.resourcesScanned()).isGreaterThanOrEqualTo(n + 2);
    ReencryptionReport rerun = rotated.secrets().reencryptAll();
    assertThat(rerun.resourcesRewritten()).as("a rerun finds nothing left").isZero();
    assertThat(rerun.valuesResealed()).isZero();
    rotated.close();

    KeysetFileKeyProvider.removeKey(key, oldKey);
    AgentStore retired = open(location);
    for (String id : envIds) {
      assertThat(token(retired, id))
          .as("latest write of %s", id).isEqualTo(latest.get(id));
    }
    assertThat(retired.agentExecutions().get(run.id()).orElseThrow().spec().runtimeEnv()
        .get("RUN").value()).isEqualTo(runSecret);
    assertThat(retired.executionContexts().get(ctx.id()).orElseThrow().spec().data().get("KEY")
        .value()).isEqualTo(ctxSecret);
    assertThat(retired.apiKeys().verify(apiKey.plaintext())).as("API keys survive rotation")
        .isPresent();
    // The execution, not an environment: the writer may have re-sealed any environment itself
    // before the re-encryption reached it, leaving that one no "re-encrypted" version.
    assertThat(retired.history().list(run.id())).extracting(v -> v.message())
        .contains("secrets re-encrypted");
  }

  @Test
  void anInterruptedRotationResumesWhereItStopped() {
    Path key = newKeyset();
    AgentStore.Builder location = keyed(key);
    AgentStore s = open(location);
    String org = newOrg(s).id();
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < 25; i++) {
      String v = marker();
      values.put(s.environments().create(env(org, Map.of("TOKEN",
          EnvironmentValue.secret(v)))).id(), v);
    }
    s.close();
    int oldKey = KeysetFileKeyProvider.read(key).getPrimary().getId();
    KeysetFileKeyProvider.addPrimaryKey(key);
    AgentStore rotated = open(location);
    ReencryptionReport first = rotated.secrets().reencrypt(10, 1);
    assertThat(first.complete()).isFalse();
    assertThat(first.resourcesRewritten()).isEqualTo(10);
    ReencryptionReport rest = rotated.secrets().reencryptAll(10);
    assertThat(rest.complete()).isTrue();
    assertThat(rest.resourcesRewritten()).isEqualTo(15);
    rotated.close();
    KeysetFileKeyProvider.removeKey(key, oldKey);
    AgentStore retired = open(location);
    values.forEach((id, v) -> assertThat(token(retired, id)).isEqualTo(v));
  }

  @Test
  void rotationReportsItsRunningTotalsAfterEveryBatch() {
    Path key = newKeyset();
    AgentStore.Builder location = keyed(key);
    AgentStore s = open(location);
    String org = newOrg(s).id();
    for (int i = 0; i < 25; i++) {
      s.environments().create(env(org, Map.of("TOKEN", EnvironmentValue.secret(marker()))));
    }
    s.close();
    KeysetFileKeyProvider.addPrimaryKey(key);
    AgentStore rotated = open(location);
    List<ReencryptionReport> seen = new ArrayList<>();
    ReencryptionReport done = rotated.secrets().reencrypt(10, Integer.MAX_VALUE, seen::add);
    assertThat(done.complete()).isTrue();
    assertThat(done.resourcesRewritten()).isEqualTo(25);
    assertThat(seen).as("one call per full batch, then the final report").hasSizeGreaterThan(2);
    assertThat(seen.get(seen.size() - 1)).isEqualTo(done);
    assertThat(seen.subList(0, seen.size() - 1)).allSatisfy(r -> assertThat(r.complete()).isFalse());
    assertThat(seen).extracting(ReencryptionReport::resourcesScanned).isSorted();
    assertThat(seen.get(0).resourcesScanned()).isEqualTo(10);
    ReencryptionReport limited = rotated.secrets().reencrypt(10, 1, seen::add);
    assertThat(seen.get(seen.size() - 1)).as("a stopped run reports its partial totals")
        .isEqualTo(limited);
    assertThat(limited.complete()).isFalse();
    assertThatThrownBy(() -> rotated.secrets().reencrypt(0, 1, r -> { }))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("batchSize");
  }

  @Test
  void removingTheOldKeyBeforeReencryptingIsRefusedNamingTheKey() {
    Path key = newKeyset();
    AgentStore.Builder location = keyed(key);
    AgentStore s = open(location);
    s.environments().create(env(newOrg(s).id(), Map.of("TOKEN",
        EnvironmentValue.secret(marker()))));
    s.close();
    int oldKey = KeysetFileKeyProvider.read(key).getPrimary().getId();
    KeysetFileKeyProvider.addPrimaryKey(key);
    KeysetFileKeyProvider.removeKey(key, oldKey);
    assertThatThrownBy(() -> open(location)).isInstanceOf(SecretsException.class)
        .hasMessageContaining("key id " + Integer.toUnsignedString(oldKey))
        .hasMessageContaining("reencryptAll");
  }

  @Test
  void reencryptionIsForTheWholeStoreOutsideTransactions() {
    AgentStore s = open(keyed(newKeyset()));
    String org = newOrg(s).id();
    assertThatThrownBy(() -> s.forOrg(org).secrets().reencryptAll())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("unscoped");
    assertThatThrownBy(() -> s.inTransaction(tx -> tx.secrets().reencryptAll()))
        .isInstanceOf(dev.agentstore.FailedPreconditionException.class);
    assertThatThrownBy(() -> s.secrets().reencryptAll(0))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("batchSize");
    assertThatThrownBy(() -> s.secrets().reencrypt(Query.MAX_PAGE_SIZE + 1, 1))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("batchSize");
    assertThatThrownBy(() -> s.secrets().reencrypt(10, 0))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("maxBatches");
    assertThat(s.secrets().reencrypt(Query.MAX_PAGE_SIZE, 1).complete())
        .as("the largest batch is a page").isTrue();
  }

  // ------------------------------------------------------------------ masking

  @Test
  void secretsPrintMaskedAndErrorsNeverEchoThem() {
    AgentStore s = open(keyed(newKeyset()));
    String org = newOrg(s).id();
    String secret = marker();
    Environment e = s.environments().create(env(org, Map.of("TOKEN",
        EnvironmentValue.secret(secret))));
    assertThat(e.toString()).contains("***").doesNotContain(secret);
    AgentExecution run = agentRun(s, org, Map.of("RUN", ExecutionValue.secret(secret)));
    assertThat(run.toString()).contains("***").doesNotContain(secret);
    ExecutionContext ctx = context(s, org, run.id(), secret);
    assertThat(ctx.toString()).contains("***").doesNotContain(secret);
    assertThat(e.spec().data().get("TOKEN").value()).as("the explicit accessor").isEqualTo(secret);

    for (String bad : List.of(secret + "\u0000", secret + "\ud800")) {
      assertThatThrownBy(() -> s.environments().create(env(org, Map.of("TOKEN",
          EnvironmentValue.secret(bad))))).isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("spec.data.TOKEN").hasMessageNotContaining(secret);
    }
    assertThatThrownBy(() -> s.environments().list(Query.builder().org(org)
        .where("spec.data.TOKEN.value", secret).build()))
        .isInstanceOf(InvalidArgumentException.class).hasMessageNotContaining(secret);
    assertThatThrownBy(() -> s.environments().list(Query.builder().org(org)
        .filter("spec.data.TOKEN.value == \"" + secret + "\"").build()))
        .isInstanceOf(InvalidArgumentException.class).hasMessageNotContaining(secret);
  }

  // ------------------------------------------------------------------ ephemeral contexts

  @ParameterizedTest
  @EnumSource(value = ExecutionPhase.class, names = {"COMPLETED", "FAILED", "CANCELLED"})
  void contextsAreDeletedAtEveryTerminalPhaseAndKeptBefore(ExecutionPhase terminal) {
    AgentStore s = open(keyed(newKeyset()));
    String org = newOrg(s).id();
    Backend backend = backendOf(s);

    // Agent execution through IN_PROGRESS and an append, ended by transition().
    AgentExecution run = agentRun(s, org, Map.of());
    String secret = marker();
    ExecutionContext ctx = context(s, org, run.id(), secret);
    s.agentExecutions().transition(run.id(), ExecutionPhase.IN_PROGRESS);
    s.agentExecutions().appendMessages(run.id(), AgentMessage.of(MessageType.AI, "hi",
        Instant.now()));
    assertThat(s.executionContexts().get(ctx.id())).as("kept while running").isPresent();
    s.agentExecutions().transition(run.id(), terminal);
    assertGone(s, backend, ctx.id(), secret);

    // Workflow execution straight from PENDING, ended by updateStatus().
    WorkflowExecution wf = workflowRun(s, org, Map.of());
    ExecutionContext wctx = context(s, org, wf.id(), secret);
    assertThat(s.executionContexts().get(wctx.id())).as("kept while pending").isPresent();
    WorkflowExecution cur = s.workflowExecutions().get(wf.id()).orElseThrow();
    s.workflowExecutions().updateStatus(cur.withStatus(
        WorkflowExecutionStatus.pending().withPhase(terminal)));
    assertGone(s, backend, wctx.id(), secret);

    // A context of another execution is untouched.
    AgentExecution other = agentRun(s, org, Map.of());
    ExecutionContext kept = context(s, org, other.id(), marker());
    AgentExecution third = agentRun(s, org, Map.of());
    s.agentExecutions().transition(third.id(), terminal);
    assertThat(s.executionContexts().get(kept.id())).isPresent();
  }

  // ------------------------------------------------------------------ helpers

  private void assertGone(AgentStore s, Backend backend, String ctxId, String secret) {
    assertThat(s.executionContexts().get(ctxId)).as("deleted at the terminal phase").isEmpty();
    backend.read(tx -> {
      assertThat(tx.find(Kind.EXECUTION_CONTEXT, ctxId)).as("row gone below the facade")
          .isEmpty();
      List<HistoryRecord> h = tx.history(ctxId, 0, 100);
      assertThat(h).extracting(HistoryRecord::event).contains(ChangeEvent.DELETED);
      h.forEach(r -> assertFree("context history", r.snapshotJson(), List.of(secret)));
      return null;
    });
  }

  private static void assertOwnerOnly(Path file) {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view == null) {
      return;
    }
    try {
      assertThat(PosixFilePermissions.toString(view.readAttributes().permissions()))
          .isEqualTo("rw-------");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void awaitProgress(AtomicInteger counter, int target, List<Throwable> failures)
      throws InterruptedException {
    Eventually.until(target + " writes (or a failure)",
        () -> counter.get() >= target || !failures.isEmpty());
  }


  /** The plaintext of the TOKEN value of an environment, read through the API. */
  private static String token(AgentStore s, String envId) {
    return s.environments().get(envId).orElseThrow().spec().data().get("TOKEN").value();
  }

  private static String readString(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * The secrets of an execution's runtimeEnv do not outlive its terminal phase: the transition
   * tombstones them (the entry keeps its name and {@code secret: true}, loses its value) in the
   * row and in every history snapshot, in the same transaction; plain values stay, and a later
   * update cannot bring a secret back.
   */
  @ParameterizedTest
  @EnumSource(value = ExecutionPhase.class, names = {"COMPLETED", "FAILED", "CANCELLED"})
  void aFinishedExecutionKeepsNoRuntimeSecretsInItsRowOrHistory(ExecutionPhase terminal) {
    AgentStore s = open(keyed(newKeyset()));
    String org = newOrg(s).id();
    AgentExecution run = agentRun(s, org, Map.of("TOKEN", ExecutionValue.secret(marker()),
        "REGION", ExecutionValue.plain("eu")));
    WorkflowExecution wf = workflowRun(s, org, Map.of("WF", ExecutionValue.secret(marker())));
    s.agentExecutions().transition(run.id(), ExecutionPhase.IN_PROGRESS);
    AgentExecution running = s.agentExecutions().get(run.id()).orElseThrow();
    s.agentExecutions().update(running.withMetadata(running.metadata().withLabel("seen", "y")));
    assertThat(rawSpec(s, Kind.AGENT_EXECUTION, run.id())).as("sealed while running")
        .contains(SEALED_PREFIX);

    s.agentExecutions().transition(run.id(), terminal);
    s.workflowExecutions().transition(wf.id(), terminal);

    ExecutionValue token = s.agentExecutions().get(run.id()).orElseThrow().spec().runtimeEnv()
        .get("TOKEN");
    assertThat(token.secret()).isTrue();
    assertThat(token.value()).isNull();
    assertThat(s.agentExecutions().get(run.id()).orElseThrow().spec().runtimeEnv().get("REGION")
        .value()).isEqualTo("eu");
    assertThat(s.workflowExecutions().get(wf.id()).orElseThrow().spec().runtimeEnv().get("WF")
        .value()).isNull();
    assertNoSealedValue(s, Kind.AGENT_EXECUTION, run.id());
    assertNoSealedValue(s, Kind.WORKFLOW_EXECUTION, wf.id());
    assertThat(s.history().list(run.id())).extracting(v -> v.event())
        .contains(ChangeEvent.CREATED, ChangeEvent.UPDATED, ChangeEvent.STATUS_UPDATED);

    AgentExecution done = s.agentExecutions().get(run.id()).orElseThrow();
    s.agentExecutions().update(done.withSpec(done.spec().withRuntimeEnv(Map.of("TOKEN",
        ExecutionValue.secret(marker())))));
    assertThat(s.agentExecutions().get(run.id()).orElseThrow().spec().runtimeEnv().get("TOKEN")
        .value()).as("no secret after the end").isNull();
    assertNoSealedValue(s, Kind.AGENT_EXECUTION, run.id());
  }

  /** An execution created already finished, or deleted unfinished, keeps no secret either. */
  @Test
  void aDeletedOrBornFinishedExecutionKeepsNoRuntimeSecrets() {
    AgentStore s = open(keyed(newKeyset()));
    String org = newOrg(s).id();
    AgentExecution run = agentRun(s, org, Map.of("TOKEN", ExecutionValue.secret(marker())));
    assertThat(s.agentExecutions().delete(run.id())).isTrue();
    backendOf(s).read(tx -> {
      for (HistoryRecord h : tx.history(run.id(), 0, 1000)) {
        assertThat(h.snapshotJson()).as("history of a deleted execution")
            .doesNotContain(SEALED_PREFIX);
      }
      return null;
    });
    WorkflowExecution base = workflowRun(s, org, Map.of());
    WorkflowExecution born = s.workflowExecutions().create(new WorkflowExecution(
        Metadata.of(org, unique("born")), base.spec().withRuntimeEnv(Map.of("WF",
            ExecutionValue.secret(marker()))), WorkflowExecutionStatus.pending()
            .withPhase(ExecutionPhase.COMPLETED)));
    assertThat(born.spec().runtimeEnv().get("WF").value()).isNull();
    assertNoSealedValue(s, Kind.WORKFLOW_EXECUTION, born.id());
  }

  /**
   * An ExecutionContext's secrets go with it: deleted when its execution finishes, or deleted
   * directly, none of its history snapshots keeps a sealed value.
   */
  @Test
  void aDeletedExecutionContextLeavesNoSecretInItsHistory() {
    AgentStore s = open(keyed(newKeyset()));
    String org = newOrg(s).id();
    AgentExecution run = agentRun(s, org, Map.of());
    ExecutionContext ended = context(s, org, run.id(), marker());
    ExecutionContext dropped = context(s, org, run.id(), marker());
    s.executionContexts().update(ended.withMetadata(ended.metadata().withLabel("v", "2")));
    assertThat(rawSpec(s, Kind.EXECUTION_CONTEXT, ended.id())).contains(SEALED_PREFIX);
    assertThat(s.executionContexts().delete(dropped.id())).isTrue();
    s.agentExecutions().transition(run.id(), ExecutionPhase.COMPLETED);
    assertThat(s.executionContexts().get(ended.id())).isEmpty();
    for (String id : List.of(ended.id(), dropped.id())) {
      backendOf(s).read(tx -> {
        List<HistoryRecord> history = tx.history(id, 0, 1000);
        assertThat(history).extracting(HistoryRecord::event).contains(ChangeEvent.DELETED);
        for (HistoryRecord h : history) {
          assertThat(h.snapshotJson()).as("history %s of %s", h.event(), id)
              .doesNotContain(SEALED_PREFIX).contains("REGION");
        }
        return null;
      });
    }
  }

  private static String rawSpec(AgentStore s, Kind kind, String id) {
    return backendOf(s).read(tx -> tx.find(kind, id).orElseThrow().specJson());
  }

  /** Neither the row nor any history row of {@code id} holds a sealed value. */
  private static void assertNoSealedValue(AgentStore s, Kind kind, String id) {
    backendOf(s).read(tx -> {
      assertThat(tx.find(kind, id).orElseThrow().specJson()).as("row of %s", id)
          .doesNotContain(SEALED_PREFIX);
      List<HistoryRecord> history = tx.history(id, 0, 1000);
      assertThat(history).isNotEmpty();
      for (HistoryRecord h : history) {
        assertThat(h.snapshotJson()).as("history %s of %s", h.event(), id)
            .doesNotContain(SEALED_PREFIX);
      }
      return null;
    });
  }

  private static Environment env(String org, Map<String, EnvironmentValue> data) {
    return new Environment(Metadata.of(org, unique("env")), EnvironmentSpec.builder()
        .description("tck").data(data).build(),
        null);
  }

  private AgentExecution agentRun(AgentStore s, String org, Map<String, ExecutionValue> env) {
    Session session = newSession(s, org);
    String agentId = s.agentInstances().get(session.spec().agentInstanceId()).orElseThrow()
        .spec().agentId();
    return s.agentExecutions().create(new AgentExecution(Metadata.of(org, unique("run")),
        AgentExecutionSpec.builder().sessionId(session.id()).agentId(agentId).message("hello")
            .config(ExecutionConfig.builder().model("tck").build()).runtimeEnv(env).build(),
        null));
  }

  private WorkflowExecution workflowRun(AgentStore s, String org,
      Map<String, ExecutionValue> env) {
    WorkflowExecution w = newWorkflowExecution(s, org);
    WorkflowExecutionSpec sp = w.spec();
    return s.workflowExecutions().create(new WorkflowExecution(Metadata.of(org, unique("wrun")),
        WorkflowExecutionSpec.builder().workflowInstanceId(sp.workflowInstanceId())
            .workflowId(sp.workflowId()).triggerMessage("go").runtimeEnv(env).build(),
        null));
  }

  private static ExecutionContext context(AgentStore s, String org, String executionId,
      String secret) {
    return s.executionContexts().create(new ExecutionContext(Metadata.of(org, unique("ctx")),
        ExecutionContextSpec.builder().executionId(executionId).data(Map
            .of("KEY", ExecutionValue.secret(secret),
            "REGION", ExecutionValue.plain("eu"))).build(), null));
  }

  /** The sealed form of one secret value as the backend stores it. */
  private static String sealedValue(AgentStore s, Kind kind, String id, String name) {
    String spec = backendOf(s).read(tx -> tx.find(kind, id).orElseThrow().specJson());
    try {
      return JSON.readTree(spec).path("data").path(name).path("value").asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Writes {@code sealed} into one secret value below the facade (as an attacker with DB access could). */
  private static void overwriteSealed(AgentStore s, Kind kind, String id, String name,
      String sealed) {
    backendOf(s).write(tx -> {
      StoredResource r = tx.find(kind, id).orElseThrow();
      ObjectNode spec;
      try {
        spec = (ObjectNode) JSON.readTree(r.specJson());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      ((ObjectNode) spec.path("data").path(name)).put("value", sealed);
      StoredResource next = r.toBuilder().version(r.version() + 1).specJson(spec.toString())
          .build();
      assertThat(tx.update(next, r.version())).isTrue();
      return null;
    });
  }
}
