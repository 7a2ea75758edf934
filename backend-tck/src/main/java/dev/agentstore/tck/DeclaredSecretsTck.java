package dev.agentstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.AgentStore;
import dev.agentstore.AlreadyExistsException;
import dev.agentstore.CollectionDefinition;
import dev.agentstore.CustomResource;
import dev.agentstore.FieldRule;
import dev.agentstore.FieldType;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.KindDefinition;
import dev.agentstore.Metadata;
import dev.agentstore.Query;
import dev.agentstore.history.ResourceVersion;
import dev.agentstore.secret.KeysetFileKeyProvider;
import dev.agentstore.secret.ReencryptionReport;
import dev.agentstore.spi.Backend;
import dev.agentstore.spi.HistoryRecord;
import dev.agentstore.spi.StoredResource;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Declared SECRET fields: sealed like environments' secret values, so no row, history entry,
 * change or data file holds their plaintext, while reads open them; key rotation re-seals them;
 * keys, indexes and queries on them are refused, and errors never echo them.
 *
 * <p>Usage: {@code class LocalDeclaredSecretsTest extends DeclaredSecretsTck { ... }}
 */
public abstract class DeclaredSecretsTck extends SecretsSupport {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String SEALED_PREFIX = "agentstore:sealed:v1:";

  private static final KindDefinition CREDENTIAL = KindDefinition.builder("vault.dev",
      "Credential").idPrefix("cred")
      .field("spec.name", FieldType.STRING, FieldRule.required())
      .field("spec.token", FieldType.SECRET, FieldRule.required())
      .field("spec.basic.password", FieldType.SECRET)
      .field("status.state", FieldType.STRING)
      .unique("spec.name").build();

  private static ObjectNode spec(String name, String token, String password) {
    ObjectNode s = JSON.objectNode().put("name", name).put("token", token);
    if (password != null) {
      s.putObject("basic").put("user", "ada").put("password", password);
    }
    return s;
  }

  private static CustomResource<ObjectNode, ObjectNode> create(AgentStore s, String org,
      ObjectNode spec) {
    return s.resources(CREDENTIAL).create(CustomResource.of(CREDENTIAL,
        Metadata.of(org, unique("cred")), spec));
  }

  @Test
  void noRowHistoryEntryChangeOrDataFileHoldsTheirPlaintextAndReadsOpenThem() {
    AgentStore s = open(keyed(newKeyset()).kind(CREDENTIAL));
    String org = newOrg(s).id();
    String token = marker();
    String password = marker();
    String newToken = marker();
    String plain = marker();
    var created = create(s, org, spec(plain, token, password));
    assertThat(created.spec().get("token").asText()).isEqualTo(token);
    var moved = s.resources(CREDENTIAL).updateStatus(created.withStatus(JSON.objectNode()
        .put("state", "active")));
    assertThat(moved.spec().get("token").asText()).as("a status write keeps the secret")
        .isEqualTo(token);
    var updated = s.resources(CREDENTIAL).update(moved.withSpec(spec(plain, newToken,
        password)));
    assertThat(updated.metadata().version()).isEqualTo(3);
    List<String> secrets = List.of(token, password, newToken);

    // The API hands the plaintext back...
    var read = s.resources(CREDENTIAL).get(created.id()).orElseThrow();
    assertThat(read.spec().get("token").asText()).isEqualTo(newToken);
    assertThat(read.spec().path("basic").get("password").asText()).isEqualTo(password);
    assertThat(read.spec().path("basic").get("user").asText()).isEqualTo("ada");
    assertThat(s.resources(CREDENTIAL).list(Query.all()).items().get(0).spec().get("token")
        .asText()).isEqualTo(newToken);

    // ...but the history, the change feed and everything below the facade hold ciphertext.
    for (ResourceVersion v : s.history().list(created.id())) {
      assertFree("history entry " + v.resourceVersion(), v.snapshot().toString(), secrets);
      assertThat(v.snapshot().path("spec").get("token").asText()).startsWith(SEALED_PREFIX);
    }
    for (ResourceVersion v : s.changes().since(0, 10_000)) {
      assertFree("change feed", v.toString(), secrets);
    }
    Backend backend = backendOf(s);
    backend.read(tx -> {
      StoredResource row = tx.find(CREDENTIAL.kind(), created.id()).orElseThrow();
      assertFree("row", row.toString(), secrets);
      assertThat(row.specJson()).contains(SEALED_PREFIX).contains(plain);
      for (HistoryRecord h : tx.history(created.id(), 0, 1000)) {
        assertFree("history row", h.snapshotJson(), secrets);
      }
      return null;
    });
    scanDataFiles(backend, plain, secrets);
  }

