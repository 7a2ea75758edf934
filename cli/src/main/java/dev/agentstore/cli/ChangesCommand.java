package dev.agentstore.cli;

import dev.agentstore.AgentStore;
import dev.agentstore.history.ResourceVersion;
import dev.agentstore.history.Subscription;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code changes --since N [--follow]}: the change feed, and with {@code --follow} its tail. */
@Command(name = "changes", sortOptions = false,
    description = {"Print the store's changes after a sequence number, in sequence order.",
        "With --follow, keep printing new changes until interrupted (Ctrl-C) or --count is reached."})
final class ChangesCommand extends StoreCommand implements Callable<Integer> {
  private static final String LINE = "%-10s %-32s %-8s %-15s %-20s %s%n";

  @Option(names = "--since", paramLabel = "N", defaultValue = "0",
      description = "Start after this sequence number (default ${DEFAULT-VALUE}: the beginning).")
  long since;

  @Option(names = {"-f", "--follow"}, description = "Keep waiting for new changes.")
  boolean follow;

  @Option(names = "--count", paramLabel = "N",
      description = "Stop after N changes (default: all there are; with --follow, never).")
  Long count;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "table or json (one JSON object per line; default ${DEFAULT-VALUE}).")
  Output.Format format;

  @Override
  public Integer call() throws Exception {
    if (since < 0) {
      throw usage("--since: must be >= 0, got " + since);
    }
    if (count != null && count < 1) {
      throw usage("--count: must be positive, got " + count);
    }
    if (format == Output.Format.yaml) {
      throw usage("-o yaml: changes print table or json (one object per line)");
    }
    PrintWriter out = out();
    if (format == Output.Format.table) {
      out.printf(LINE, "SEQUENCE", "RESOURCE", "VERSION", "EVENT", "ACTOR", "AT");
    }
    long wanted = count == null ? Long.MAX_VALUE : count;
    try (AgentStore store = root.open()) {
      if (!follow) {
        long after = since;
        long printed = 0;
        while (printed < wanted) {
          List<ResourceVersion> page = store.changes().since(after,
              (int) Math.min(1000, wanted - printed));
          for (ResourceVersion v : page) {
            print(out, v);
          }
          printed += page.size();
          if (page.isEmpty()) {
            break;
          }
          after = page.get(page.size() - 1).sequence();
        }
        return AgentStoreCli.OK;
      }
      return follow(store, out, wanted);
    }
  }

  private int follow(AgentStore store, PrintWriter out, long wanted) throws Exception {
    AtomicLong printed = new AtomicLong();
    CountDownLatch done = new CountDownLatch(1);
    Thread stopper = new Thread(done::countDown, "agentstore-changes-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    try (Subscription sub = store.changes().subscribe(since, v -> {
      if (printed.get() < wanted) {
        print(out, v);
        if (printed.incrementAndGet() >= wanted) {
          done.countDown();
        }
      }
    })) {
      while (!done.await(200, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        if (!sub.isActive()) {
          Optional<Throwable> failure = sub.failure();
          if (failure.isPresent() && failure.get() instanceof Exception e) {
            throw e;
          }
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return AgentStoreCli.INTERRUPTED;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stopper);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the JVM is already running its hooks
      }
    }
    return AgentStoreCli.OK;
  }

  private void print(PrintWriter out, ResourceVersion v) {
    if (format == Output.Format.json) {
      out.println(Output.line(Output.tree(v)));
    } else {
      out.printf(LINE, v.sequence(), v.resourceId(), v.resourceVersion(), v.event(),
          v.actor(), v.createdAt());
    }
    out.flush();
  }
}
