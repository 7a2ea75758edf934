package dev.agentstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentstore.AgentStore;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.UnavailableException;
import dev.agentstore.postgres.internal.PostgresUri;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Store URIs: both forms, credentials kept out of URLs and messages, pool options. */
class PostgresUriTest {

  @Test
  void postgresqlUriBecomesAJdbcUrlWithCredentialsApart() {
    PostgresUri u = PostgresUri.parse(
        "postgresql://agent%40x:p%3Ass@db.internal:6543/store?sslmode=require&maximumPoolSize=3",
        Map.of());
    assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/store?sslmode=require");
    assertThat(u.user()).isEqualTo("agent@x");
    assertThat(u.password()).isEqualTo("p:ss");
    assertThat(u.options()).containsEntry("maximumPoolSize", "3");
    assertThat(u.toString()).doesNotContain("p:ss");
  }

  @Test
  void jdbcUrlPassesThroughAndBuilderOptionsWin() {
    PostgresUri u = PostgresUri.parse("jdbc:postgresql://h/db?user=a&password=secret"
        + "&connectionTimeoutMs=500", Map.of("connectionTimeoutMs", "900"));
    assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://h/db?user=a&password=secret");
    assertThat(u.options()).containsEntry("connectionTimeoutMs", "900");
    assertThat(u.toString()).doesNotContain("secret").contains("password=***");
  }

  @Test
  void badUrisAreRejectedByName() {
    assertThatThrownBy(() -> PostgresUri.parse("postgresql://me@host:5432/", Map.of()))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("database");
    assertThatThrownBy(() -> PostgresUri.parse("postgresql://@host/db", Map.of()))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("user");
    assertThatThrownBy(() -> AgentStore.builder().uri("postgresql://me@127.0.0.1:1/db")
        .option("maximumPoolSize", "0").open())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("maximumPoolSize");
    assertThat(PostgresUri.accepts("local:/tmp/x")).isFalse();
  }

  @Test
  void theDriversOwnParserReadsHostsPortsAndEncodedOptions() {
    PostgresUri ipv6 = PostgresUri.parse("postgresql://me@[::1]:5433/db", Map.of());
    assertThat(ipv6.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5433/db");
    PostgresUri multi = PostgresUri.parse(
        "postgresql://me@h1:5432,h2:5433/db?targetServerType=primary", Map.of());
    assertThat(multi.jdbcUrl())
        .isEqualTo("jdbc:postgresql://h1:5432,h2:5433/db?targetServerType=primary");
    // pgjdbc decodes the query: a percent-encoded pool option arrives decoded.
    PostgresUri encoded = PostgresUri.parse("postgresql://me@h/db?maximumPoolSize=%33", Map.of());
    assertThat(encoded.options()).containsEntry("maximumPoolSize", "3");
    assertThat(encoded.jdbcUrl()).isEqualTo("jdbc:postgresql://h/db");
    assertThat(PostgresUri.parse("postgresql:///db", Map.of()).jdbcUrl())
        .isEqualTo("jdbc:postgresql://localhost/db");
  }

  @Test
  void urisTheDriverRejectsAreInvalidArgumentsWithoutThePassword() {
    for (String bad : new String[] {"postgresql://me:hunter2@h:99999/db",
        "postgresql://me:hunter2@h:port/db", "jdbc:postgresql://h:0/db?password=hunter2",
        "postgresql://me:hunter2@h/db?sslmode=%zz"}) {
      assertThatThrownBy(() -> PostgresUri.parse(bad, Map.of()))
          .as(bad).isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("uri").hasMessageContaining("port")
          .hasMessageNotContaining("hunter2");
    }
  }

  @Test
  void unreachableServerIsUnavailableWithoutThePassword() {
    assertThatThrownBy(() -> AgentStore.builder()
        .uri("postgresql://me:hunter2@127.0.0.1:1/db?connectionTimeoutMs=500").open())
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("127.0.0.1:1")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void bothUriFormsOpenThroughServiceLoader() {
    String jdbc = PostgresStores.newDatabase();
    try (AgentStore s = AgentStore.open(jdbc)) {
      assertThat(s.organizations().count(dev.agentstore.Query.builder().build())).isZero();
    }
    // The same database in the postgresql:// form, credentials taken from the JDBC URL.
    PostgresUri parsed = PostgresUri.parse(jdbc, Map.of());
    String query = parsed.jdbcUrl().substring(parsed.jdbcUrl().indexOf('?') + 1);
    Map<String, String> params = new java.util.HashMap<>();
    for (String p : query.split("&")) {
      String[] kv = p.split("=", 2);
      params.put(kv[0], kv.length > 1 ? kv[1] : "");
    }
    String hostAndDb = parsed.jdbcUrl().substring("jdbc:postgresql://".length(),
        parsed.jdbcUrl().indexOf('?'));
    String uri = "postgresql://" + params.get("user")
        + (params.containsKey("password") ? ":" + params.get("password") : "") + "@" + hostAndDb
        + "?maximumPoolSize=2";
    try (AgentStore s = AgentStore.open(uri)) {
      assertThat(s.organizations().count(dev.agentstore.Query.builder().build())).isZero();
    }
  }

  @Test
  void withDatabaseReplacesOnlyTheDatabase() {
    assertThat(PostgresUri.withDatabase("jdbc:postgresql://h:5433/postgres?user=u&password=p",
        "tck_1")).isEqualTo("jdbc:postgresql://h:5433/tck_1?user=u&password=p");
    assertThat(PostgresUri.withDatabase("jdbc:postgresql://h/postgres", "b"))
        .isEqualTo("jdbc:postgresql://h/b");
    assertThat(PostgresUri.withDatabase("jdbc:postgresql://h:5432", "c"))
        .isEqualTo("jdbc:postgresql://h:5432/c");
  }
}
