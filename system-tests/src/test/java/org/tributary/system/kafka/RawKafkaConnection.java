package org.tributary.system.kafka;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.common.message.SaslAuthenticateRequestData;
import org.apache.kafka.common.message.SaslHandshakeRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.SaslAuthenticateRequest;
import org.apache.kafka.common.requests.SaslAuthenticateResponse;
import org.apache.kafka.common.requests.SaslHandshakeRequest;

/**
 * A Kafka connection on a plain socket, for what no stock client sends: requests framed by hand
 * with kafka-clients' own classes, and bytes that are no request at all. Reads time out.
 */
public final class RawKafkaConnection implements AutoCloseable {

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private int correlation;

  /** To the server under test ({@code kafka.bootstrap}). */
  public RawKafkaConnection() throws IOException {
    this(
        KafkaClients.bootstrap().split(":")[0],
        Integer.parseInt(KafkaClients.bootstrap().split(":")[1]));
  }

  public RawKafkaConnection(String host, int port) throws IOException {
    socket = new Socket(host, port);
    socket.setSoTimeout(15_000);
    in = new DataInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  Socket socket() {
    return socket;
  }

  /** Sends a request; answers its correlation id. */
  public int send(AbstractRequest request) throws IOException {
    RequestHeader header =
        new RequestHeader(request.apiKey(), request.version(), "raw-it", ++correlation);
    ByteBuffer body = request.serializeWithHeader(header);
    byte[] framed = new byte[4 + body.remaining()];
    ByteBuffer.wrap(framed).putInt(body.remaining()).put(body);
    sendRaw(framed);
    return header.correlationId();
  }

  public void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** A frame: size, then bytes. */
  public static byte[] frame(byte[] body) {
    return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
  }

  /** The next response, read as the response to {@code api} at {@code version}. */
  AbstractResponse receive(ApiKeys api, short version, int correlationId) throws IOException {
    int size = in.readInt();
    byte[] bytes = new byte[size];
    in.readFully(bytes);
    return AbstractResponse.parseResponse(
        ByteBuffer.wrap(bytes), new RequestHeader(api, version, "raw-it", correlationId));
  }

  /** The next frame's bytes, whatever they hold. */
  public byte[] receiveRaw() throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return bytes;
  }

  /** Whether the server closes the connection within {@code within} (reading nothing more). */
  public boolean closedByServer(Duration within) throws IOException {
    socket.setSoTimeout((int) within.toMillis());
    try {
      while (true) {
        if (in.read() < 0) {
          return true;
        }
      }
    } catch (EOFException | SocketException e) {
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  /** SaslHandshake v1 with PLAIN, then SaslAuthenticate v2 with the user and password. */
  SaslAuthenticateResponse signIn(String user, String password) throws IOException {
    int handshake =
        send(
            new SaslHandshakeRequest.Builder(new SaslHandshakeRequestData().setMechanism("PLAIN"))
                .build((short) 1));
    receive(ApiKeys.SASL_HANDSHAKE, (short) 1, handshake);
    byte[] token = ("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8);
    int authenticate =
        send(
            new SaslAuthenticateRequest.Builder(
                    new SaslAuthenticateRequestData().setAuthBytes(token))
                .build((short) 2));
    return (SaslAuthenticateResponse) receive(ApiKeys.SASL_AUTHENTICATE, (short) 2, authenticate);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
