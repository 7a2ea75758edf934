package dev.agentstore.postgres.internal;

import dev.agentstore.InvalidArgumentException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.postgresql.Driver;

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

  /**
   * Parses {@code uri}; {@code builderOptions} override options from its query string. The
   * {@code postgresql://} form is translated to a JDBC URL (credentials taken out), and pgjdbc's
   * own parser ({@link org.postgresql.Driver#parseURL}) then checks it and reads the options,
   * so hosts, ports, multi-host lists, IPv6 addresses and percent-encoding mean what they mean to
   * the driver.
   */
  public static PostgresUri parse(String uri, Map<String, String> builderOptions) {
    if (!accepts(uri)) {
      throw new InvalidArgumentException("uri: expected postgresql://user@host:port/database or"
          + " jdbc:postgresql:..., got a URI with another scheme");
    }
    if (uri.indexOf('\0') >= 0 || uri.chars().anyMatch(Character::isWhitespace)) {
      throw new InvalidArgumentException("uri: must not contain whitespace or NUL");
    }
    int q = uri.indexOf('?');
    String base = q < 0 ? uri : uri.substring(0, q);
    String query = q < 0 ? "" : uri.substring(q + 1);
    String user = null;
    String password = null;
    String jdbcBase = base;
    if (!base.startsWith(JDBC)) {
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
      jdbcBase = "jdbc:postgresql://" + (hostPort.isEmpty() ? "localhost" : hostPort) + "/"
          + database;
    }
    Properties parsed = Driver.parseURL(jdbcBase + (query.isEmpty() ? "" : "?" + query), null);
    if (parsed == null) {
      // pgjdbc says only "no"; name what it checks, never echo the URI (it may hold a password).
      throw new InvalidArgumentException("uri: the PostgreSQL driver cannot parse it (check the"
          + " host, the port (1..65535), the database name and the percent-encoding)");
    }
    Map<String, String> options = new LinkedHashMap<>();
    for (String name : POOL_OPTIONS) {
      if (parsed.getProperty(name) != null) {
        options.put(name, parsed.getProperty(name));
      }
    }
    options.putAll(builderOptions);
    return new PostgresUri(jdbcBase + withoutPoolOptions(query), user, password, options);
  }

  /** The query for the driver: every parameter except agentstore's pool options, as written. */
  private static String withoutPoolOptions(String query) {
    StringBuilder driverQuery = new StringBuilder();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      if (!pair.isEmpty() && !POOL_OPTIONS.contains(name)) {
        driverQuery.append(driverQuery.length() == 0 ? "?" : "&").append(pair);
      }
    }
    return driverQuery.toString();
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
