package dev.agentstore.bench;

/**
 * Both of issue 14's probes in one run: {@link CopyProbe} (copy throughput against PostgreSQL
 * COPY), then {@link ArchiveProbe} (1 GiB of artifacts through a 256 MiB heap). Their figures
 * are in REPORT.md, section "Portability (issue 14)".
 *
 * <p>Usage: {@code mvn -B -q -Pbenchmarks -pl benchmarks -am -DskipTests package exec:java -Dexec.mainClass=dev.agentstore.bench.PortabilityProbes}
 */
public final class PortabilityProbes {
  private PortabilityProbes() {}

  /** Runs the copy probe, then the archive probe. */
  public static void main(String[] args) throws Exception {
    System.out.println("# copy");
    CopyProbe.main(args);
    System.out.println("# archive");
    ArchiveProbe.main(args);
  }
}
