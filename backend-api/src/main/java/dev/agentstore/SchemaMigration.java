package dev.agentstore;

/**
 * One applied schema migration of a SQL store, as its migration history (Flyway's
 * {@code flyway_schema_history}) records it: what {@code flyway info} shows. Opening a store
 * applies every bundled migration first, so on an open store the list ends at the newest one the
 * library bundles.
 *
 * <p>Usage: {@code for (SchemaMigration m : store.schemaMigrations()) print(m.version() + " " + m.state());}
 *
 * @param rank the order in which it was applied (1 first)
 * @param version the version ({@code 4}), or null for a repeatable migration
 * @param description what it does ({@code indexed fields})
 * @param installedOn when it was applied, as the database wrote it (its own clock and zone)
 * @param success false when it failed (the store then does not open until it is repaired)
 */
public record SchemaMigration(int rank, String version, String description, String installedOn,
    boolean success) {

  /** {@code Success} or {@code Failed}, as {@code flyway info} names the state. */
  public String state() {
    return success ? "Success" : "Failed";
  }
}
