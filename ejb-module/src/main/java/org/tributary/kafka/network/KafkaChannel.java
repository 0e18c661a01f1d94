package org.tributary.kafka.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;
import org.apache.kafka.common.message.SaslAuthenticateRequestData;
import org.apache.kafka.common.network.ClientInformation;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestContext;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.SaslAuthenticateRequest;
import org.apache.kafka.common.requests.SaslAuthenticateResponse;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.tributary.kafka.KafkaApis;
import org.tributary.kafka.KafkaRequest;
import org.tributary.kafka.KafkaSession;

/**
 * One client connection. Frames are decoded with kafka-clients' own classes ({@code
 * RequestHeader.parse}, {@code RequestContext.parseRequest}) and handled one at a time, in order,
 * on the request-handler pool; their responses may complete in any order but are written in the
 * order of the requests, as Kafka clients require. A frame that is not a request this broker serves
 * ends the connection with one line in the log, as Kafka ends it; nothing else is affected.
 *
 * <p>Bounded as Kafka mutes a channel: at most {@code max-in-flight-requests} requests are handled
 * ahead of their responses, and none while responses wait to be sent (Netty's write buffer is past
 * its high-water mark). Until then the connection is not read, so a client that sends and never
 * reads costs at most one read's worth of frames, those responses and the write buffer. A
 * connection idle for {@code connections.max.idle.ms}, or whose answers take that long, is closed.
 *
 * <p>Concurrency: every field but the executor is touched only on the connection's event loop;
 * handlers hand their responses back to it.
 */
