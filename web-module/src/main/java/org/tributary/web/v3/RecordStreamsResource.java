package org.tributary.web.v3;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tributary.log.FetchResult;
import org.tributary.log.PartitionLogs;
import org.tributary.log.PartitionOffsets;
import org.tributary.security.Roles;
import org.tributary.web.QueryParameters;
import org.tributary.web.error.RequestRefusedException;
import org.tributary.web.sse.EventStream;
import org.tributary.web.sse.EventStreams;

/**
 * A topic's new records as Server-Sent Events, for dashboards and scripts: one {@code record} event
 * per record (id {@code partition:offset}), all partitions, from the end unless {@code
 * from=beginning}; heartbeat comments; a {@code close} event with the reason when the server ends
 * it. The response is written by {@link EventStream} with non-blocking servlet output, so a client
 * that does not read holds no thread; JAX-RS only suspends the request.
 */
@Path("/v3/clusters/{cluster_id}/topics/{topic_name}/records:stream")
@Tag(name = "v3 partitions")
@RolesAllowed({Roles.ADMIN, Roles.CONSUMER, Roles.VIEWER})
public class RecordStreamsResource {

  @Inject Cluster cluster;
  @Inject PartitionLogs logs;
  @Inject EventStreams streams;

  @PathParam("cluster_id")
  String clusterId;

  @PathParam("topic_name")
  String topicName;

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Operation(
      summary = "Stream the topic's new records as Server-Sent Events",
      description =
          "from: end (default) or beginning; format: binary (default), json or string; idle_timeout:"
              + " ms without a record after which the server ends the stream (at most"
              + " tributary.http.sse.idle-timeout-ms). Last-Event-ID (partition:offset) resumes"
              + " that partition after the offset and the others from that record's timestamp."
              + " At most tributary.http.sse.max-streams-per-user streams per user (429, 42903).")
  public void stream(
      @Suspended AsyncResponse response,
      @QueryParam("from") String from,
      @QueryParam("format") String format,
      @QueryParam("idle_timeout") String idleTimeout,
      @HeaderParam("Last-Event-ID") String lastEventId,
      @Context HttpServletRequest request) {
    try {
      cluster.require(clusterId);
      RecordJson shown = RecordJson.named(format);
      long idleMillis =
          QueryParameters.number(
              "idle_timeout", idleTimeout, streams.maxIdleMillis(), 1, streams.maxIdleMillis());
      Map<Integer, Long> positions = positions(from, lastEventId);
      EventStream stream =
          streams.open(
              request.getAsyncContext(),
              // The headers are sent already: this only completes the response, through JAX-RS.
              () -> response.resume(Response.ok().build()),
              request.getUserPrincipal().getName(),
              idleMillis,
              logs.completions());
      new TopicTail(logs, logs.completions(), stream, topicName, shown).start(positions);
    } catch (RuntimeException e) {
      response.resume(e);
    }
  }

  /** Where each partition starts: the end, the beginning, or after the last event seen. */
  private Map<Integer, Long> positions(String from, String lastEventId) {
    boolean beginning = "beginning".equals(from);
    if (from != null && !beginning && !"end".equals(from)) {
      throw RequestRefusedException.invalidPayload(
          "Query parameter 'from' must be end or beginning, was '" + from + "'.");
    }
    List<PartitionOffsets> partitions = logs.offsets(topicName);
    Map<Integer, Long> positions = new TreeMap<>();
    for (PartitionOffsets offsets : partitions) {
      positions.put(
          offsets.partition(), beginning ? offsets.logStartOffset() : offsets.lastStableOffset());
    }
    if (lastEventId != null && !lastEventId.isBlank()) {
      resume(lastEventId.trim(), partitions, positions);
    }
    return positions;
  }

  /**
   * After reconnecting: the event's partition goes on after its offset, the others from the first
   * record at or after its timestamp (their order relative to it is not kept by the stream).
   */
  private void resume(
      String lastEventId, List<PartitionOffsets> partitions, Map<Integer, Long> positions) {
    String[] parts = lastEventId.split(":", 2);
    int partition;
    long offset;
    try {
      partition = Integer.parseInt(parts[0]);
      offset = Long.parseLong(parts.length == 2 ? parts[1] : "");
    } catch (NumberFormatException e) {
      throw RequestRefusedException.invalidPayload(
          "Header Last-Event-ID must be partition:offset as the stream sent it, was '"
              + lastEventId
              + "'.");
    }
    if (!positions.containsKey(partition)) {
      throw RequestRefusedException.partitionNotFound(topicName, String.valueOf(partition));
    }
    PartitionOffsets seen = partitions.get(partition);
    positions.put(partition, seen.clamp(offset + 1));
    if (offset < seen.logStartOffset() || offset >= seen.lastStableOffset()) {
      return;
    }
    FetchResult last = logs.read(topicName, partition, offset, 1);
    if (last.records().isEmpty() || last.records().get(0).offset() != offset) {
      return;
    }
    long timestamp = last.records().get(0).timestamp();
    for (PartitionOffsets other : partitions) {
      if (other.partition() != partition) {
        OptionalLong at = logs.offsetForTimestamp(topicName, other.partition(), timestamp);
        positions.put(other.partition(), at.orElse(other.lastStableOffset()));
      }
    }
  }
}
