package dev.agentstore.bench;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of this module in a new JVM with the benchmark's runtime class path (taken
 * from the class loader that loaded it: under {@code exec:java} that is the plugin's loader, not
 * Maven's own class path), and returns its output and wall time.
 *
 * <p>Usage: {@code ChildJvm.Outcome o = ChildJvm.run(List.of("-Xmx256m"), OpenProbe.class, List.of("lib"), Map.of(), 120);}
 */
final class ChildJvm {

  /**
   * What a child printed and how long it ran.
   *
   * @param exitCode the exit code
   * @param stdout its standard output
   * @param wallMs from process start to exit, as the parent saw it
   */
  record Outcome(int exitCode, String stdout, double wallMs) {}

  private ChildJvm() {}

  /** Runs {@code main} with {@code args}; environment entries in {@code env} are added. */
  static Outcome run(List<String> jvmArgs, Class<?> main, List<String> args,
      Map<String, String> env, int timeoutSeconds) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(classPath());
    cmd.add(main.getName());
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    long t0 = System.nanoTime();
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(main.getSimpleName() + " did not finish in " + timeoutSeconds + " s");
    }
    double wall = (System.nanoTime() - t0) / 1e6;
    String text = new String(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IOException(main.getSimpleName() + " " + args + " exited " + p.exitValue()
          + ":\n" + text);
    }
    return new Outcome(p.exitValue(), text, wall);
  }

  /** The value of a {@code name=value} line the child printed. */
  static String value(String stdout, String name) {
    for (String line : stdout.split("\n")) {
      if (line.startsWith(name + "=")) {
        return line.substring(name.length() + 1).trim();
      }
    }
    throw new IllegalStateException("the child printed no " + name + ":\n" + stdout);
  }

  /** The class path of this module and its dependencies. */
  static String classPath() {
    Set<String> entries = new LinkedHashSet<>();
    for (ClassLoader cl = ChildJvm.class.getClassLoader(); cl != null; cl = cl.getParent()) {
      if (cl instanceof URLClassLoader u) {
        for (URL url : u.getURLs()) {
          try {
            entries.add(new File(url.toURI()).getPath());
          } catch (URISyntaxException | IllegalArgumentException e) {
            entries.add(url.getPath());
          }
        }
        break; // the first URL loader is exec:java's project loader; its parents are Maven's
      }
    }
    if (entries.isEmpty()) {
      return System.getProperty("java.class.path");
    }
    return String.join(File.pathSeparator, entries);
  }
}
