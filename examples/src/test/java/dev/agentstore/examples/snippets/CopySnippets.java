package dev.agentstore.examples.snippets;

import dev.agentstore.AgentStore;
import dev.agentstore.AgentStores;
import dev.agentstore.AgentStores.CopyReport;
import dev.agentstore.ProgressListener;
import dev.agentstore.secret.KeyProvider;
import dev.agentstore.secret.KeysetFileKeyProvider;
import java.io.OutputStream;
import java.nio.file.Path;

/** The Javadoc usage lines of copy and progress, as compiled code (see JavadocSnippetsTest). */
final class CopySnippets {
  private CopySnippets() {}

  static void exportWithProgress(AgentStore store, OutputStream out) {
    store.exporter().progress(p -> System.err.println(p.section() + " " + p.done())).to(out);
  }

  static String bar(ProgressListener.Progress p) {
    String bar = p.total() < 0 ? p.done() + "" : p.done() + "/" + p.total();
    return bar;
  }

  static CopyReport copy(AgentStore source, KeyProvider keys, ProgressListener listener) {
    CopyReport r = AgentStores.copy().from(source).to("postgresql://db/x").keyProvider(keys).progress(listener).run();
    return r;
  }

  static void copyWithBuilder(String a, KeyProvider k, String b) {
    AgentStores.copy().from(AgentStore.builder().uri(a).keyProvider(k)).to(b).run();
  }

  /** README, "Moving a store". */
  static AgentStores.CopyReport readme() {
    AgentStores.CopyReport report = AgentStores.copy()
        .from(AgentStore.builder().uri("local:/srv/agentstore"))
        .to(AgentStore.builder().uri("postgresql://app@db:5432/agents").artifacts("file:/srv/art"))
        .keyProvider(KeysetFileKeyProvider.existing(Path.of("/etc/agentstore/master.key")))
        .progress(p -> System.err.println(p.section() + " " + p.done() + "/" + p.total()))
        .run();
    return report;
  }

  static boolean report(CopyReport report) {
    long rows = report.records(); boolean again = report.resumed();
    return rows > 0 && again;
  }
}
