package dev.agentstore.local.modulepath;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.agentstore.AgentStore;
import dev.agentstore.spi.BackendProvider;
import dev.agentstore.tck.RepositoryTck;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The child JVM of {@code ModulePathTckTest}: runs TCK suites through the JUnit Platform Launcher
 * while agentstore, the TCK and the SQLite backend are named modules on the module path. Prints
 * {@code key=value} lines the parent asserts on, and exits 0 only if tests ran and none failed.
 *
 * <p>Usage: {@code java --module-path <jars> --add-modules dev.agentstore.local,dev.agentstore.tck,
 * org.junit.platform.launcher,org.junit.jupiter.engine -cp target/test-classes
 * dev.agentstore.local.modulepath.ModulePathTckMain <scratch dir>}
 */
public final class ModulePathTckMain {
  private ModulePathTckMain() {}

  public static void main(String[] args) {
    ModulePathStores.root = Path.of(args[0]);
    Module api = AgentStore.class.getModule();
    System.out.println("api.module=" + api.getName());
    System.out.println("api.exportsInternal=" + api.isExported("dev.agentstore.internal"));
    System.out.println("tck.module=" + RepositoryTck.class.getModule().getName());
    // The providers of named modules: the test class path adds backend-local's test backend
    // (spi-defaults:), which is not what this run checks.
    System.out.println("providers=" + ServiceLoader.load(BackendProvider.class).stream()
        .filter(p -> p.type().getModule().isNamed())
        .map(p -> p.type().getModule().getName() + "/" + p.type().getName())
        .sorted().collect(Collectors.joining(",")));

    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(selectClass(RepositorySuiteOnModulePath.class),
            selectClass(SecretsSuiteOnModulePath.class))
        .build();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create().execute(request, listener);
    TestExecutionSummary summary = listener.getSummary();
    PrintWriter out = new PrintWriter(System.out, true);
    summary.printFailuresTo(out, 30);
    System.out.println("tests.succeeded=" + summary.getTestsSucceededCount());
    System.out.println("tests.failed=" + summary.getTotalFailureCount());
    System.out.println("tests.skipped=" + summary.getTestsSkippedCount());
    System.out.flush();
    // Exit explicitly: pool or watcher threads must not keep the child alive.
    System.exit(summary.getTotalFailureCount() == 0 && summary.getTestsSucceededCount() > 0 ? 0 : 1);
  }
}
