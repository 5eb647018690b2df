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
    """Consumer that commits offsets only when told to (after the inbox transaction)."""
    config: dict[str, Any] = {
        "bootstrap.servers": bootstrap,
        "group.id": group_id,
        "enable.auto.commit": False,
        "enable.auto.offset.store": False,
        "auto.offset.reset": "earliest",
        "isolation.level": "read_committed",
    }
    config.update(extra)
    return config


def create_manual_commit_consumer(bootstrap: str, group_id: str, **extra: Any) -> Consumer:
    return Consumer(manual_commit_consumer_config(bootstrap, group_id, **extra))
