package dev.agentstore;

import java.io.OutputStream;

/**
 * Writes everything a store holds to an agentstore archive (docs/portability.md): a zip of
 * NDJSON files with every resource row exactly as stored (ids, versions, timestamps, actors,
 * secrets still sealed, API keys as their hashes), execution items with their sequences, history
 * rows with their sequence numbers, the store settings and the artifacts with their digests,
 * closed by a manifest of counts and content digests. It streams: memory stays flat whatever the
 * store's size, and it reads one consistent snapshot.
 *
 * <p>Usage: {@code ArchiveSummary written = store.exporter().to(out);}
 */
public interface Exporter {

  /**
   * Reports the progress of {@link #to} to {@code listener}: per section, records written and,
   * for resources, how many there are; bytes of artifacts written.
   */
  Exporter progress(ProgressListener listener);

  /**
   * Writes the archive to {@code out} (finished, flushed, not closed) and returns its manifest.
   * Refused on a tenant view ({@code forOrg}) and inside {@code inTransaction}.
   */
  ArchiveSummary to(OutputStream out);
}
