package org.tributary.example.ledger;

import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.MessageDrivenContext;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.tributary.api.Header;
import org.tributary.api.ReceivedRecord;
import org.tributary.api.RecordListener;

/**
 * Books every record of {@value #TOPIC} (key: the account, value: the amount as text) into the
 * app's ledger table. Container-managed transactions: the entry and the record's offset commit are
 * one transaction, so each payment is booked exactly once, however often it is delivered.
 *
 * <p>A value that is not an amount throws: after {@code maxAttempts} the record is in {@code
 * payments.DLT}. A record with header {@value #ROLLBACK_ATTEMPTS}{@code : n} is booked and then
 * rolled back on its first n attempts, to show that neither its entry nor its offset stays.
 *
 * <p>The ledger's database is an XA datasource (H2, which Payara ships): with Tributary's, two
 * resources are in each delivery transaction, and Payara commits them in two phases.
 */
@DataSourceDefinition(
    name = Ledger.DATASOURCE,
    className = "org.h2.jdbcx.JdbcDataSource",
    url = "jdbc:h2:${MPCONFIG=com.sun.aas.instanceRoot}/lib/databases/ledger-example")
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "tributary-rar"),
      @ActivationConfigProperty(propertyName = "topics", propertyValue = Ledger.TOPIC),
      @ActivationConfigProperty(propertyName = "group", propertyValue = "ledger"),
      @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "2"),
      @ActivationConfigProperty(propertyName = "startAt", propertyValue = "earliest"),
      @ActivationConfigProperty(propertyName = "maxAttempts", propertyValue = "2"),
      @ActivationConfigProperty(propertyName = "backoffMillis", propertyValue = "3000")
    })
public class Ledger implements RecordListener {

  static final String TOPIC = "payments";
  static final String DATASOURCE = "java:app/jdbc/ledger";
  static final String ROLLBACK_ATTEMPTS = "ledger.rollback-attempts";

  @PersistenceContext(unitName = "ledger")
  EntityManager entries;

  @Resource MessageDrivenContext context;

  @Inject Deliveries deliveries;

  @Override
  public void onRecord(ReceivedRecord record) {
    int attempt = deliveries.attempt(record);
    BigDecimal amount;
    try {
      amount = new BigDecimal(record.value(String.class).trim());
    } catch (RuntimeException e) {
      deliveries.log(record, attempt, "refused");
      throw new IllegalArgumentException("Not an amount: " + record.value(String.class), e);
    }
    entries.persist(new LedgerEntry(record, amount));
    entries.flush();
    int rollbacks = record.header(ROLLBACK_ATTEMPTS).map(Header::value).map(this::count).orElse(0);
    if (attempt <= rollbacks) {
      context.setRollbackOnly();
      deliveries.log(record, attempt, "rolled back");
      return;
    }
    deliveries.log(record, attempt, "booked");
  }

  private int count(byte[] text) {
    return Integer.parseInt(new String(text, StandardCharsets.UTF_8).trim());
  }
}
