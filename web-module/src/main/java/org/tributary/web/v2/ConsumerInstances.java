package org.tributary.web.v2;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tributary.web.error.RequestRefusedException;

/**
 * The live REST Proxy consumer instances by group and name, each used only by the user that created
 * it (and admins). An instance idle for longer than its {@code consumer.instance.timeout.ms} (on
 * the monotonic clock) is closed, which leaves its group. Each holds memory and a group membership,
 * so a user may hold at most {@code tributary.consumer.max-instances-per-user} of them (admins
 * excepted) and the server at most {@code tributary.consumer.max-instances}; more are refused with
 * 429/42902.
 */
@ApplicationScoped
public class ConsumerInstances {

  private static final Logger LOG = Logger.getLogger(ConsumerInstances.class.getName());

  private final Map<Key, ConsumerInstance> instances = new ConcurrentHashMap<>();

  /** Live instances per user who created them; guarded by {@code this}. */
  private final Map<String, Integer> perUser = new HashMap<>();

  private ScheduledFuture<?> sweeper;

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject
  @ConfigProperty(name = "tributary.consumer.max-instances", defaultValue = "10000")
  int maxInstances;

  @Inject
  @ConfigProperty(name = "tributary.consumer.max-instances-per-user", defaultValue = "100")
  int maxInstancesPerUser;

  /**
   * Creates an instance for {@code user}; {@code capped} is false for a user whom the per-user cap
   * does not bind (an admin).
   */
  ConsumerInstance create(
      String group, String name, String user, boolean capped, Supplier<ConsumerInstance> factory) {
    startSweeping();
    Key key = new Key(group, name);
    if (instances.containsKey(key)) {
      throw RequestRefusedException.consumerInstanceExists(group, name);
    }
    reserve(user, capped);
    ConsumerInstance created;
    try {
      created = factory.get();
    } catch (RuntimeException e) {
      release(user);
      throw e;
    }
    if (instances.putIfAbsent(key, created) != null) {
      release(user);
      created.consumer().close();
      throw RequestRefusedException.consumerInstanceExists(group, name);
    }
    return created;
  }

  /** Counts an instance of the user before it is made, or refuses it past a cap. */
  private synchronized void reserve(String user, boolean capped) {
    int total = perUser.values().stream().mapToInt(Integer::intValue).sum();
    if (total >= maxInstances) {
      throw RequestRefusedException.tooManyConsumerInstances(
          "This server holds its maximum of "
              + maxInstances
              + " consumer instances (tributary.consumer.max-instances); delete unused ones or"
              + " retry when idle ones have expired.");
    }
    int own = perUser.getOrDefault(user, 0);
    if (capped && own >= maxInstancesPerUser) {
      throw RequestRefusedException.tooManyConsumerInstances(
          "User '"
              + user
              + "' holds its maximum of "
              + maxInstancesPerUser
              + " consumer instances (tributary.consumer.max-instances-per-user); delete unused"
              + " ones (DELETE /consumers/{group}/instances/{instance}) first.");
    }
    perUser.put(user, own + 1);
  }

  private synchronized void release(String user) {
    perUser.computeIfPresent(user, (name, count) -> count == 1 ? null : count - 1);
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
        release(instance.owner());
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
    release(instance.owner());
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
        release(instance.owner());
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
    perUser.clear();
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
