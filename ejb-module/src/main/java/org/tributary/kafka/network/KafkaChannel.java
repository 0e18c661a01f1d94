package org.tributary.kafka.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.common.network.ClientInformation;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestContext;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.tributary.kafka.KafkaApis;
import org.tributary.kafka.KafkaRequest;
import org.tributary.kafka.KafkaSession;

/**
 * One client connection. Frames are decoded with kafka-clients' own classes ({@code
 * RequestHeader.parse}, {@code RequestContext.parseRequest}) and handled one at a time, in order,
 * on the request-handler pool; their responses may complete in any order but are written in the
 * order of the requests, as Kafka clients require. When too many requests are in flight the
 * connection is not read until some are answered. A frame that is not a request this broker serves
 * ends the connection with one line in the log, as Kafka ends it; nothing else is affected.
 *
 * <p>Concurrency: the queue of pending responses is touched only on the connection's event loop.
 */
final class KafkaChannel extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = Logger.getLogger(KafkaChannel.class.getName());
  private static final ListenerName LISTENER = new ListenerName("SASL_PLAINTEXT");

  private final String connectionId;
  private final KafkaApis apis;
  private final SerialExecutor handling;
  private final int maxInFlight;
  private final AtomicInteger connections;
  private final int maxConnections;
  private final Deque<Pending> pending = new ArrayDeque<>();
  private KafkaSession session;
  private boolean counted;
  private boolean closed;

  KafkaChannel(
      String connectionId,
      KafkaApis apis,
      Executor requestHandlers,
      int maxInFlight,
      AtomicInteger connections,
      int maxConnections) {
    this.connectionId = connectionId;
    this.apis = apis;
    this.handling = new SerialExecutor(requestHandlers);
    this.maxInFlight = maxInFlight;
    this.connections = connections;
    this.maxConnections = maxConnections;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    session = new KafkaSession(connectionId, (InetSocketAddress) ctx.channel().remoteAddress());
    counted = true;
    if (connections.incrementAndGet() > maxConnections) {
      close(ctx, "max.connections=" + maxConnections + " reached");
      return;
    }
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    closed = true;
    if (counted) {
      connections.decrementAndGet();
      counted = false;
    }
    pending.clear();
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) {
    ByteBuf frame = (ByteBuf) message;
    ByteBuffer buffer = ByteBuffer.allocate(frame.readableBytes());
    try {
      frame.readBytes(buffer);
    } finally {
      frame.release();
    }
    buffer.flip();
    if (closed) {
      return;
    }
    RequestContext context;
    AbstractRequest body;
    try {
      RequestHeader header = RequestHeader.parse(buffer);
      context =
          new RequestContext(
              header,
              connectionId,
              session.remote().getAddress(),
              KafkaPrincipal.ANONYMOUS,
              LISTENER,
              SecurityProtocol.SASL_PLAINTEXT,
              ClientInformation.EMPTY,
              false);
      body = context.parseRequest(buffer).request;
    } catch (RuntimeException e) {
      close(ctx, "a frame that is not a Kafka request this broker reads (" + e.getMessage() + ")");
      return;
    }
    Pending entry = new Pending();
    pending.add(entry);
    if (pending.size() >= maxInFlight) {
      ctx.channel().config().setAutoRead(false);
    }
    KafkaRequest request = new KafkaRequest(context.header, body, session);
    handling.execute(() -> handle(ctx, context, request, entry));
  }

  /** On a request handler: handles the request and hands its response to the event loop. */
  private void handle(
      ChannelHandlerContext ctx, RequestContext context, KafkaRequest request, Pending entry) {
    CompletionStage<AbstractResponse> response;
    try {
      response = apis.handle(request);
    } catch (KafkaApis.ProtocolViolation e) {
      ctx.executor().execute(() -> close(ctx, e.getMessage()));
      return;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Kafka request failed unexpectedly on " + connectionId, e);
      ctx.executor().execute(() -> close(ctx, "the broker failed to handle " + request.header()));
      return;
    }
    response.whenComplete(
        (answer, failure) -> {
          if (failure != null) {
            LOG.log(Level.WARNING, "Kafka request failed unexpectedly on " + connectionId, failure);
            ctx.executor().execute(() -> close(ctx, "the broker failed to handle a request"));
            return;
          }
          ByteBuffer payload;
          try {
            payload = answer == null ? null : context.buildResponseEnvelopePayload(answer);
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not encode a Kafka response on " + connectionId, e);
            ctx.executor().execute(() -> close(ctx, "a response could not be encoded"));
            return;
          }
          boolean closeAfter = request.session().closing();
          ctx.executor()
              .execute(
                  () -> {
                    entry.answered(payload, closeAfter);
                    writeAnswered(ctx);
                  });
        });
  }

  /** Writes the answered responses at the head of the queue, in request order. */
  private void writeAnswered(ChannelHandlerContext ctx) {
    boolean wrote = false;
    while (!closed && !pending.isEmpty() && pending.peek().answered) {
      Pending head = pending.poll();
      if (head.payload != null) {
        ByteBuf size = ctx.alloc().buffer(4).writeInt(head.payload.remaining());
        ctx.write(Unpooled.wrappedBuffer(size, Unpooled.wrappedBuffer(head.payload)));
        wrote = true;
      }
      if (head.closeAfter) {
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        closed = true;
        return;
      }
    }
    if (wrote) {
      ctx.flush();
    }
    if (!closed && pending.size() < maxInFlight && !ctx.channel().config().isAutoRead()) {
      ctx.channel().config().setAutoRead(true);
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent && pending.isEmpty()) {
      close(ctx, "idle for connections.max.idle.ms");
      return;
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException) {
      close(ctx, "a frame larger than socket.request.max.bytes (" + cause.getMessage() + ")");
    } else if (cause instanceof IOException) {
      closed = true;
      ctx.close();
    } else {
      LOG.log(Level.WARNING, "Kafka connection " + connectionId + " failed", cause);
      close(ctx, "an unexpected failure: " + cause);
    }
  }

  private void close(ChannelHandlerContext ctx, String why) {
    if (closed) {
      return;
    }
    closed = true;
    LOG.warning(
        "Kafka connection "
            + connectionId
            + " from "
            + (session == null ? ctx.channel().remoteAddress() : session.address())
            + " closed: "
            + why);
    ctx.close();
  }

  /** A request's place in the response order, and its response once there is one. */
  private static final class Pending {
    private boolean answered;
    private ByteBuffer payload;
    private boolean closeAfter;

    void answered(ByteBuffer response, boolean close) {
      answered = true;
      payload = response;
      closeAfter = close;
    }
  }
}
