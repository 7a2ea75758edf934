package dev.agentstore.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstore.AgentStore;
import dev.agentstore.FieldType;
import dev.agentstore.KindDefinition;
import dev.agentstore.tck.DeclaredKindTck;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The application-defined kinds suite of the TCK on SQLite. */
class LocalDeclaredKindTest extends DeclaredKindTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return LocalStores.newBuilder();
  }

  /** The schema change log holds the store's clock, which tests and replays set, not the wall's. */
  @Test
  void aDefinitionChangeIsLoggedAtTheStoresClock(@TempDir Path dir) throws Exception {
    Instant at = Instant.parse("2020-01-02T03:04:05.123456Z");
    KindDefinition tick = KindDefinition.builder("clock.dev", "Tick").idPrefix("tck")
        .field("spec.n", FieldType.INTEGER).build();
    try (AgentStore s = AgentStore.builder().uri("local:" + dir)
        .clock(Clock.fixed(at, ZoneOffset.UTC)).kind(tick).open()) {
      assertThat(s.kinds()).contains(tick);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("agentstore.db"));
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT applied_at FROM kind_definition_changes")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(at.getEpochSecond() * 1_000_000 + 123_456);
      assertThat(rs.next()).isFalse();
    }
  }
}
