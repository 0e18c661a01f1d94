package org.tributary.facade;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.tributary.api.ConsumerSettings;
import org.tributary.api.TributaryConsumer;
import org.tributary.api.TributaryContext;
import org.tributary.api.TributaryProducer;
import org.tributary.clients.ClientActivity;
import org.tributary.consumer.ConsumerFactory;
import org.tributary.consumer.ConsumerOptions;
import org.tributary.group.OffsetResetStrategy;
import org.tributary.group.RangeAssignor;
import org.tributary.log.PartitionLogs;

/**
 * The facade that applications use: a singleton with no state of its own (bean-managed concurrency,
 * nothing to lock), bound under {@link TributaryContext#JNDI_NAME} for applications outside
 * Tributary's deployment. Its methods support the caller's transaction rather than suspend it, so
 * sends and commits can join it.
 */
@Singleton(name = "TributaryFacade")
@Local(TributaryContext.class)
@EJB(
    name = TributaryContext.JNDI_NAME,
    beanInterface = TributaryContext.class,
    beanName = "TributaryFacade")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class TributaryFacade implements TributaryContext {

  @Inject PartitionLogs logs;
  @Inject ConsumerFactory consumers;
  @Inject ClientActivity clients;
  @Resource TransactionSynchronizationRegistry transactions;

  @Override
  public TributaryProducer createProducer() {
    return new FacadeProducer(logs, transactions, clients);
  }

  @Override
  public TributaryConsumer createConsumer(ConsumerSettings settings) {
    return new FacadeConsumer(
        ClientErrors.translated(
            () ->
                consumers.create(
                    settings.groupId(),
                    new ConsumerOptions(
                        "facade",
                        OffsetResetStrategy.valueOf(settings.autoOffsetReset().name()),
                        settings.autoCommit(),
                        1,
                        settings.sessionTimeout(),
                        RangeAssignor.NAME))),
        clients);
  }
}
