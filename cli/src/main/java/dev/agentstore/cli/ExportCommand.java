package dev.agentstore.cli;

import dev.agentstore.AgentStore;
import dev.agentstore.ArchiveSummary;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code export FILE}: writes the whole store to an archive (docs/portability.md). */
@Command(name = "export", sortOptions = false,
    description = {"Write everything the store holds to an archive (a zip: every resource as"
        + " stored, execution items, history with its sequence numbers, settings, artifacts,"
        + " and a manifest of counts and digests). Secrets stay sealed.",
        "The file appears only when complete (written beside it, then moved)."})
final class ExportCommand extends StoreCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "The archive to write.")
  Path file;

  @Mixin
  ProgressBar.Option progress;

  @Override
  public Integer call() {
    Path target = file.toAbsolutePath();
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    try (AgentStore store = root.open()) {
      ArchiveSummary summary;
      ProgressBar bar = progress.on(root, err(), "exporting");
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial))) {
        summary = store.exporter().progress(bar).to(out);
      } finally {
        bar.finish();
      }
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      out().printf("Exported to %s:%n", file);
      Output.printSummary(out(), summary);
    } catch (IOException e) {
      throw new UncheckedIOException("export: cannot write " + file + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(partial);
      } catch (IOException ignored) {
        // best effort: the archive itself was either moved or never complete
      }
    }
    return AgentStoreCli.OK;
  }
}
