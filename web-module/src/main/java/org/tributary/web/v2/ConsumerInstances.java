package org.tributary.web.v2;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tributary.web.error.RequestRefusedException;

/**
 * The live REST Proxy consumer instances by group and name, each used only by the user that created
 * it (and admins). An instance idle for longer than its {@code consumer.instance.timeout.ms} is
 * closed, which leaves its group.
 */
@ApplicationScoped
public class ConsumerInstances {

  private static final Logger LOG = Logger.getLogger(ConsumerInstances.class.getName());

  private final Map<Key, ConsumerInstance> instances = new ConcurrentHashMap<>();
  private ScheduledFuture<?> sweeper;

  @Resource ManagedScheduledExecutorService scheduler;

  ConsumerInstance create(String group, String name, Supplier<ConsumerInstance> factory) {
    startSweeping();
    Key key = new Key(group, name);
    if (instances.containsKey(key)) {
      throw RequestRefusedException.consumerInstanceExists(group, name);
    }
    ConsumerInstance created = factory.get();
    if (instances.putIfAbsent(key, created) != null) {
      created.consumer().close();
      throw RequestRefusedException.consumerInstanceExists(group, name);
    }
    return created;
  }

  /**
   * The instance, marked as used now; one idle past its timeout is closed here, not revived.
   * Another user's instance is not found, as if it did not exist (admins excepted).
   */
  ConsumerInstance get(String group, String name, InstanceCaller caller) {
    Key key = new Key(group, name);
    ConsumerInstance instance = instances.get(key);
    if (instance != null && !caller.mayUse(instance)) {
      throw RequestRefusedException.consumerInstanceNotFound(group, name);
    }
    if (instance != null && instance.idleLongerThanItsTimeout(System.nanoTime())) {
      if (instances.remove(key, instance)) {
        close(instance, "idle longer than its consumer.instance.timeout.ms");
      }
      instance = null;
    }
    if (instance == null || instance.consumer().isClosed()) {
      throw RequestRefusedException.consumerInstanceNotFound(group, name);
    }
    instance.touch();
    return instance;
  }

  void delete(String group, String name, InstanceCaller caller) {
    Key key = new Key(group, name);
    ConsumerInstance instance = instances.get(key);
    if (instance == null || !caller.mayUse(instance) || !instances.remove(key, instance)) {
      throw RequestRefusedException.consumerInstanceNotFound(group, name);
    }
    instance.consumer().close();
  }

  private synchronized void startSweeping() {
    if (sweeper == null) {
      sweeper = scheduler.scheduleWithFixedDelay(this::closeIdle, 1, 1, TimeUnit.SECONDS);
    }
  }

  private void closeIdle() {
    long now = System.nanoTime();
    Iterator<ConsumerInstance> all = instances.values().iterator();
    while (all.hasNext()) {
      ConsumerInstance instance = all.next();
      if (instance.idleLongerThanItsTimeout(now)) {
        all.remove();
        close(instance, "idle longer than its consumer.instance.timeout.ms");
      }
    }
  }

  @PreDestroy
  synchronized void closeAll() {
    if (sweeper != null) {
      sweeper.cancel(false);
    }
    instances.values().forEach(instance -> close(instance, "the application stops"));
    instances.clear();
  }

  private static void close(ConsumerInstance instance, String why) {
    try {
      instance.consumer().close();
      LOG.fine(() -> "Closed consumer instance " + instance.name() + ": " + why);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Closing consumer instance " + instance.name() + " failed", e);
    }
  }

  private record Key(String group, String name) {}
}
