package dev.agentstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentstore.AgentStore;
import dev.agentstore.Query;
import dev.agentstore.ResourceType;
import dev.agentstore.ApiKeyRepository;
import dev.agentstore.FailedPreconditionException;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.Kind;
import dev.agentstore.PermissionDeniedException;
import dev.agentstore.model.ApiKey;
import dev.agentstore.model.ApiKeySpec;
import dev.agentstore.model.ApiKeyStatus;
import dev.agentstore.model.IssuedApiKey;
import dev.agentstore.spi.StoredResource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The API key suite: a key's plaintext is returned once and stored nowhere; verify finds it by
 * keyed hash, refuses expired and revoked keys, records use sparingly and respects org views;
 * records cannot be made or re-keyed by hand.
 *
 * <p>Usage: {@code class LocalApiKeyTest extends ApiKeyTck { ... newStoreBuilder() ... }}
 */
public abstract class ApiKeyTck extends SecretsSupport {

  @Test
  void issueReturnsThePlaintextOnceAndStoresOnlyAKeyedHash() {
    AgentStore s = open(keyed(newKeyset()));
    String org = newOrg(s).id();
    IssuedApiKey issued = s.apiKeys().issue(org, "ci", Instant.now().plus(Duration.ofDays(1)));
    String plain = issued.plaintext();
    assertThat(plain).startsWith(ApiKeyRepository.PREFIX).hasSizeGreaterThanOrEqualTo(36)
        .matches("ask_[0-9A-Za-z]+");
    assertThat(issued.toString()).contains("***").doesNotContain(plain);
    ApiKey key = issued.key();
    assertThat(key.spec().keyHash()).isNotBlank().doesNotContain(plain.substring(4));
    assertThat(plain).startsWith(key.spec().fingerprint());
    assertThat(key.spec().fingerprint()).hasSizeLessThanOrEqualTo(12);
    StoredResource row = backendOf(s).read(tx -> tx.find(Kind.API_KEY, key.id()).orElseThrow());
    assertFree("api key row", row.toString(), java.util.List.of(plain));
    assertThat(row.specJson()).contains(key.spec().keyHash());
    // Two keys never share plaintext or hash.
    IssuedApiKey other = s.apiKeys().issue(org, "ci-2", null);
    assertThat(other.plaintext()).isNotEqualTo(plain);
    assertThat(other.key().spec().keyHash()).isNotEqualTo(key.spec().keyHash());
    // Keyed by a random key of the store's own: neither a bare digest nor a well-known key's.
    assertThat(key.spec().keyHash()).isNotIn(digest("SHA-256", null, plain),
        digest("HmacSHA256", new byte[32], plain));
  }

