package dev.agentstore.local.defaults;

import dev.agentstore.local.LocalBackendProvider;
import dev.agentstore.spi.Backend;
import dev.agentstore.spi.BackendConfig;
import dev.agentstore.spi.BackendProvider;
import dev.agentstore.spi.BackendTransaction;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test backend, {@code spi-defaults:<directory>}: the local backend, except that the
 * {@link BackendTransaction} methods whose SPI default is a slower but complete fallback run
 * that default instead of the SQL backend's override. The TCK suites run on it
 * ({@code LocalSpiDefaults*Test}), so a third-party backend that implements only the required
 * methods gets defaults the TCK has proven, not merely compiled.
 *
 * <p>In a package of its own: the test class path's service file names it, and on the module
 * path (ModulePathTckTest) a class in backend-local's own package would be looked for in that
 * module, and not found.
 *
 * <p>Usage: {@code AgentStore.builder().uri("spi-defaults:" + dir)}
 */
public final class SpiDefaultsBackendProvider implements BackendProvider {
  /** The URI scheme. */
  public static final String SCHEME = "spi-defaults:";

  /** The methods whose default runs in place of the backend's override. */
  public static final Set<String> DEFAULTED = Set.of("findWithItems", "findHeadForUpdate", "itemsOfCollections",
      "itemsAfter", "itemByKey", "lastItemSequence", "insertFirstItems", "insertAll",
      "importItemGroups", "appendItemUnlessKeyHeld", "bumpVersion", "updateChanged");

  /** How often each default ran, by method name (so a test can see the proxy at work). */
  public static final Map<String, AtomicLong> DEFAULT_CALLS = new ConcurrentHashMap<>();

  @Override
  public String name() {
    return "spi-defaults";
  }

  @Override
  public boolean accepts(String uri) {
    return uri != null && uri.startsWith(SCHEME);
  }

  @Override
  public Backend open(BackendConfig config) {
    String local = LocalBackendProvider.SCHEME + config.uri().substring(SCHEME.length());
    Backend real = new LocalBackendProvider().open(new BackendConfig(local, config.options(),
        config.observer()));
    return (Backend) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {Backend.class}, new Forward(real, false));
  }

  /**
   * Forwards every call to {@code target}. On a backend, the work of read, write and
   * transaction gets a proxied transaction; on a transaction, the {@link #DEFAULTED} methods
   * run their interface default (which calls back into this proxy for the methods it needs).
   */
  private record Forward(Object target, boolean transaction) implements InvocationHandler {
    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      // readOneStatement's default (read) too: the defaults above may take several statements
      // where the SQL backend's own methods take one.
      if ((transaction ? DEFAULTED.contains(method.getName())
          : method.getName().equals("readOneStatement")) && method.isDefault()) {
        DEFAULT_CALLS.computeIfAbsent(method.getName(), k -> new AtomicLong()).incrementAndGet();
        return InvocationHandler.invokeDefault(proxy, method, args);
      }
      if (!transaction && args != null && args.length == 1
          && args[0] instanceof Backend.Work<?> work) {
        Backend.Work<Object> wrapped = tx -> work.run((BackendTransaction) Proxy.newProxyInstance(
            SpiDefaultsBackendProvider.class.getClassLoader(),
            new Class<?>[] {BackendTransaction.class}, new Forward(tx, true)));
        args = new Object[] {wrapped};
      }
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }
}
