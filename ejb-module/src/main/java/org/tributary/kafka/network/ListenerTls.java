package org.tributary.kafka.network;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import org.tributary.kafka.KafkaConfig;

/**
 * TLS for the Kafka listener from a keystore ({@code tributary.kafka.ssl.keystore.*}, Kafka's
 * {@code ssl.keystore.*}): the JDK's TLS, TLS 1.2 and 1.3 only, no client certificates (clients
 * prove who they are with SASL inside the TLS session, as with Kafka's SASL_SSL).
 */
final class ListenerTls {

  private ListenerTls() {}

  static SslContext serverContext(KafkaConfig.Keystore keystore) {
    try {
      KeyStore keys = KeyStore.getInstance(keystore.type());
      try (InputStream in = Files.newInputStream(Path.of(keystore.location()))) {
        keys.load(in, keystore.password().toCharArray());
      }
      KeyManagerFactory keyManagers =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(keys, keystore.keyPassword().toCharArray());
      return SslContextBuilder.forServer(keyManagers)
          .sslProvider(SslProvider.JDK)
          .protocols("TLSv1.3", "TLSv1.2")
          .build();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(
          "The Kafka listener's "
              + keystore
              + " cannot be read (tributary.kafka.ssl.keystore.location, .password, .type): "
              + e.getMessage(),
          e);
    }
  }
}
