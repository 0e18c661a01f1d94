package org.tributary.audit;

import java.util.List;

/**
 * A page of the audit trail, newest first; {@code nextPageToken} continues after its last entry,
 * null on the last page.
 */
public record AuditPage(List<AuditView> entries, String nextPageToken) {}
