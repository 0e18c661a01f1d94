package org.tributary.api.listener;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.tributary.api.OnRecord;

/**
 * Finds the {@code @OnRecord} methods of an application's beans at deployment and, once the
 * deployment is valid, starts their listeners; stops them when the application stops. It uses only
 * the published API, so it works in Tributary's own deployment and in any application next to it.
 */
public class ListenerExtension implements Extension {

  private static final Logger LOG = Logger.getLogger(ListenerExtension.class.getName());

  private final List<ListenerMethod> found = new ArrayList<>();
  private final List<ListenerLoop> running = new ArrayList<>();

  <T> void collect(@Observes @WithAnnotations(OnRecord.class) ProcessAnnotatedType<T> type) {
    for (AnnotatedMethod<? super T> method : type.getAnnotatedType().getMethods()) {
      OnRecord onRecord = method.getAnnotation(OnRecord.class);
      if (onRecord != null) {
        found.add(
            new ListenerMethod(
                type.getAnnotatedType().getJavaClass(),
                method.getJavaMember(),
                ListenerSettings.of(onRecord)));
      }
    }
  }

  void start(@Observes AfterDeploymentValidation ready) {
    for (ListenerMethod listener : found) {
      for (int i = 0; i < listener.settings().concurrency(); i++) {
        ListenerLoop loop = new ListenerLoop(listener, listener.settings());
        running.add(loop);
        loop.start(listener.name() + "-" + i);
      }
      LOG.info(
          () ->
              "Listener "
                  + listener.name()
                  + " on topic "
                  + String.join(",", listener.settings().topics())
                  + ", group "
                  + listener.settings().group()
                  + ", "
                  + listener.settings().concurrency()
                  + " consumer(s)");
    }
  }

  void stop(@Observes BeforeShutdown shutdown) {
    running.forEach(ListenerLoop::stop);
    running.forEach(ListenerLoop::awaitStop);
  }
}
