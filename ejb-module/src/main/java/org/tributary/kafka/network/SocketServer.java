package org.tributary.kafka.network;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicLong connectionIds = new AtomicLong();
  private EventLoopGroup acceptor;
  private EventLoopGroup eventLoops;
  private ExecutorService requestHandlers;
  private Channel serverChannel;

  SocketServer(KafkaConfig config, KafkaApis apis, ThreadFactory threads) {
    this.config = config;
    this.apis = apis;
    this.threads = threads;
  }

  void start() {
    ListenerAddress listener = config.listener();
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
                    channel
                        .pipeline()
                        .addLast(
                            new IdleStateHandler(
                                0, 0, config.maxIdleMillis(), TimeUnit.MILLISECONDS))
                        .addLast(
                            new LengthFieldBasedFrameDecoder(
                                config.maxFrameBytes(), 0, 4, 0, 4, true))
                        .addLast(
                            new KafkaChannel(
                                "kafka-" + connectionIds.incrementAndGet(),
                                apis,
                                requestHandlers,
                                config.maxInFlightRequests(),
                                connections,
                                config.maxConnections()));
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
