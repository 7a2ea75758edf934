package dev.agentstore.examples.snippets;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.AggregateTck;
import dev.agentstore.tck.ApiKeyTck;
import dev.agentstore.tck.ArtifactStoreTck;
import dev.agentstore.tck.ClaimTck;
import dev.agentstore.tck.ItemQueryTck;
import dev.agentstore.tck.CollectionTck;
import dev.agentstore.tck.ConcurrencyTck;
import dev.agentstore.tck.DeclaredFieldChangesTck;
import dev.agentstore.tck.DeclaredKindTck;
import dev.agentstore.tck.DeclaredReferencesTck;
import dev.agentstore.tck.DeclaredSecretsTck;
import dev.agentstore.tck.DurabilityTck;
import dev.agentstore.tck.Eventually;
import dev.agentstore.tck.ExecutionTck;
import dev.agentstore.tck.FuzzTck;
import dev.agentstore.tck.HistoryTck;
import dev.agentstore.tck.ModelBasedTck;
import dev.agentstore.tck.ObservabilityTck;
import dev.agentstore.tck.internal.ContractModel;
import java.util.Optional;
import dev.agentstore.tck.IsolationTck;
import dev.agentstore.tck.MutableClock;
import dev.agentstore.tck.PortabilityTck;
import dev.agentstore.tck.QueryOperatorsTck;
import dev.agentstore.tck.QueryTck;
import dev.agentstore.tck.RepositoryTck;
import dev.agentstore.tck.ExpiryTck;
import dev.agentstore.tck.RetentionTck;
import dev.agentstore.tck.SecretsSupport;
import dev.agentstore.tck.SecretsTck;
import dev.agentstore.tck.TransactionTck;
import dev.agentstore.tck.ValidationTck;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TCK's Javadoc usage lines, as compiled code (see JavadocSnippetsTest). The suites are
 * abstract here so that this module does not run the TCK a second time.
 */
final class TckSnippets {
  private TckSnippets() {}

  private static AgentStore.Builder local(Path dir) {
    return AgentStore.builder().uri("local:" + dir.resolve("s" + System.nanoTime()));
  }

  abstract static class LocalObservabilityTest extends ObservabilityTck {
    @TempDir Path dir;

    @Override
    protected AgentStore.Builder newStoreBuilder() {
      return local(dir);
    }

    @Override
    protected String dbSystem() {
      return "sqlite";
    }
  }

  abstract static class LocalApiKeyTest extends ApiKeyTck {
    @TempDir Path dir;

    @Override
    protected AgentStore.Builder newStoreBuilder() {
      return local(dir);
    }
  }

  abstract static class LocalConcurrencyTest extends ConcurrencyTck {
    @TempDir Path dir;

    @Override
    protected AgentStore.Builder newStoreBuilder() {
      return local(dir);
    }
  }

  abstract static class LocalDurabilityTest extends DurabilityTck {
    @TempDir Path dir;

    @Override
    protected AgentStore.Builder newStoreBuilder() {
      return local(dir);
    }
  }

  abstract static class LocalExecutionTest extends ExecutionTck {
    @TempDir Path dir;

    @Override
    protected AgentStore.Builder newStoreBuilder() {
      return local(dir);
    }
  }

  abstract static class LocalAggregateTest extends AggregateTck {
    @TempDir Path dir;

    @Override
    protected AgentStore.Builder newStoreBuilder() {
      return local(dir);
    }
  }

  abstract static class LocalItemQueryTest extends ItemQueryTck {
    @TempDir Path dir;

    @Override
    protected AgentStore.Builder newStoreBuilder() {
      return local(dir);
    }
  }

  abstract static class LocalPortabilityTest extends PortabilityTck {
    @TempDir Path dir;

    @Override
    protected AgentStore.Builder newStoreBuilder() {
      return local(dir);
    }
  }

  abstract static class LocalRetentionTest extends RetentionTck {
    @TempDir Path dir;

    @Override
    protected AgentStore.Builder newStoreBuilder() {
      return local(dir);
    }
  }

  abstract static class LocalExpiryTest extends ExpiryTck {
    @TempDir Path dir;

    @Override
    protected AgentStore.Builder newStoreBuilder() {
      return local(dir);
    }
  }

  abstract static class LocalDeclaredFieldChangesTest extends DeclaredFieldChangesTck {
    @TempDir Path dir;

