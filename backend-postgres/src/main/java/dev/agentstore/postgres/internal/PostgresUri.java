package dev.agentstore.postgres.internal;

import dev.agentstore.InvalidArgumentException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A PostgreSQL store URI taken apart: the JDBC URL for the driver, the credentials (kept out of
 * the URL and out of every message), and the pool options.
 *
 * <p>Usage: {@code PostgresUri u = PostgresUri.parse("postgresql://me@db:5432/app", Map.of());}
 *
 * @param jdbcUrl the URL the driver connects to, without pool options or credentials from the
 *     {@code postgresql://} form
 * @param user the user from {@code user@}, or null (then the JDBC URL or the driver decides)
 * @param password the password from {@code user:password@}, or null
 * @param options the pool options (builder options override the URI's query)
 */
public record PostgresUri(String jdbcUrl, String user, String password,
    Map<String, String> options) {
  /** Options agentstore reads itself; they are never passed to the driver. */
  public static final Set<String> POOL_OPTIONS = Set.of("maximumPoolSize", "minimumIdle",
      "connectionTimeoutMs", "idleTimeoutMs", "maxLifetimeMs");
  private static final String JDBC = "jdbc:postgresql:";
  private static final String[] SCHEMES = {"postgresql://", "postgres://"};

  /** Copies the options. */
  public PostgresUri {
    options = Map.copyOf(options);
  }

  /** Whether {@code uri} names a PostgreSQL database. */
  public static boolean accepts(String uri) {
    if (uri == null) {
      return false;
    }
    if (uri.startsWith(JDBC)) {
      return true;
    }
    for (String s : SCHEMES) {
      if (uri.startsWith(s)) {
        return true;
      }
    }
    return false;
  }

  /** Parses {@code uri}; {@code builderOptions} override options from its query string. */
  public static PostgresUri parse(String uri, Map<String, String> builderOptions) {
    if (!accepts(uri)) {
      throw new InvalidArgumentException("uri: expected postgresql://user@host:port/database or"
          + " jdbc:postgresql:..., got a URI with another scheme");
    }
    if (uri.indexOf('\0') >= 0 || uri.chars().anyMatch(Character::isWhitespace)) {
      throw new InvalidArgumentException("uri: must not contain whitespace or NUL");
    }
    Map<String, String> options = new LinkedHashMap<>();
    String user = null;
    String password = null;
    String base;
    String query;
    int q = uri.indexOf('?');
    base = q < 0 ? uri : uri.substring(0, q);
    query = q < 0 ? "" : uri.substring(q + 1);
    StringBuilder driverQuery = new StringBuilder();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      if (POOL_OPTIONS.contains(name)) {
        options.put(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
      } else {
        driverQuery.append(driverQuery.length() == 0 ? "?" : "&").append(pair);
      }
    }
    String jdbcUrl;
    if (base.startsWith(JDBC)) {
      jdbcUrl = base + driverQuery;
    } else {
      String rest = base.substring(base.indexOf("://") + 3);
      int at = rest.lastIndexOf('@');
      if (at >= 0) {
        String userInfo = rest.substring(0, at);
        rest = rest.substring(at + 1);
        int colon = userInfo.indexOf(':');
        user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
        password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        if (user.isEmpty()) {
          throw new InvalidArgumentException("uri: the user before '@' is empty");
        }
      }
      int slash = rest.indexOf('/');
      String hostPort = slash < 0 ? rest : rest.substring(0, slash);
      String database = slash < 0 ? "" : rest.substring(slash + 1);
      if (database.isEmpty()) {
        throw new InvalidArgumentException("uri: the database name is missing"
            + " (postgresql://user@host:port/database)");
      }
      jdbcUrl = "jdbc:postgresql://" + (hostPort.isEmpty() ? "localhost" : hostPort) + "/"
          + database + driverQuery;
    }
    options.putAll(builderOptions);
    return new PostgresUri(jdbcUrl, user, password, options);
  }

  /**
   * A {@code jdbc:postgresql://host[:port]/db[?query]} URL with its database replaced by
   * {@code database} (query kept): how tests and benchmarks reach a database they created.
   */
  public static String withDatabase(String jdbcUrl, String database) {
    int q = jdbcUrl.indexOf('?');
    String base = q < 0 ? jdbcUrl : jdbcUrl.substring(0, q);
    String query = q < 0 ? "" : jdbcUrl.substring(q);
    int slash = base.indexOf('/', "jdbc:postgresql://".length());
    return (slash < 0 ? base : base.substring(0, slash)) + "/" + database + query;
  }

  /** {@code url} with the value of any {@code password} parameter replaced by {@code ***}. */
  public static String redacted(String url) {
    return url.replaceAll("(?i)([?&;]password=)[^&;]*", "$1***");
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException("uri: bad percent-encoding");
    }
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "PostgresUri[" + redacted(jdbcUrl) + ", user=" + user + ", password="
        + (password == null ? "none" : "***") + ", options=" + options + "]";
  }
}
