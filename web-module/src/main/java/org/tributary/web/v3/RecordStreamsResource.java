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
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tributary.log.PartitionLogs;
import org.tributary.log.PartitionOffsets;
import org.tributary.security.Roles;
import org.tributary.web.QueryParameters;
import org.tributary.web.error.RequestRefusedException;
import org.tributary.web.sse.EventStream;
import org.tributary.web.sse.EventStreams;

/**
 * A topic's new records as Server-Sent Events, for dashboards and scripts: one {@code record} event
 * per record (its id every partition's next offset after it, {@link StreamPositions}), all
 * partitions, from the end unless {@code from=beginning} or a {@code Last-Event-ID} says where;
 * heartbeat comments; a {@code close} event with the reason when the server ends it. The response
 * is written by {@link EventStream} with non-blocking servlet output, so a client that does not
 * read holds no thread; JAX-RS only suspends the request.
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
              + " tributary.http.sse.idle-timeout-ms). An event's id is every partition's next"
              + " offset after it (0:43,1:17); Last-Event-ID resumes each partition there, and one"
              + " it does not name from its log start."
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
              idleMillis);
      new TopicTail(logs, stream, topicName, shown, positions).start();
    } catch (RuntimeException e) {
      response.resume(e);
    }
  }

  /** Where each partition starts: the end, the beginning, or where the last event seen left it. */
  private Map<Integer, Long> positions(String from, String lastEventId) {
    boolean beginning = "beginning".equals(from);
    if (from != null && !beginning && !"end".equals(from)) {
      throw RequestRefusedException.invalidPayload(
          "Query parameter 'from' must be end or beginning, was '" + from + "'.");
    }
    Map<Integer, Long> resumed =
        lastEventId == null || lastEventId.isBlank()
            ? null
            : StreamPositions.parse(lastEventId.trim());
    Map<Integer, Long> positions = new TreeMap<>();
    for (PartitionOffsets offsets : logs.offsets(topicName)) {
      long start;
      if (resumed != null) {
        // A partition the id does not name was added after the stream opened: all of it is new.
        start = offsets.clamp(resumed.getOrDefault(offsets.partition(), 0L));
      } else {
        start = beginning ? offsets.logStartOffset() : offsets.lastStableOffset();
      }
      positions.put(offsets.partition(), start);
    }
    if (resumed != null) {
      for (int partition : resumed.keySet()) {
        if (!positions.containsKey(partition)) {
          throw RequestRefusedException.partitionNotFound(topicName, String.valueOf(partition));
        }
      }
    }
    return positions;
  }
}
