package dev.agentstore;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The manifest of an agentstore archive: its format version, the history sequence high-water
 * mark of the source, and per section (settings, each kind's resources and items, history,
 * artifacts) how many records it holds and their content digest. Two stores whose summaries are
 * equal hold the same data; {@link Archives#verify} compares them.
 *
 * <p>Usage: {@code long agents = summary.sections().get("resources/Agent").count();}
 *
 * @param formatVersion the archive format version
 * @param historySequence the highest history sequence number in the archive (0 without history)
 * @param sections per section name, its count and digest, in archive order
 */
public record ArchiveSummary(int formatVersion, long historySequence,
    Map<String, Section> sections) {

  /** Copies the sections, keeping their order. */
  public ArchiveSummary {
    sections = Collections.unmodifiableMap(new LinkedHashMap<>(sections));
  }

  /**
   * One section of an archive.
   *
   * <p>Usage: {@code String digest = section.digest();}
   *
   * @param count how many records
   * @param digest the content digest: lowercase hex of the sum, modulo 2^256, of the SHA-256 of
   *     each record's canonical line (independent of record order)
   */
  public record Section(long count, String digest) {}
}
