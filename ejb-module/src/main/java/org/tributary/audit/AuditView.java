package org.tributary.audit;

import java.time.Instant;

/**
 * One entry of the audit trail as the API and the console show it.
 *
 * @param actor the signed-in user who made the change; {@code anonymous} for an unauthenticated
 *     caller, {@code server} for the server itself (the first start's users)
 * @param origin the client's address ({@code X-Forwarded-For} from trusted proxies only), followed
 *     by the API in parentheses for a change made over the Kafka protocol ({@code "10.0.0.7 (Kafka
 *     CreateTopics)"}); null when the change came from no request (the facade, the server)
 * @param before the state before the change as JSON text, null when there was none
 * @param after the state after the change as JSON text, null when there is none
 */
public record AuditView(
    long id,
    Instant at,
    String action,
    String actor,
    String origin,
    AuditSubject subject,
    String before,
    String after) {}
