package dev.agentstore;

import dev.agentstore.secret.KeyProvider;
import java.io.InputStream;

/**
 * Reads an archive written by {@link Exporter} into an empty store, reproducing it exactly (see
 * docs/portability.md). All or nothing: the whole import is one write transaction, so a
 * truncated or corrupted archive, a count or digest that disagrees with the manifest, or a key
 * that does not open the archive's secrets is refused with a typed error naming what was wrong,
 * and nothing of it stays visible.
 *
 * <p>Usage: {@code ArchiveSummary read = target.importer().sourceKeys(sourceKeys).from(in);}
 */
public interface Importer {

  /**
   * The keys the archive's secrets were sealed with, when they are not this store's: every
   * sealed value (and the API-key hashing key) is then opened with them and sealed again under
   * this store's key. Without it, an archive sealed under another key is refused.
   */
  Importer sourceKeys(KeyProvider source);

  /**
   * Reports the progress of {@link #from} to {@code listener}: per section, records read (the
   * totals are unknown until the manifest at the end); bytes of artifacts written.
   */
  Importer progress(ProgressListener listener);

  /**
   * Imports the archive read from {@code in} (read to its end, not closed) and returns its
   * manifest. Raises {@link FailedPreconditionException} when the store is not empty,
   * {@link InvalidArgumentException} for a damaged archive and {@link SecretsException} when its
   * secrets cannot be opened.
   */
  ArchiveSummary from(InputStream in);
}
