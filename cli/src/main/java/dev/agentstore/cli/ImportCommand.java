package dev.agentstore.cli;

import dev.agentstore.AgentStore;
import dev.agentstore.ArchiveSummary;
import dev.agentstore.Importer;
import dev.agentstore.SecretsException;
import dev.agentstore.secret.KeysetFileKeyProvider;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code import FILE}: reads an archive into an empty store, all or nothing. */
@Command(name = "import", sortOptions = false,
    description = {"Read an archive written by 'export' into the store, which must be empty."
        + " All or nothing: a damaged archive or a key that does not open its secrets changes"
        + " nothing.",
        "If the archive was sealed under another key, give that key with --source-key-file:"
        + " its secrets are re-sealed under this store's key."})
final class ImportCommand extends StoreCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "The archive to read.")
  Path file;

  @Option(names = "--source-key-file", paramLabel = "FILE",
      description = "The keyset the archive's secrets were sealed with, when it is not this"
          + " store's.")
  Path sourceKeyFile;

  @Mixin
  ProgressBar.Option progress;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(file)) {
      throw usage("FILE: " + file + " is not a file");
    }
    try (AgentStore store = root.open();
        InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      Importer importer = store.importer();
      if (sourceKeyFile != null) {
        importer.sourceKeys(KeysetFileKeyProvider.existing(sourceKeyFile.toAbsolutePath()));
      }
      ArchiveSummary summary;
      ProgressBar bar = progress.on(root, err(), "importing");
      try {
        summary = importer.progress(bar).from(in);
      } catch (SecretsException e) {
        if (sourceKeyFile != null) {
          throw e;
        }
        throw new SecretsException(e.getMessage() + " (on the command line: --source-key-file"
            + " FILE)", e);
      } finally {
        bar.finish();
      }
      out().printf("Imported from %s:%n", file);
      Output.printSummary(out(), summary);
    } catch (IOException e) {
      throw new UncheckedIOException("import: cannot read " + file + ": " + e.getMessage(), e);
    }
    return AgentStoreCli.OK;
  }
}
