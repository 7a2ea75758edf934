package dev.agentstore.examples.snippets;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KmsClient;
import dev.agentstore.AgentStore;
import dev.agentstore.secret.AeadKeyProvider;
import dev.agentstore.secret.EnvironmentKeyProvider;
import dev.agentstore.secret.KeysetFileKeyProvider;
import dev.agentstore.secret.ReencryptionReport;
import dev.agentstore.secret.SecretKeys;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/** The Javadoc usage lines of the secrets API, as compiled code (see JavadocSnippetsTest). */
final class SecretSnippets {
  private SecretSnippets() {}

  static void kms(KmsClient kmsClient, String uri) throws GeneralSecurityException {
    Aead kms = kmsClient.getAead("gcp-kms://projects/p/locations/l/keyRings/r/cryptoKeys/agentstore");
    AgentStore.builder().uri(uri).keyProvider(new AeadKeyProvider(kms, "gcp-kms agentstore")).open();
  }

  static AgentStore fromEnvironment() {
    return AgentStore.builder().uri("postgresql://db/agents").keyProvider(new EnvironmentKeyProvider()).open();
  }

  static AgentStore provider(String uri) {
    return AgentStore.builder().uri(uri).keyProvider(new EnvironmentKeyProvider()).open();
  }

  static AgentStore keysetFile(String uri) {
    return AgentStore.builder().uri(uri).keyProvider(KeysetFileKeyProvider.existing(Path.of("/etc/agentstore/master.key"))).open();
  }

  static void rotate(AgentStore store) {
    ReencryptionReport r = store.secrets().reencryptAll();
    if (!store.secrets().reencryptAll().complete()) {
      r = store.secrets().reencryptAll(); // ...run it again...
    }
  }

  /** A progress bar, as a command line tool draws one. */
  interface Bar {
    void show(long done);
  }

  static ReencryptionReport rotateWithProgress(AgentStore store, Bar bar) {
    return store.secrets().reencrypt(200, Integer.MAX_VALUE, r -> bar.show(r.resourcesScanned()));
  }

  static SecretKeys keys(KeysetHandle keysetHandle) {
    SecretKeys keys = SecretKeys.of(keysetHandle, "keyset file /etc/agentstore/master.key");
    return keys;
  }
}
