package dev.agentstore.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine the benchmarks ran on: JDK, OS, CPUs, memory and the disk of the work directory.
 *
 * <p>Usage: {@code Map<String, String> m = SystemInfo.describe(workDir);}
 */
final class SystemInfo {
  private SystemInfo() {}

  /** Name/value pairs for the report. */
  static Map<String, String> describe(Path workDir) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("JDK", System.getProperty("java.vm.name") + " "
        + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor")
        + ")");
    m.put("JVM heap (benchmark JVM)",
        Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB max");
    m.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch"));
    m.put("CPUs", Runtime.getRuntime().availableProcessors() + " (" + cpuModel() + ")");
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      m.put("memory", os.getTotalMemorySize() / (1024L * 1024 * 1024) + " GiB");
    }
    m.put("load average at the end", String.format("%.2f",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    try {
      Path p = workDir;
      while (p != null && !Files.exists(p)) {
        p = p.getParent();
      }
      if (p != null) {
        FileStore fs = Files.getFileStore(p);
        m.put("disk of the work directory", fs.name() + " (" + fs.type() + ")");
      }
    } catch (IOException e) {
      m.put("disk of the work directory", "unknown: " + e.getMessage());
    }
    return m;
  }

  private static String cpuModel() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
      for (String l : lines) {
        if (l.startsWith("model name")) {
          return l.substring(l.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return System.getProperty("os.arch");
  }
}