  /**
   * An archive carries declared secrets sealed, never in plaintext; an import under the same key
   * opens them, and one under another key, given the source's keys, re-seals them.
   */
  @Test
  void exportCarriesDeclaredSecretsSealedAndAnImportUnderAnotherKeyReSealsThem()
      throws java.io.IOException {
    Path sourceKey = newKeyset();
    AgentStore source = open(keyed(sourceKey).kind(CREDENTIAL));
    String org = newOrg(source).id();
    String token = marker();
    String password = marker();
    String id = create(source, org, spec("exported", token, password)).id();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    source.exporter().to(out);
    byte[] archive = out.toByteArray();
    try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(
        new java.io.ByteArrayInputStream(archive))) {
      for (java.util.zip.ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        assertFree("archive entry " + e.getName(), new String(zip.readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8), List.of(token, password));
      }
    }

    AgentStore sameKey = open(keyed(sourceKey));
    sameKey.importer().from(new java.io.ByteArrayInputStream(archive));
    var copied = sameKey.resources(CREDENTIAL).get(id).orElseThrow();
    assertThat(copied.spec().get("token").asText()).isEqualTo(token);

    AgentStore otherKey = open(keyed(newKeyset()));
    otherKey.importer().sourceKeys(KeysetFileKeyProvider.existing(sourceKey))
        .from(new java.io.ByteArrayInputStream(archive));
    var resealed = otherKey.resources(CREDENTIAL).get(id).orElseThrow();
    assertThat(resealed.spec().get("token").asText()).isEqualTo(token);
    assertThat(resealed.spec().path("basic").get("password").asText()).isEqualTo(password);
    String row = backendOf(otherKey).read(tx -> tx.find(CREDENTIAL.kind(), id)).orElseThrow()
        .specJson();
    assertFree("re-sealed row", row, List.of(token, password));
  }

  @Test
  void rotationReSealsDeclaredSecretsSoTheOldKeyCanGo() {
    Path key = newKeyset();
    int oldKey = KeysetFileKeyProvider.read(key).getPrimary().getId();
    AgentStore.Builder location = keyed(key).kind(CREDENTIAL);
    AgentStore s = open(location);
    String org = newOrg(s).id();
    String token = marker();
    String password = marker();
    String id = create(s, org, spec("a", token, password)).id();
    String bare = create(s, org, spec("b", marker(), null)).id();
    String before = backendOf(s).read(tx -> tx.find(CREDENTIAL.kind(), id)).orElseThrow()
        .specJson();
    s.close();

    KeysetFileKeyProvider.addPrimaryKey(key);
    AgentStore rotated = open(location);
    ReencryptionReport report = rotated.secrets().reencryptAll(1);
    assertThat(report.complete()).isTrue();
    assertThat(report.resourcesRewritten()).isGreaterThanOrEqualTo(2);
    assertThat(report.valuesResealed()).isGreaterThanOrEqualTo(3);
    String after = backendOf(rotated).read(tx -> tx.find(CREDENTIAL.kind(), id)).orElseThrow()
        .specJson();
    assertThat(after).isNotEqualTo(before).contains(SEALED_PREFIX);
    assertThat(rotated.history().list(id)).last().extracting(ResourceVersion::message)
        .isEqualTo("secrets re-encrypted");
    assertThat(rotated.secrets().reencryptAll().resourcesRewritten()).as("a rerun: nothing")
        .isZero();
    rotated.close();

    KeysetFileKeyProvider.removeKey(key, oldKey);
    AgentStore retired = open(location);
    var read = retired.resources(CREDENTIAL).get(id).orElseThrow();
    assertThat(read.spec().get("token").asText()).isEqualTo(token);
    assertThat(read.spec().path("basic").get("password").asText()).isEqualTo(password);
    assertThat(retired.resources(CREDENTIAL).get(bare)).isPresent();
  }

  @Test
  void keysIndexesAndQueriesOnASecretAreRefusedAndErrorsNeverEchoIt() {
    assertThatThrownBy(() -> KindDefinition.builder("vault.dev", "Bad").idPrefix("vbad")
        .field("spec.token", FieldType.SECRET).unique("spec.token"))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("spec.token")
        .hasMessageContaining("SECRET");
    assertThatThrownBy(() -> KindDefinition.builder("vault.dev", "Bad").idPrefix("vbad")
        .field("spec.token", FieldType.SECRET).index("spec.token"))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("SECRET");
    assertThatThrownBy(() -> KindDefinition.builder("vault.dev", "Bad").idPrefix("vbad")
        .field("spec.token", FieldType.SECRET, FieldRule.oneOf("a", "b")))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("oneOf");
    assertThatThrownBy(() -> KindDefinition.builder("vault.dev", "Bad").idPrefix("vbad")
        .field("status.token", FieldType.SECRET))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("status.token");
    assertThatThrownBy(() -> CollectionDefinition.builder("events")
        .field("token", FieldType.SECRET)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("SECRET");

    AgentStore s = open(keyed(newKeyset()).kind(CREDENTIAL));
    String org = newOrg(s).id();
    String token = marker();
    var c = create(s, org, spec("taken", token, null));
    var repo = s.resources(CREDENTIAL);
    for (Query q : List.of(Query.builder().where("spec.token", token).build(),
        Query.builder().where("spec.basic.password").isNull().build(),
        Query.builder().where("spec.basic", "x").build(),
        Query.builder().orderBy("spec.token", false).build())) {
      assertThatThrownBy(() -> repo.list(q)).isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("SECRET").satisfies(e ->
              assertThat(e.getMessage()).doesNotContain(token));
    }
    // Paths beside the secrets stay queryable: another spec field, a sibling of a secret in
    // the same object, a status field.
    assertThat(repo.count(Query.builder().org(org).where("spec.name", "taken").build()))
        .isEqualTo(1);
    assertThat(repo.count(Query.builder().org(org).where("spec.basic.user", "ada").build()))
        .isZero();
    assertThat(repo.count(Query.builder().org(org).where("status.state").isNull().build()))
        .isEqualTo(1);
    assertThat(repo.list(Query.builder().org(org).orderBy("spec.name", false).build()).items())
        .hasSize(1);
    String other = marker();
    assertThatThrownBy(() -> create(s, org, spec("taken", other, null)))
        .isInstanceOf(AlreadyExistsException.class)
        .satisfies(e -> assertThat(String.valueOf(e.getMessage())).doesNotContain(other));
    ObjectNode wrongType = spec("n", token, null);
    wrongType.put("token", 42);
    assertThatThrownBy(() -> create(s, org, wrongType))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("spec.token");
    assertThatThrownBy(() -> create(s, org, JSON.objectNode().put("name", "none")))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("spec.token");
    assertThat(repo.count(Query.all())).isEqualTo(1);
    assertThat(repo.get(c.id()).orElseThrow().spec().get("token").asText()).isEqualTo(token);
  }

  @Test
  void applyWithTheSameSecretWritesNothing() {
    AgentStore s = open(keyed(newKeyset()).kind(CREDENTIAL));
    String org = newOrg(s).id();
    String token = marker();
    var c = create(s, org, spec("same", token, null));
    var again = s.resources(CREDENTIAL).apply(CustomResource.of(CREDENTIAL,
        Metadata.of(org, c.metadata().name()).withSlug(c.metadata().slug()),
        spec("same", token, null)));
    assertThat(again.metadata().version()).as("unchanged: no new version").isEqualTo(1);
    var changed = s.resources(CREDENTIAL).apply(CustomResource.of(CREDENTIAL,
        Metadata.of(org, c.metadata().name()).withSlug(c.metadata().slug()),
        spec("same", marker(), null)));
    assertThat(changed.metadata().version()).isEqualTo(2);
  }
}
