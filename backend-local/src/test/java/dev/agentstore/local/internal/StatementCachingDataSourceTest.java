package dev.agentstore.local.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;
import org.sqlite.jdbc4.JDBC4Statement;

/**
 * The SQLite statement cache on a real database file: a closed statement comes back for the same
 * text with its parameters cleared and reset, never while it is still in use, never after its
 * settings changed, and the least recently used texts leave a full cache.
 */
class StatementCachingDataSourceTest {
  @TempDir
  Path dir;
  private StatementCachingDataSource source;

  @BeforeEach
  void setUp() throws SQLException {
    SQLiteDataSource sqlite = new SQLiteDataSource();
    sqlite.setUrl("jdbc:sqlite:" + dir.resolve("cache.db"));
    source = new StatementCachingDataSource(sqlite, 2);
    try (Connection c = source.getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t (n INTEGER)");
      st.execute("INSERT INTO t VALUES (1), (2), (3)");
    }
  }

  @Test
  void aClosedStatementIsReusedForTheSameTextWithItsParametersCleared() throws SQLException {
    try (Connection c = source.getConnection()) {
      PreparedStatement first = c.prepareStatement("SELECT ?");
      first.setInt(1, 42);
      assertThat(single(first)).isEqualTo(42);
      JDBC4Statement underlying = first.unwrap(JDBC4Statement.class);
      first.close();
      assertThat(first.isClosed()).isTrue();
      assertThatThrownBy(first::executeQuery).isInstanceOf(SQLException.class)
          .hasMessageContaining("closed");

      try (PreparedStatement again = c.prepareStatement("SELECT ?")) {
        assertThat(again.unwrap(JDBC4Statement.class)).isSameAs(underlying);
        assertThat(again.getConnection()).isSameAs(c);
        // Unbound parameters are NULL in SQLite: the 42 of the last caller is gone.
        try (ResultSet rs = again.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getObject(1)).isNull();
        }
      }
    }
  }

  @Test
  void aStatementInUseIsNotHandedOutTwice() throws SQLException {
    try (Connection c = source.getConnection();
        PreparedStatement a = c.prepareStatement("SELECT n FROM t WHERE n = ?");
        PreparedStatement b = c.prepareStatement("SELECT n FROM t WHERE n = ?")) {
      assertThat(a.unwrap(JDBC4Statement.class)).isNotSameAs(b.unwrap(JDBC4Statement.class));
      a.setInt(1, 1);
      b.setInt(1, 2);
      assertThat(single(a)).isEqualTo(1);
      assertThat(single(b)).isEqualTo(2);
    }
  }

  @Test
  void closingAStatementResetsAResultSetLeftOpen() throws SQLException {
    try (Connection c = source.getConnection()) {
      PreparedStatement ps = c.prepareStatement("SELECT n FROM t ORDER BY n");
      ResultSet rs = ps.executeQuery();
      assertThat(rs.next()).isTrue(); // two rows left unread: the statement is busy
      ps.close();
      assertThat(rs.isClosed()).isTrue();
      // A busy statement on the connection would make SQLite refuse this with "table is locked".
      try (Statement st = c.createStatement()) {
        st.execute("DROP TABLE t");
      }
    }
  }

  @Test
  void aStatementWhoseSettingsChangedIsNotReused() throws SQLException {
    try (Connection c = source.getConnection()) {
      PreparedStatement ps = c.prepareStatement("SELECT n FROM t");
      ps.setMaxRows(1);
      JDBC4Statement underlying = ps.unwrap(JDBC4Statement.class);
      ps.close();
      assertThat(underlying.isClosed()).isTrue();
      try (PreparedStatement again = c.prepareStatement("SELECT n FROM t")) {
        assertThat(again.unwrap(JDBC4Statement.class)).isNotSameAs(underlying);
        assertThat(again.getMaxRows()).isZero();
      }
    }
  }

  @Test
  void aFullCacheLetsItsLeastRecentlyUsedTextGo() throws SQLException {
    try (Connection c = source.getConnection()) {
      JDBC4Statement one = prepareAndClose(c, "SELECT 1");
      JDBC4Statement two = prepareAndClose(c, "SELECT 2");
      assertThat(prepareAndClose(c, "SELECT 1")).isSameAs(one); // now the most recent
      prepareAndClose(c, "SELECT 3"); // the cache holds two: SELECT 2 goes
      assertThat(two.isClosed()).isTrue();
      assertThat(prepareAndClose(c, "SELECT 1")).isSameAs(one);
      assertThat(prepareAndClose(c, "SELECT 2")).isNotSameAs(two);
    }
  }

  @Test
  void closingTheConnectionClosesItsIdleStatements() throws SQLException {
    Connection c = source.getConnection();
    JDBC4Statement idle = prepareAndClose(c, "SELECT 1");
    assertThat(idle.isClosed()).isFalse();
    c.close();
    assertThat(idle.isClosed()).isTrue();
    assertThat(c.isClosed()).isTrue();
  }

  @Test
  void refusesAnEmptyCache() {
    assertThatThrownBy(() -> new StatementCachingDataSource(new SQLiteDataSource(), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("perConnection");
  }

  private static JDBC4Statement prepareAndClose(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.executeQuery().close();
      return ps.unwrap(JDBC4Statement.class);
    }
  }

  private static int single(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      assertThat(rs.next()).isTrue();
      return rs.getInt(1);
    }
  }
}
