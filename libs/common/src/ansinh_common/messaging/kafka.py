"""Factories for confluent-kafka clients with the project's delivery guarantees."""

from __future__ import annotations

from typing import Any

from confluent_kafka import Consumer, Producer

DELIVERY_TIMEOUT_MS = 30_000


def idempotent_producer_config(bootstrap: str, **extra: Any) -> dict[str, Any]:
    """Idempotent producer: acks=all, no duplicates or reordering from producer retries."""
    config: dict[str, Any] = {
        "bootstrap.servers": bootstrap,
        "enable.idempotence": True,
        "acks": "all",
        "linger.ms": 5,
        "message.timeout.ms": DELIVERY_TIMEOUT_MS,
    }
    config.update(extra)
    return config


def create_idempotent_producer(bootstrap: str, **extra: Any) -> Producer:
    return Producer(idempotent_producer_config(bootstrap, **extra))


def manual_commit_consumer_config(bootstrap: str, group_id: str, **extra: Any) -> dict[str, Any]:
    """Consumer whose offsets move only when told to (``store_offsets`` after the inbox
    transaction; the stored offsets are committed in the background and on close)."""
    config: dict[str, Any] = {
        "bootstrap.servers": bootstrap,
        "group.id": group_id,
        "enable.auto.commit": True,
        "auto.commit.interval.ms": 1_000,
        "enable.auto.offset.store": False,
        "auto.offset.reset": "earliest",
        "isolation.level": "read_committed",
    }
    config.update(extra)
    return config


SESSION_TIMEOUT_MS = 6_000
"""A consumer that stops heartbeating leaves its group after 6 s (the broker's minimum;
librdkafka's default is 45 s, which stalled a restarted worker's partitions that long)."""
HEARTBEAT_INTERVAL_MS = 1_500


def fast_recovery_config(group_id: str, instance: str | None) -> dict[str, Any]:
    """Group membership that lets a restarted worker resume at once (ADR 0008).

    * static membership (``group.instance.id = <group>-<instance>``) when ``instance`` is
      given: a worker restarted under the same instance name takes its partitions back
      without a rebalance and without waiting for the dead member's session to expire;
    * otherwise, or when the instance never comes back, the dead member is dropped after
      ``SESSION_TIMEOUT_MS``;
    * cooperative rebalancing: the other members keep their partitions meanwhile.

    Two live processes with the same instance name fence each other: one name per process
    (the pod or host name of a worker serving its shards).
    """
    config: dict[str, Any] = {
        "session.timeout.ms": SESSION_TIMEOUT_MS,
        "heartbeat.interval.ms": HEARTBEAT_INTERVAL_MS,
        "partition.assignment.strategy": "cooperative-sticky",
    }
    if instance:
        config["group.instance.id"] = f"{group_id}-{instance}"
    return config


def create_manual_commit_consumer(bootstrap: str, group_id: str, **extra: Any) -> Consumer:
    return Consumer(manual_commit_consumer_config(bootstrap, group_id, **extra))
