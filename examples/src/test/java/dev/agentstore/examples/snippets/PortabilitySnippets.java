package dev.agentstore.examples.snippets;

import dev.agentstore.AgentStore;
import dev.agentstore.ArchiveSummary;
import dev.agentstore.Archives;
import dev.agentstore.Archives.VerifyReport;
import dev.agentstore.secret.KeyProvider;
import java.io.InputStream;
import java.io.OutputStream;

/** The Javadoc usage lines of export, import and verify, as compiled code (see JavadocSnippetsTest). */
final class PortabilitySnippets {
  private PortabilitySnippets() {}

  static ArchiveSummary export(AgentStore store, OutputStream out) {
    ArchiveSummary written = store.exporter().to(out);
    return written;
  }

  static ArchiveSummary importInto(AgentStore target, KeyProvider sourceKeys, InputStream in) {
    ArchiveSummary read = target.importer().sourceKeys(sourceKeys).from(in);
    return read;
  }

  static long agents(ArchiveSummary summary) {
    long agents = summary.sections().get("resources/Agent").count();
    return agents;
  }

  static String digest(ArchiveSummary.Section section) {
    String digest = section.digest();
    return digest;
  }

  static boolean verify(AgentStore source, AgentStore target) {
    VerifyReport report = Archives.verify(source, target);
    if (!report.identical()) System.err.println(report.differences());
    return report.identical();
  }
}
