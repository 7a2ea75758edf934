package dev.agentstore.tck;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.agentstore.AgentStore;
import dev.agentstore.Query;
import dev.agentstore.secret.KeysetFileKeyProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * Checks that opening and closing an existing store logs nothing at INFO or above from
 * agentstore, jOOQ, Flyway or HikariCP: a library stays quiet in its host's logs. The open runs
 * in a new JVM, because jOOQ prints its banner and version line only once per JVM; a check inside
 * a JVM where other tests already opened stores could never see them.
 *
 * <p>Usage (in a backend's tests, after creating and closing a store at {@code uri}):
 * {@code QuietOpenCheck.assertOpensQuietly(uri, keyFile, "file:" + artifactsDir);}
 */
public final class QuietOpenCheck {
  /** The logger name prefixes the check watches. */
  static final List<String> WATCHED = List.of("dev.agentstore", "org.jooq", "org.flywaydb",
      "com.zaxxer.hikari");
  private static final String MARK = "QUIET-OPEN-CHECK logged ";
  private static final String CANARY = "quiet-open-check.canary";

  private QuietOpenCheck() {}

  /**
   * Opens the existing store at {@code uri} in a new JVM (with the key file and artifact location
   * when non-null), runs one read, closes it, and fails listing whatever was logged at INFO or
   * above under {@link #WATCHED}.
   */
  public static void assertOpensQuietly(String uri, Path keyFile, String artifacts)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), QuietOpenCheck.class.getName(), uri,
        keyFile == null ? "" : keyFile.toString(), artifacts == null ? "" : artifacts));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("the probe JVM finished").isTrue();
    assertThat(p.exitValue()).as("the probe JVM's exit code; its output:%n%s", output).isZero();
    List<String> logged = output.lines().filter(l -> l.startsWith(MARK)).toList();
    assertThat(logged).as("log events at INFO or above while opening and closing an existing"
        + " store; the probe's output:%n%s", output).isEmpty();
  }

  /**
   * The probe: records every event from the first logger on (so jOOQ's once-per-JVM messages
   * cannot slip by), opens {@code args[0]}, reads, closes, and prints the events that count.
   */
  public static void main(String[] args) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.setContext(context);
    events.start();
    root.addAppender(events);
    root.setLevel(Level.INFO);
    for (Logger l : context.getLoggerList()) {
      if (WATCHED.stream().anyMatch(w -> l.getName().startsWith(w))) {
        l.setLevel(null); // inherit INFO, whatever the test's logback configuration says
      }
    }
    // The canary proves the recording works: a check that records nothing would always pass.
    LoggerFactory.getLogger(CANARY).info("recording");
    AgentStore.Builder builder = AgentStore.builder().uri(args[0]);
    if (args.length > 1 && !args[1].isEmpty()) {
      builder.keyProvider(KeysetFileKeyProvider.existing(Path.of(args[1])));
    }
    if (args.length > 2 && !args[2].isEmpty()) {
      builder.artifacts(args[2]);
    }
    try (AgentStore store = builder.open()) {
      store.organizations().count(Query.all());
    }
    for (ILoggingEvent e : events.list) {
      if (e.getLevel().isGreaterOrEqual(Level.INFO)
          && WATCHED.stream().anyMatch(w -> e.getLoggerName().startsWith(w))) {
        System.out.println(MARK + e.getLevel() + " " + e.getLoggerName() + ": "
            + e.getFormattedMessage());
      }
    }
    System.exit(0); // Hikari's and the driver's daemon threads must not keep the probe alive
  }
}
