package org.tributary.kafka.network;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.tributary.kafka.KafkaApis;
import org.tributary.kafka.KafkaConfig;
import org.tributary.kafka.ListenerAddress;

/**
 * The Kafka listener's network side (Kafka's {@code SocketServer}): Netty accepts connections and
 * splits frames (a 4-byte size, then the request) on the event loops; each connection's requests
 * are handled on the request-handler pool by a {@link KafkaChannel}. Bounded by {@code
 * max.connections}, {@code socket.request.max.bytes}, the requests in flight per connection and
 * {@code connections.max.idle.ms}.
 */
final class SocketServer {

  private final KafkaConfig config;
  private final KafkaApis apis;
  private final ThreadFactory threads;
  private final ListenerMetrics metrics;
  private final AtomicLong connectionIds = new AtomicLong();
  private EventLoopGroup acceptor;
  private EventLoopGroup eventLoops;
  private ExecutorService requestHandlers;
  private Channel serverChannel;

  SocketServer(KafkaConfig config, KafkaApis apis, ThreadFactory threads, ListenerMetrics metrics) {
    this.config = config;
    this.apis = apis;
    this.threads = threads;
    this.metrics = metrics;
  }

  /** SASL_SSL with a keystore, else SASL_PLAINTEXT. */
  SecurityProtocol protocol() {
    return config.keystore().isPresent()
        ? SecurityProtocol.SASL_SSL
        : SecurityProtocol.SASL_PLAINTEXT;
  }

  void start() {
    ListenerAddress listener = config.listener();
    SslContext tls = config.keystore().map(ListenerTls::serverContext).orElse(null);
    SecurityProtocol protocol = protocol();
    acceptor = new NioEventLoopGroup(1, named("tributary-kafka-acceptor-"));
    eventLoops = new NioEventLoopGroup(config.networkThreads(), named("tributary-kafka-network-"));
    requestHandlers =
        new ThreadPoolExecutor(
            config.requestThreads(),
            config.requestThreads(),
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            named("tributary-kafka-request-handler-"));
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(acceptor, eventLoops)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 128)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel channel) {
                    KafkaChannel connection =
                        new KafkaChannel(
                            "kafka-" + connectionIds.incrementAndGet(),
                            apis,
                            requestHandlers,
                            config.maxInFlightRequests(),
                            config.maxConnections(),
                            metrics,
                            protocol);
                    ChannelPipeline pipeline = channel.pipeline();
                    pipeline.addLast(
                        new IdleStateHandler(0, 0, config.maxIdleMillis(), TimeUnit.MILLISECONDS));
                    if (tls != null) {
                      pipeline.addLast(tls.newHandler(channel.alloc()));
                    }
                    pipeline
                        .addLast(
                            new KafkaFrames(
                                config.maxFrameBytes(),
                                config.maxUnauthenticatedFrameBytes(),
                                connection::authenticated))
                        .addLast(connection);
                  }
                });
    serverChannel =
        bootstrap
            .bind(new InetSocketAddress(listener.host(), listener.port()))
            .syncUninterruptibly()
            .channel();
  }

  InetSocketAddress boundAddress() {
    return (InetSocketAddress) serverChannel.localAddress();
  }

  void stop() {
    if (serverChannel != null) {
      serverChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
    if (acceptor != null) {
      acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
    if (eventLoops != null) {
      eventLoops
          .shutdownGracefully(0, 2, TimeUnit.SECONDS)
          .awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
    if (requestHandlers != null) {
      requestHandlers.shutdownNow();
    }
    metrics.unregister();
  }

  private ThreadFactory named(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = threads.newThread(task);
      thread.setName(prefix + count.incrementAndGet());
      return thread;
    };
  }
}
