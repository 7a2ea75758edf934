package dev.agentstore.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstore.AgentStore;
import dev.agentstore.secret.KeysetFileKeyProvider;
import dev.agentstore.spi.Backend;
import dev.agentstore.spi.Capabilities;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Collection;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shared helpers of the secret suites: keyset files in a private temporary directory, stores
 * opened with them, distinctive plaintext markers, and scans of the backend's files at rest.
 *
 * <p>Usage: {@code AgentStore s = open(keyed(newKeyset()));}
 */
public abstract class SecretsSupport extends TckSupport {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  /** Where the suites keep their keyset files. */
  @TempDir
  protected Path keyDir;

  /** A new keyset file holding one AES256_GCM key. */
  protected Path newKeyset() {
    Path file = keyDir.resolve(unique("keyset") + ".json");
    KeysetFileKeyProvider.generate(file);
    return file;
  }

  /** A builder for a new store location that reads its keys from {@code keyset}. */
  protected AgentStore.Builder keyed(Path keyset) {
    return newStoreBuilder().keyProvider(KeysetFileKeyProvider.existing(keyset));
  }

  /** A random 32-character marker that cannot appear anywhere by chance. */
  protected static String marker() {
    StringBuilder b = new StringBuilder("SECRET");
    for (int i = 0; i < 26; i++) {
      b.append(ALNUM.charAt(RANDOM.nextInt(ALNUM.length())));
    }
    return b.toString();
  }

  /** Asserts that none of {@code secrets} occurs in {@code text} ({@code what} names it). */
  protected static void assertFree(String what, String text, Collection<String> secrets) {
    for (String s : secrets) {
      assertThat(text).as("%s must not hold a secret in plaintext", what).doesNotContain(s);
    }
  }

  /**
   * For backends declaring {@link Capabilities.Feature#DATA_FILES}: the bytes of every data file
   * (database and write-ahead log) contain {@code visible} and none of {@code secrets}. Returns
   * whether the scan ran.
   */
  protected static boolean scanDataFiles(Backend backend, String visible,
      Collection<String> secrets) {
    if (!backend.capabilities().has(Capabilities.Feature.DATA_FILES)) {
      return false;
    }
    assertThat(backend.dataFiles()).as("a DATA_FILES backend names its files").isNotEmpty();
    boolean seen = false;
    for (Path f : backend.dataFiles()) {
      if (!Files.exists(f)) {
        continue; // e.g. a WAL after a checkpoint removed it
      }
      byte[] bytes = read(f);
      seen |= indexOf(bytes, visible.getBytes(StandardCharsets.UTF_8)) >= 0;
      for (String s : secrets) {
        assertThat(indexOf(bytes, s.getBytes(StandardCharsets.UTF_8)))
            .as("plaintext secret found in %s", f).isNegative();
      }
    }
    assertThat(seen).as("the plain value %s is in the data files (the scan reads the data)",
        visible).isTrue();
    return true;
  }

  private static byte[] read(Path f) {
    try {
      return Files.readAllBytes(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
