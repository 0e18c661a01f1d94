package org.tributary.web.v3;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tributary.audit.AuditAction;
import org.tributary.audit.AuditFilter;
import org.tributary.audit.AuditPage;
import org.tributary.audit.AuditTrail;
import org.tributary.audit.AuditView;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.security.Roles;
import org.tributary.web.QueryParameters;
import org.tributary.web.v3.Shapes.ListMetadata;
import org.tributary.web.v3.Shapes.ResourceList;

/**
 * Tributary extension: the audit trail of every change operators and app admins made (topics,
 * DeleteRecords, offset resets, users…), newest first, filtered and paged. See docs/http-api.md.
 */
@Path("/v3/clusters/{cluster_id}/audit-log")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "v3 audit")
@RolesAllowed(Roles.ADMIN)
public class AuditLogResource {

  private static final int DEFAULT_PAGE_SIZE = 100;
  private static final int MAX_PAGE_SIZE = 1000;
  private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

  @Inject Cluster cluster;
  @Inject AuditTrail trail;
  @Context UriInfo uri;

  @PathParam("cluster_id")
  String clusterId;

  @GET
  @Operation(
      summary = "The audit trail, newest first",
      description =
          "Filters: kind (an action such as topic.config, or a family: topic, records, offsets,"
              + " group, dlt, user), user (who made the change), topic, group, since and until"
              + " (ISO-8601 instants or epoch milliseconds; since included, until excluded);"
              + " page_size (1-1000, default 100) and page_token (from metadata.next).")
  public ResourceList<Shapes.AuditEntry> list(
      @QueryParam("kind") String kind,
      @QueryParam("user") String user,
      @QueryParam("topic") String topic,
      @QueryParam("group") String group,
      @QueryParam("since") String since,
      @QueryParam("until") String until,
      @QueryParam("page_size") String pageSize,
      @QueryParam("page_token") String pageToken) {
    cluster.require(clusterId);
    AuditFilter filter =
        new AuditFilter(
            kind == null || kind.isBlank() ? null : AuditAction.matching(kind),
            user,
            topic,
            group,
            instant("since", since),
            instant("until", until));
    AuditPage page = trail.list(filter, pageToken, pageSize(pageSize));
    String next =
        page.nextPageToken() == null
            ? null
            : uri.getRequestUriBuilder()
                .replaceQueryParam("page_token", page.nextPageToken())
                .build()
                .toString();
    return new ResourceList<>(
        "KafkaAuditEntryList",
        new ListMetadata(uri.getRequestUri().toString(), next),
        page.entries().stream().map(this::shape).toList());
  }

  private Shapes.AuditEntry shape(AuditView entry) {
    return new Shapes.AuditEntry(
        "KafkaAuditEntry",
        cluster.id(),
        entry.id(),
        entry.at().toString(),
        entry.action(),
        entry.actor(),
        entry.origin(),
        entry.subject().topic(),
        entry.subject().group(),
        entry.subject().user(),
        json(entry.before()),
        json(entry.after()));
  }

  /**
   * An ISO-8601 instant or epoch milliseconds from year 0000 to 9999; null when absent. Beyond that
   * an instant has no epoch milliseconds the trail could compare with.
   */
  static Instant instant(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String trimmed = value.trim();
    Instant parsed;
    try {
      parsed =
          trimmed.chars().allMatch(Character::isDigit)
              ? Instant.ofEpochMilli(Long.parseLong(trimmed))
              : Instant.parse(trimmed);
    } catch (DateTimeParseException | NumberFormatException notATime) {
      throw new TributaryException(
          ErrorCode.INVALID_FILTER,
          "'"
              + name
              + "' must be an ISO-8601 instant such as 2026-12-07T06:00:00Z or epoch"
              + " milliseconds, not '"
              + value
              + "'.");
    }
    if (parsed.isBefore(EARLIEST) || parsed.isAfter(LATEST)) {
      throw new TributaryException(
          ErrorCode.INVALID_FILTER,
          "'" + name + "' must be a time from year 0000 to 9999, not '" + value + "'.");
    }
    return parsed;
  }

  static int pageSize(String value) {
    return (int)
        QueryParameters.number(
            "page_size",
            value,
            DEFAULT_PAGE_SIZE,
            1,
            MAX_PAGE_SIZE,
            message -> new TributaryException(ErrorCode.INVALID_FILTER, message));
  }

  private static JsonValue json(String text) {
    if (text == null) {
      return JsonValue.NULL;
    }
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readValue();
    }
  }
}
