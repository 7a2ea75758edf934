package dev.agentstore;

/**
 * Told how far a long operation got: an export, an import or a copy calls it after every batch
 * of records (about 500) and once at the end of every section, on the thread doing the work.
 * Throwing from it stops the operation: an export then writes nothing more, an import rolls back,
 * a copy keeps what it committed and resumes there when run again (docs/portability.md).
 *
 * <p>Usage: {@code store.exporter().progress(p -> System.err.println(p.section() + " " + p.done())).to(out);}
 */
@FunctionalInterface
public interface ProgressListener {
  /** A listener that ignores everything. */
  ProgressListener NONE = p -> {};

  /** Called with the progress of the current section. */
  void progress(Progress progress);

  /**
   * How far one section ({@code resources/Agent}, {@code items/AgentExecution}, {@code history},
   * {@code artifacts}, {@code settings}: the archive's section names) got.
   *
   * <p>Usage: {@code String bar = p.total() < 0 ? p.done() + "" : p.done() + "/" + p.total();}
   *
   * @param section the section being worked on
   * @param done records of the section done so far (for a resumed copy, including those an
   *     earlier run copied)
   * @param total records the section holds, or -1 when that is not known in advance (items and
   *     history, and every section of an import: an archive gives its counts only at its end)
   * @param bytes artifact bytes done so far in this run (0 before the artifacts)
   */
  record Progress(String section, long done, long total, long bytes) {}
}
