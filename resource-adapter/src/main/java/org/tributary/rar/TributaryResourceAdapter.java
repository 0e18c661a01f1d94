package org.tributary.rar;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;
import org.tributary.api.listener.ListenerLoop;
import org.tributary.api.listener.ListenerSettings;

/**
 * Tributary's resource adapter: each activation of a message-driven bean runs {@code concurrency}
 * listener loops (consumers of the bean's group) as work of the adapter's {@code WorkManager};
 * deactivation stops them and waits until they have left the group. It talks to Tributary through
 * the public API only, so it may start before Tributary is deployed: its loops wait for it.
 * Described by {@code META-INF/ra.xml}.
 */
public class TributaryResourceAdapter implements ResourceAdapter {

  private static final Logger LOG = Logger.getLogger(TributaryResourceAdapter.class.getName());

  private final Map<Key, List<ListenerLoop>> activations = new ConcurrentHashMap<>();
  private volatile WorkManager work;
  private volatile TransactionSynchronizationRegistry transactions;

  @Override
  public void start(BootstrapContext context) throws ResourceAdapterInternalException {
    work = context.getWorkManager();
    transactions = context.getTransactionSynchronizationRegistry();
  }

  @Override
  public void stop() {
    new ArrayList<>(activations.keySet()).forEach(this::deactivate);
  }

  @Override
  public void endpointActivation(MessageEndpointFactory endpoints, ActivationSpec spec)
      throws ResourceException {
    if (!(spec instanceof RecordActivationSpec activation)) {
      throw new NotSupportedException("Not a Tributary activation: " + spec);
    }
    activation.validate(); // the container may not have: a bad one fails the deployment here
    boolean transacted = transacted(endpoints);
    if (transacted && transactions == null) {
      throw new NotSupportedException("The server gives Tributary's adapter no transactions");
    }
    ListenerSettings settings = activation.settings(transacted);
    EndpointDelivery delivery = new EndpointDelivery(endpoints, transacted, transactions);
    List<ListenerLoop> loops = new ArrayList<>();
    Key key = new Key(endpoints, spec);
    activations.put(key, loops);
    try {
      for (int i = 0; i < settings.concurrency(); i++) {
        ListenerLoop loop = new ListenerLoop(delivery, settings);
        loops.add(loop);
        work.scheduleWork(new LoopWork(loop), WorkManager.INDEFINITE, null, null);
      }
    } catch (WorkException e) {
      deactivate(key);
      throw e;
    }
    LOG.info(
        () ->
            "Message-driven bean "
                + delivery.name()
                + " on topics "
                + String.join(",", settings.topics())
                + ", group "
                + settings.group()
                + ", "
                + settings.concurrency()
                + " consumer(s)"
                + (transacted ? ", offsets committed in the delivery transaction" : ""));
  }

  private static boolean transacted(MessageEndpointFactory endpoints) throws ResourceException {
    try {
      return endpoints.isDeliveryTransacted(EndpointDelivery.ON_RECORD);
    } catch (NoSuchMethodException e) {
      throw new NotSupportedException("The bean does not implement RecordListener.onRecord", e);
    }
  }

  @Override
  public void endpointDeactivation(MessageEndpointFactory endpoints, ActivationSpec spec) {
    deactivate(new Key(endpoints, spec));
  }

  private void deactivate(Key key) {
    List<ListenerLoop> loops = activations.remove(key);
    if (loops != null) {
      loops.forEach(ListenerLoop::stop);
      loops.forEach(ListenerLoop::awaitStop);
    }
  }

  /** No XA resource of its own: offset commits join the container's transaction. */
  @Override
  public XAResource[] getXAResources(ActivationSpec[] specs) {
    return new XAResource[0];
  }

  /** One activation: JCA names it by the pair of the factory and the spec, both by identity. */
  private record Key(MessageEndpointFactory endpoints, ActivationSpec spec) {}

  /** A listener loop as work; the work manager's release asks it to stop. */
  private record LoopWork(ListenerLoop loop) implements Work {
    @Override
    public void run() {
      loop.run();
    }

    @Override
    public void release() {
      loop.stop();
    }
  }
}
