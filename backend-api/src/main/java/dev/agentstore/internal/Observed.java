package dev.agentstore.internal;

import dev.agentstore.observe.StoreObserver;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * The one place a store's operations are observed: when the store has a
 * {@link StoreObserver}, each repository the facade hands out is this proxy over the real one,
 * reporting every public call (kind, method name, outcome). Without an observer the facade hands
 * out the repositories themselves, so an unobserved store pays nothing.
 *
 * <p>Usage: {@code ResourceRepository<Agent> r = Observed.wrap(ResourceRepository.class, repo, "Agent", observer);}
 */
final class Observed implements InvocationHandler {
  private final Object target;
  private final String kind;
  private final StoreObserver observer;

  private Observed(Object target, String kind, StoreObserver observer) {
    this.target = target;
    this.kind = kind;
    this.observer = observer;
  }

  /** {@code target} seen through {@code types}, observed; {@code target} itself if no observer. */
  static Object wrap(Object target, String kind, StoreObserver observer, Class<?>... types) {
    if (observer == null) {
      return target;
    }
    return Proxy.newProxyInstance(Observed.class.getClassLoader(), types,
        new Observed(target, kind, observer));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      String name = method.getName();
      if (name.equals("equals")) {
        return proxy == args[0];
      }
      if (name.equals("hashCode")) {
        return System.identityHashCode(proxy);
      }
      return method.invoke(target, args);
    }
    StoreObserver.Operation op = observer.start(kind, method.getName());
    Throwable failure = null;
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      failure = e.getCause();
      throw failure;
    } catch (RuntimeException | Error e) {
      failure = e;
      throw e;
    } finally {
      op.end(failure);
    }
  }
}