    @Override
    protected AgentStore.Builder newStoreBuilder() {
      return local(dir);
    }
  }

  abstract static class LocalDeclaredKindTest extends DeclaredKindTck {
    @TempDir Path dir;

    @Override
    protected AgentStore.Builder newStoreBuilder() {
      return local(dir);
    }
  }

  abstract static class LocalDeclaredReferencesTest extends DeclaredReferencesTck {
    @TempDir Path dir;

    @Override
    protected AgentStore.Builder newStoreBuilder() {
      return local(dir);
    }
  }

  abstract static class LocalDeclaredSecretsTest extends DeclaredSecretsTck {
    @TempDir Path dir;

    @Override
    protected AgentStore.Builder newStoreBuilder() {
      return local(dir);
    }
  }

  abstract static class LocalCollectionTest extends CollectionTck {
    @TempDir Path dir;

    @Override
    protected AgentStore.Builder newStoreBuilder() {
      return local(dir);
    }
  }

  abstract static class LocalClaimTest extends ClaimTck {
    @TempDir Path dir;

    @Override
    protected AgentStore.Builder newStoreBuilder() {
      return local(dir);
    }
  }

  abstract static class LocalModelBasedTest extends ModelBasedTck {
    @TempDir Path dir;

    @Override
    protected AgentStore.Builder newStoreBuilder() {
      return local(dir);
    }
  }

  static java.util.Optional<String> contractModel(AgentStore store,
      java.util.function.Function<AgentStore, dev.agentstore.tck.internal.ContractModel.Fixture>
          fixtureFactory, java.util.List<dev.agentstore.tck.internal.ContractModel.Op> ops) {
    Optional<String> diff = new ContractModel(store, fixtureFactory).check(ops);
    return diff;
  }

  abstract static class LocalHistoryTest extends HistoryTck {
    @TempDir Path dir;

    @Override
    protected AgentStore.Builder newStoreBuilder() {
      return local(dir);
    }
  }

  abstract static class LocalIsolationTest extends IsolationTck {
    @TempDir Path dir;

    @Override
    protected AgentStore.Builder newStoreBuilder() {
      return local(dir);
    }
  }

  abstract static class LocalFuzzTest extends FuzzTck {
    @TempDir Path dir;

    @Override
    protected AgentStore.Builder newStoreBuilder() {
      return local(dir);
    }
  }

  abstract static class LocalQueryOperatorsTest extends QueryOperatorsTck {
    @TempDir Path dir;

    @Override
    protected AgentStore.Builder newStoreBuilder() {
      return local(dir);
    }
  }

  abstract static class LocalQueryTest extends QueryTck {
    @TempDir Path dir;

    @Override
    protected AgentStore.Builder newStoreBuilder() {
      return local(dir);
    }
  }

  abstract static class LocalSecretsTest extends SecretsTck {
    @TempDir Path dir;

    @Override
    protected AgentStore.Builder newStoreBuilder() {
      return local(dir);
    }
  }

  abstract static class LocalTransactionTest extends TransactionTck {
    @TempDir Path dir;

    @Override
    protected AgentStore.Builder newStoreBuilder() {
      return local(dir);
    }
  }

  abstract static class LocalValidationTest extends ValidationTck {
    @TempDir Path dir;

    @Override
    protected AgentStore.Builder newStoreBuilder() {
      return local(dir);
    }
  }

  abstract static class LocalRepositoryTest extends RepositoryTck {
    @TempDir Path dir;
    protected AgentStore.Builder newStoreBuilder() {
      return AgentStore.builder().uri("local:" + dir.resolve("s" + System.nanoTime()));
    }
  }

  abstract static class MyStoreTest extends ArtifactStoreTck { protected String newStoreUri() { return "my://" + UUID.randomUUID(); } }

  abstract static class KeyedStores extends SecretsSupport {
    AgentStore keyedStore() {
      AgentStore s = open(keyed(newKeyset()));
      return s;
    }
  }

  static void eventually(java.util.List<Object> got) throws InterruptedException {
    Eventually.until("all changes delivered", () -> got.size() == 6);
  }

  static MutableClock clock() {
    MutableClock c = new MutableClock(Instant.now()); c.advance(Duration.ofHours(2));
    return c;
  }
}
