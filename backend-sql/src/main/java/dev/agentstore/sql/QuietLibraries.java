package dev.agentstore.sql;

/**
 * Keeps jOOQ quiet at INFO: no banner, no tip of the day, no "Database version is supported"
 * line on the first connection. Each is a system property jOOQ 3.19 reads when its classes first
 * log, so it is set before any query runs, and only when the application has not set it (an
 * application that wants the banner keeps it). Warnings, such as an unsupported database
 * version, still appear.
 *
 * <p>Usage: {@code QuietLibraries.apply();} (from the static initialisers of the SQL entry points)
 */
final class QuietLibraries {
  /** jOOQ's per-logger threshold property for its version-support message. */
  static final String VERSION_SUPPORT_LOG =
      "org.jooq.log.org.jooq.impl.DefaultExecuteContext.logVersionSupport";

  private QuietLibraries() {}

  static void apply() {
    setIfAbsent("org.jooq.no-logo", "true");
    setIfAbsent("org.jooq.no-tips", "true");
    setIfAbsent(VERSION_SUPPORT_LOG, "WARN");
  }

  private static void setIfAbsent(String name, String value) {
    if (System.getProperty(name) == null) {
      System.setProperty(name, value);
    }
  }
}
