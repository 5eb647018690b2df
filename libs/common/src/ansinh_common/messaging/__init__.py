"""Events: CloudEvents envelope, Kafka headers, transactional outbox, relay, inbox consumer,
and the shared worker runner (ADR 0008)."""

from ansinh_common.messaging.consumer import (
    BatchHandler,
    BatchKey,
    Handler,
    InboxConsumer,
    SessionScope,
    by_province,
    one_scope,
    routed_sessions,
)
from ansinh_common.messaging.envelope import PROTOBUF_CONTENT_TYPE, SPEC_VERSION, Envelope
from ansinh_common.messaging.errors import InvalidEnvelopeError, UnprocessableMessage
from ansinh_common.messaging.headers import (
    KafkaHeaders,
    from_kafka_headers,
    to_kafka_headers,
    trace_carrier,
)
from ansinh_common.messaging.inbox import record_in_inbox
from ansinh_common.messaging.kafka import (
    create_idempotent_producer,
    create_manual_commit_consumer,
    fast_recovery_config,
    idempotent_producer_config,
    manual_commit_consumer_config,
)
from ansinh_common.messaging.metrics import ConsumerMetrics, ConsumerStats
from ansinh_common.messaging.outbox import OutboxRow, add_many_to_outbox, add_to_outbox
from ansinh_common.messaging.relay import CRASH_AFTER_SEND_ENV, OutboxRelay
from ansinh_common.messaging.retry import RetryPolicy
from ansinh_common.messaging.tables import MessagingTables, add_messaging_tables
from ansinh_common.messaging.topics import dlq_topic_name, topic_name
from ansinh_common.messaging.worker import PeriodicTask, WorkerRunner, run_until_signalled

__all__ = [
    "CRASH_AFTER_SEND_ENV",
    "PROTOBUF_CONTENT_TYPE",
    "SPEC_VERSION",
    "BatchHandler",
    "BatchKey",
    "ConsumerMetrics",
    "ConsumerStats",
    "Envelope",
    "Handler",
    "InboxConsumer",
    "InvalidEnvelopeError",
    "KafkaHeaders",
    "MessagingTables",
    "OutboxRelay",
    "OutboxRow",
    "PeriodicTask",
    "RetryPolicy",
    "SessionScope",
    "UnprocessableMessage",
    "WorkerRunner",
    "add_many_to_outbox",
    "add_messaging_tables",
    "add_to_outbox",
    "by_province",
    "create_idempotent_producer",
    "create_manual_commit_consumer",
    "dlq_topic_name",
    "fast_recovery_config",
    "from_kafka_headers",
    "idempotent_producer_config",
    "manual_commit_consumer_config",
    "one_scope",
    "record_in_inbox",
    "routed_sessions",
    "run_until_signalled",
    "to_kafka_headers",
    "topic_name",
    "trace_carrier",
]
