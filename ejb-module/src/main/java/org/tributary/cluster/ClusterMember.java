package org.tributary.cluster;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.sql.Timestamp;
import java.util.Optional;

/**
 * A server of the cluster as the database knows it: its broker id (Kafka's node id), who it is (the
 * writer lease's owner name, so that the lease's holder can be found among the members), where
 * Kafka clients reach it, when it started and when it last said it was alive (database time).
 */
@Entity
@Table(name = "tributary_cluster_member")
@NamedQuery(
    name = ClusterMember.HEARTBEAT,
    query =
        "UPDATE ClusterMember m SET m.heartbeatAt = CURRENT_TIMESTAMP,"
            + " m.kafkaHost = :host, m.kafkaPort = :port"
            + " WHERE m.brokerId = :brokerId AND m.memberId = :memberId")
@NamedQuery(
    name = ClusterMember.ADVERTISE,
    query =
        "UPDATE ClusterMember m SET m.kafkaHost = :host, m.kafkaPort = :port"
            + " WHERE m.brokerId = :brokerId AND m.memberId = :memberId")
@NamedQuery(
    name = ClusterMember.TAKE_OVER_ID,
    query =
        "UPDATE ClusterMember m SET m.memberId = :memberId, m.kafkaHost = NULL,"
            + " m.kafkaPort = NULL, m.startedAt = CURRENT_TIMESTAMP,"
            + " m.heartbeatAt = CURRENT_TIMESTAMP"
            + " WHERE m.brokerId = :brokerId AND m.heartbeatAt < :deadBefore")
@NamedQuery(
    name = ClusterMember.LEAVE,
    query =
        "UPDATE ClusterMember m SET m.heartbeatAt = :gone"
            + " WHERE m.brokerId = :brokerId AND m.memberId = :memberId")
@NamedQuery(name = ClusterMember.ALL, query = "SELECT m FROM ClusterMember m ORDER BY m.brokerId")
public class ClusterMember {

  static final String HEARTBEAT = "ClusterMember.heartbeat";
  static final String ADVERTISE = "ClusterMember.advertise";
  static final String TAKE_OVER_ID = "ClusterMember.takeOverId";
  static final String LEAVE = "ClusterMember.leave";
  static final String ALL = "ClusterMember.all";

  @Id
  @Column(name = "broker_id")
  private int brokerId;

  @Column(name = "member_id", length = 200, nullable = false)
  private String memberId;

  @Column(name = "kafka_host", length = 255)
  private String kafkaHost;

  @Column(name = "kafka_port")
  private Integer kafkaPort;

  @Column(name = "started_at", nullable = false)
  private Timestamp startedAt;

  @Column(name = "heartbeat_at", nullable = false)
  private Timestamp heartbeatAt;

  protected ClusterMember() {}

  ClusterMember(int brokerId, String memberId, Timestamp now) {
    this.brokerId = brokerId;
    this.memberId = memberId;
    this.startedAt = now;
    this.heartbeatAt = now;
  }

  int brokerId() {
    return brokerId;
  }

  Timestamp heartbeatAt() {
    return heartbeatAt;
  }

  ClusterView.Member asMember() {
    return new ClusterView.Member(
        memberId,
        new ClusterView.Broker(
            brokerId,
            Optional.ofNullable(kafkaHost),
            kafkaPort == null ? -1 : kafkaPort,
            startedAt.toInstant(),
            heartbeatAt.toInstant()));
  }
}
