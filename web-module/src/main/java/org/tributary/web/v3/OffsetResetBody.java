package org.tributary.web.v3;

import java.time.Duration;
import java.time.Instant;
import org.tributary.group.OffsetResetRequest;
import org.tributary.group.OffsetResetStrategy;
import org.tributary.web.json.JsonBody;

/** The body of {@code POST .../consumer-groups/{group}/offsets:reset}. */
record OffsetResetBody(OffsetResetRequest request, boolean dryRun) {

  static OffsetResetBody parse(String body) {
    JsonBody json = JsonBody.parse(body);
    Boolean dryRun = json.optionalBoolean("dry_run");
    return new OffsetResetBody(
        new OffsetResetRequest(
            OffsetResetStrategy.parse(json.requiredString("strategy")),
            json.requiredString("topic_name"),
            json.optionalInts("partitions"),
            json.optionalLong("offset"),
            json.optional("datetime", Instant::parse, "an ISO-8601 instant"),
            json.optional("duration", Duration::parse, "an ISO-8601 duration such as PT1H"),
            json.optionalLong("shift")),
        dryRun != null && dryRun);
  }
}
