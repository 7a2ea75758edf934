package dev.agentstore.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentstore.AgentStore;
import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.model.Organization;
import dev.agentstore.model.OrganizationSpec;
import dev.agentstore.spi.Backend;
import dev.agentstore.spi.StoreBackends;
import dev.agentstore.spi.StoredResource;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code readOneStatement} (what a get runs on) takes the pooled connection in autocommit mode,
 * so it lets its work issue one statement and refuses a second, which would read another
 * snapshot; the refusal leaves the connection and the store fit for the next call.
 */
class LocalOneStatementReadTest {

  @Test
  void oneStatementIsReadAndASecondIsRefused() {
    try (AgentStore store = LocalStores.newBuilder().open()) {
      Backend backend = StoreBackends.of(store);
      Organization org = store.organizations().create(new Organization(Metadata.of(null,
          "one-statement"), OrganizationSpec.builder().description("d").build(), null));

      Optional<StoredResource> row = backend.readOneStatement(
          tx -> tx.find(Kind.ORGANIZATION, org.id()));
      assertThat(row).map(StoredResource::id).contains(org.id());

      assertThatThrownBy(() -> backend.readOneStatement(tx -> {
        tx.find(Kind.ORGANIZATION, org.id());
        return tx.find(Kind.ORGANIZATION, org.id());
      })).hasRootCauseInstanceOf(IllegalStateException.class)
          .rootCause().hasMessageContaining("second statement");

      // Every read connection is fit again: more calls than the read pool holds connections.
      for (int i = 0; i < 20; i++) {
        assertThat(store.organizations().get(org.id())).contains(org);
        Optional<StoredResource> read = backend.read(tx -> tx.find(Kind.ORGANIZATION,
            org.id()));
        assertThat(read).isPresent();
      }
    }
  }
}
