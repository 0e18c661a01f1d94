package org.tributary.web.v3;

import org.tributary.group.OffsetResetRequest;
import org.tributary.group.OffsetResetScenario;
import org.tributary.web.json.JsonBody;

/** The body of {@code POST .../consumer-groups/{group}/offsets:reset}. */
record OffsetResetBody(OffsetResetRequest request, boolean dryRun) {

  static OffsetResetBody parse(String body) {
    JsonBody json = JsonBody.parse(body);
    Boolean dryRun = json.optionalBoolean("dry_run");
    return new OffsetResetBody(
        new OffsetResetRequest(
            OffsetResetScenario.parse(json.requiredString("strategy")),
            json.requiredString("topic_name"),
            json.optionalInts("partitions"),
            json.optionalLong("offset"),
            json.optionalInstant("datetime"),
            json.optionalDuration("duration"),
            json.optionalLong("shift")),
        dryRun != null && dryRun);
  }
}