  /** The unpadded base64url {@code algorithm} digest (an HMAC when {@code key} is set). */
  private static String digest(String algorithm, byte[] key, String text) {
    byte[] in = text.getBytes(StandardCharsets.UTF_8);
    try {
      byte[] out;
      if (key == null) {
        out = MessageDigest.getInstance(algorithm).digest(in);
      } else {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(key, algorithm));
        out = mac.doFinal(in);
      }
      return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is unavailable", e);
    }
  }

  @Test
  void verifyFindsTheKeyAndRecordsUseAtMostOnceAMinute() {
    AgentStore s = open(keyed(newKeyset()));
    String org = newOrg(s).id();
    IssuedApiKey issued = s.apiKeys().issue(org, "ci", null);
    ApiKey first = s.apiKeys().verify(issued.plaintext()).orElseThrow();
    assertThat(first.id()).isEqualTo(issued.key().id());
    assertThat(first.status().lastUsedAt()).isNotNull();
    long version = first.metadata().version();
    ApiKey second = s.apiKeys().verify(issued.plaintext()).orElseThrow();
    assertThat(second.metadata().version()).as("no write within the minute").isEqualTo(version);

    String p = issued.plaintext();
    String wrongChar = p.substring(0, p.length() - 1) + (p.endsWith("a") ? "b" : "a");
    assertThat(s.apiKeys().verify(wrongChar)).isEmpty();
    assertThat(s.apiKeys().verify("hello")).isEmpty();
    assertThat(s.apiKeys().verify("")).isEmpty();
    assertThat(s.apiKeys().verify(p + "x")).isEmpty();
    assertThatThrownBy(() -> s.apiKeys().verify(null))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void expiredAndRevokedKeysAreRefused() {
    AgentStore.Builder location = keyed(newKeyset());
    AgentStore s = open(location);
    String org = newOrg(s).id();
    IssuedApiKey soon = s.apiKeys().issue(org, "soon", Instant.now().plus(Duration.ofHours(1)));
    IssuedApiKey revoked = s.apiKeys().issue(org, "revoked", null);
    assertThat(s.apiKeys().verify(soon.plaintext())).isPresent();
    ApiKey r = s.apiKeys().revoke(revoked.key().id());
    assertThat(r.status().revokedAt()).isNotNull();
    assertThat(s.apiKeys().revoke(revoked.key().id()).status().revokedAt())
        .as("revoking twice keeps the first time").isEqualTo(r.status().revokedAt());
    assertThatThrownBy(() -> s.apiKeys().verify(revoked.plaintext()))
        .isInstanceOf(PermissionDeniedException.class).hasMessageContaining("revoked")
        .hasMessageNotContaining(revoked.plaintext());
    assertThatThrownBy(() -> s.apiKeys().updateStatus(r.withStatus(ApiKeyStatus.builder().build())))
        .isInstanceOf(FailedPreconditionException.class)
        .hasMessageContaining("stays revoked");
    assertThatThrownBy(() -> s.apiKeys().issue(org, "past", Instant.now().minusSeconds(1)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("expiresAt");
    s.close();

    // The same store two hours later.
    AgentStore later = open(location.clock(Clock.offset(Clock.systemUTC(), Duration.ofHours(2))));
    assertThatThrownBy(() -> later.apiKeys().verify(soon.plaintext()))
        .isInstanceOf(PermissionDeniedException.class).hasMessageContaining("expired")
        .hasMessageNotContaining(soon.plaintext());
  }

  @Test
  void keysAreMadeOnlyByIssueAndNeverReKeyed() {
    AgentStore s = open(keyed(newKeyset()));
    String org = newOrg(s).id();
    // The API offers no create or apply for keys at all, rather than methods that throw.
    assertThat(java.util.Arrays.stream(ApiKeyRepository.class.getMethods()).map(
        java.lang.reflect.Method::getName)).doesNotContain("create", "apply");
    assertThatThrownBy(() -> s.repository(ResourceType.API_KEY))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("issue");
    assertThat(s.apiKeys().list(Query.builder().org(org).build()).items()).isEmpty();
    ApiKey key = s.apiKeys().issue(org, "ci", null).key();
    ApiKeySpec sp = key.spec();
    assertThatThrownBy(() -> s.apiKeys().update(key.withSpec(ApiKeySpec.builder()
        .keyHash("my-own-hash").fingerprint(sp.fingerprint()).identityAccountId(sp
        .identityAccountId()).expiresAt(sp.expiresAt()).build())))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("spec.keyHash");
    ApiKey relabelled = s.apiKeys().update(key.withMetadata(key.metadata()
        .withLabel("team", "infra")));
    assertThat(relabelled.metadata().labels()).containsEntry("team", "infra");
    assertThat(relabelled.spec().keyHash()).isEqualTo(sp.keyHash());
  }

  @Test
  void anOrgViewVerifiesOnlyItsOwnKeys() {
    AgentStore s = open(keyed(newKeyset()));
    String a = newOrg(s).id();
    String b = newOrg(s).id();
    IssuedApiKey issued = s.forOrg(a).apiKeys().issue(null, "ci", null);
    assertThat(issued.key().metadata().org()).isEqualTo(a);
    assertThat(s.forOrg(b).apiKeys().verify(issued.plaintext())).isEmpty();
    assertThat(s.forOrg(a).apiKeys().verify(issued.plaintext())).isPresent();
    assertThat(s.apiKeys().verify(issued.plaintext())).isPresent();
  }

  @Test
  void keysVerifyAfterReopen() {
    Path keyset = newKeyset();
    AgentStore.Builder location = keyed(keyset);
    AgentStore s = open(location);
    IssuedApiKey issued = s.apiKeys().issue(newOrg(s).id(), "ci", null);
    s.close();
    assertThat(open(location).apiKeys().verify(issued.plaintext())).isPresent();
  }
}
