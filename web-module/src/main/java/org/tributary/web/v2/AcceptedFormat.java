package org.tributary.web.v2;

import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.tributary.web.error.RequestRefusedException;

/** Which embedded format a records request's Accept header asks for. */
final class AcceptedFormat {

  private AcceptedFormat() {}

  /**
   * Refuses an Accept header that names only other embedded formats than the instance's. Generic
   * types ({@code *}{@code /*}, {@code application/json}, {@code application/vnd.kafka.v2+json})
   * accept the instance's format.
   */
  static void require(List<MediaType> acceptable, EmbeddedFormat instanceFormat) {
    for (MediaType type : acceptable) {
      String subtype = type.getSubtype();
      if (type.isWildcardType()
          || type.isWildcardSubtype()
          || subtype.equals("json")
          || subtype.equals("vnd.kafka.v2+json")
          || type.isCompatible(MediaType.valueOf(instanceFormat.mediaType()))) {
        return;
      }
    }
    throw RequestRefusedException.formatMismatch(
        instanceFormat.label(), acceptable.stream().map(MediaType::toString).toList().toString());
  }
}
