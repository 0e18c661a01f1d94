package org.tributary.api;

/**
 * The message listener interface of Tributary's resource adapter: a message-driven bean that
 * implements it receives the records of the topics named in its activation properties, in order per
 * partition, as a member of its group.
 *
 * <pre>{@code
 * @MessageDriven(activationConfig = {
 *   @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "tributary-rar"),
 *   @ActivationConfigProperty(propertyName = "topics", propertyValue = "payments"),
 *   @ActivationConfigProperty(propertyName = "group", propertyValue = "ledger")})
 * public class Ledger implements RecordListener { ... }
 * }</pre>
 *
 * <p>With container-managed transactions the record's offset commit joins the delivery transaction:
 * what the bean writes and the offset commit or roll back together.
 */
public interface RecordListener {

  /** Handles one record; throwing (or rolling back) means the record is delivered again. */
  void onRecord(ReceivedRecord record);
}