final class KafkaChannel extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = Logger.getLogger(KafkaChannel.class.getName());

  private final String connectionId;
  private final KafkaApis apis;
  private final SerialExecutor handling;
  private final int maxInFlight;
  private final int maxConnections;
  private final ListenerMetrics metrics;
  private final SecurityProtocol protocol;
  private final ListenerName listenerName;

  /** Frames read but not yet handed to a handler: at most what one read brought. */
  private final Deque<ByteBuffer> received = new ArrayDeque<>();

  /** Requests handed to handlers, in request order, until their responses are written. */
  private final Deque<Pending> pending = new ArrayDeque<>();

  private volatile KafkaSession session;
  private boolean counted;
  private boolean closed;

  KafkaChannel(
      String connectionId,
      KafkaApis apis,
      Executor requestHandlers,
      int maxInFlight,
      int maxConnections,
      ListenerMetrics metrics,
      SecurityProtocol protocol) {
    this.connectionId = connectionId;
    this.apis = apis;
    this.handling = new SerialExecutor(requestHandlers);
    this.maxInFlight = maxInFlight;
    this.maxConnections = maxConnections;
    this.metrics = metrics;
    this.protocol = protocol;
    this.listenerName = ListenerName.forSecurityProtocol(protocol);
  }

  /** Whether the connection has signed in (frames may then be larger). */
  boolean authenticated() {
    KafkaSession current = session;
    return current != null && current.authenticated();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    session = new KafkaSession(connectionId, (InetSocketAddress) ctx.channel().remoteAddress());
    counted = true;
    if (metrics.opened() > maxConnections) {
      close(ctx, "refused", "max.connections=" + maxConnections + " reached");
      return;
    }
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    closed = true;
    if (counted) {
      metrics.gone();
      counted = false;
    }
    pending.clear();
    received.clear();
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) {
    ByteBuf frame = (ByteBuf) message;
    ByteBuffer buffer;
    try {
      metrics.read(frame.readableBytes() + 4);
      if (closed) {
        return;
      }
      buffer = ByteBuffer.allocate(frame.readableBytes());
      frame.readBytes(buffer);
      buffer.flip();
    } finally {
      frame.release();
    }
    received.add(buffer);
    dispatch(ctx);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    dispatch(ctx);
    ctx.fireChannelWritabilityChanged();
  }

  /** Hands received frames to the handlers while the bounds allow; reads only when all went. */
  private void dispatch(ChannelHandlerContext ctx) {
    while (!closed
        && !received.isEmpty()
        && pending.size() < maxInFlight
        && ctx.channel().isWritable()) {
      dispatch(ctx, received.poll());
    }
    boolean read =
        !closed && received.isEmpty() && pending.size() < maxInFlight && ctx.channel().isWritable();
    if (ctx.channel().config().isAutoRead() != read) {
      ctx.channel().config().setAutoRead(read);
    }
  }

  private void dispatch(ChannelHandlerContext ctx, ByteBuffer buffer) {
    if (session.rawSaslTokenNext()) {
      dispatchRawSaslToken(ctx, buffer);
      return;
    }
    RequestContext context;
    AbstractRequest body;
    try {
      RequestHeader header = RequestHeader.parse(buffer);
      context = context(header);
      body = context.parseRequest(buffer).request;
    } catch (RuntimeException e) {
      close(
          ctx,
          "invalid-request",
          "a frame that is not a Kafka request this broker reads (" + e.getMessage() + ")");
      return;
    }
    handOut(ctx, context, body, false);
  }

  /**
   * After SaslHandshake v0 the client sends its token as a bare frame, and expects the server's
   * token the same way (empty for PLAIN), or the connection closed: handled as a SaslAuthenticate.
   */
  private void dispatchRawSaslToken(ChannelHandlerContext ctx, ByteBuffer buffer) {
    byte[] token = new byte[buffer.remaining()];
    buffer.get(token);
    RequestHeader header =
        new RequestHeader(ApiKeys.SASL_AUTHENTICATE, (short) 0, session.clientId(), -1);
    handOut(
        ctx,
        context(header),
        new SaslAuthenticateRequest(
            new SaslAuthenticateRequestData().setAuthBytes(token), (short) 0),
        true);
  }

  private RequestContext context(RequestHeader header) {
    return new RequestContext(
        header,
        connectionId,
        session.remote().getAddress(),
        KafkaPrincipal.ANONYMOUS,
        listenerName,
        protocol,
        ClientInformation.EMPTY,
        false);
  }

  private void handOut(
      ChannelHandlerContext ctx, RequestContext context, AbstractRequest body, boolean raw) {
    metrics.request(context.header.apiKey());
    Pending entry = new Pending();
    pending.add(entry);
    KafkaRequest request = new KafkaRequest(context.header, body, session);
    try {
      handling.execute(() -> handle(ctx, context, request, entry, raw));
    } catch (RejectedExecutionException e) {
      close(ctx, "shutdown", "the broker is shutting down");
    }
  }

  /** On a request handler: handles the request and hands its response to the event loop. */
  private void handle(
      ChannelHandlerContext ctx,
      RequestContext context,
      KafkaRequest request,
      Pending entry,
      boolean raw) {
    CompletionStage<AbstractResponse> response;
    try {
      response = apis.handle(request);
    } catch (KafkaApis.ProtocolViolation e) {
      onEventLoop(ctx, () -> close(ctx, "invalid-request", e.getMessage()));
      return;
    } catch (RuntimeException | Error e) {
      // An Error too (an OutOfMemoryError of one request): the connection must not wait for an
      // answer that will never come; it closes, and the client retries elsewhere or later.
      LOG.log(Level.WARNING, "Kafka request failed unexpectedly on " + connectionId, e);
      onEventLoop(
          ctx, () -> close(ctx, "failure", "the broker failed to handle " + request.header()));
      return;
    }
    response.whenComplete(
        (answer, failure) -> answered(ctx, context, request, entry, raw, answer, failure));
  }

  private void answered(
      ChannelHandlerContext ctx,
      RequestContext context,
      KafkaRequest request,
      Pending entry,
      boolean raw,
      AbstractResponse answer,
      Throwable failure) {
    if (failure != null) {
      LOG.log(Level.WARNING, "Kafka request failed unexpectedly on " + connectionId, failure);
      onEventLoop(ctx, () -> close(ctx, "failure", "the broker failed to handle a request"));
      return;
    }
    ByteBuffer payload;
    Map<Errors, Integer> errors;
    try {
      if (raw) {
        SaslAuthenticateResponse sasl = (SaslAuthenticateResponse) answer;
        payload = sasl.error() == Errors.NONE ? ByteBuffer.wrap(sasl.data().authBytes()) : null;
      } else {
        payload = answer == null ? null : context.buildResponseEnvelopePayload(answer);
      }
      errors = answer == null ? Map.of() : answer.errorCounts();
    } catch (RuntimeException | Error e) {
      LOG.log(Level.WARNING, "Could not encode a Kafka response on " + connectionId, e);
      onEventLoop(ctx, () -> close(ctx, "failure", "a response could not be encoded"));
      return;
    }
    boolean closeAfter = request.session().closing();
    onEventLoop(
        ctx,
        () -> {
          entry.answered(payload, errors, closeAfter);
          writeAnswered(ctx);
        });
  }

  /** Runs on the connection's event loop; a loop shutting down drops it (its channel is gone). */
  private static void onEventLoop(ChannelHandlerContext ctx, Runnable task) {
    try {
      ctx.executor().execute(task);
    } catch (RejectedExecutionException e) {
      ctx.channel().close();
    }
  }

  /** Writes the answered responses at the head of the queue, in request order. */
  private void writeAnswered(ChannelHandlerContext ctx) {
    boolean wrote = false;
    while (!closed && !pending.isEmpty() && pending.peek().answered) {
      Pending head = pending.poll();
      if (head.payload != null) {
        int size = head.payload.remaining();
        ByteBuf prefix = ctx.alloc().buffer(4).writeInt(size);
        ctx.write(Unpooled.wrappedBuffer(prefix, Unpooled.wrappedBuffer(head.payload)));
        metrics.sent(size + 4, head.errors);
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
    dispatch(ctx);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof KafkaFrames.TruncatedFrame truncated) {
      close(
          ctx,
          "truncated",
          "the client closed in the middle of a frame ("
              + truncated.bytes()
              + " bytes of it sent)");
      return;
    }
    if (event instanceof SslHandshakeCompletionEvent handshake && !handshake.isSuccess()) {
      close(ctx, "tls", "TLS handshake failed (" + handshake.cause().getMessage() + ")");
      return;
    }
    if (event instanceof IdleStateEvent) {
      String why =
          pending.isEmpty()
              ? "idle for connections.max.idle.ms"
              : "no progress for connections.max.idle.ms with " + pending.size() + " requests open";
      close(ctx, "idle", why, pending.isEmpty() ? Level.FINE : Level.INFO);
      return;
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException) {
      close(ctx, "frame-too-large", cause.getMessage());
    } else if (cause instanceof DecoderException || cause instanceof SSLException) {
      // TLS that fails (a plaintext client, an untrusted certificate) or an undecodable frame.
      Throwable why = cause.getCause() == null ? cause : cause.getCause();
      close(ctx, "invalid-request", "undecodable input (" + why.getMessage() + ")");
    } else if (cause instanceof IOException) {
      closed = true;
      ctx.close();
    } else {
      LOG.log(Level.WARNING, "Kafka connection " + connectionId + " failed", cause);
      close(ctx, "failure", "an unexpected failure: " + cause);
    }
  }

  private void close(ChannelHandlerContext ctx, String reason, String why) {
    close(ctx, reason, why, Level.WARNING);
  }

  /** Closes the connection, with one line in the log saying why. */
  private void close(ChannelHandlerContext ctx, String reason, String why, Level level) {
    if (closed) {
      return;
    }
    closed = true;
    metrics.closed(reason);
    KafkaSession current = session;
    LOG.log(
        level,
        () ->
            "Kafka connection "
                + connectionId
                + " from "
                + (current == null ? ctx.channel().remoteAddress() : current.address())
                + (current == null || current.clientId().isEmpty()
                    ? ""
                    : " (client " + current.clientId() + ")")
                + " closed: "
                + why);
    ctx.close();
  }

  /** A request's place in the response order, and its response once there is one. */
  private static final class Pending {
    private boolean answered;
    private ByteBuffer payload;
    private Map<Errors, Integer> errors;
    private boolean closeAfter;

    void answered(ByteBuffer response, Map<Errors, Integer> errorCounts, boolean close) {
      answered = true;
      payload = response;
      errors = errorCounts;
      closeAfter = close;
    }
  }
}
