"""Dead-letter publishing: a message that keeps failing goes to ``<topic>.dlq``."""

from __future__ import annotations

from confluent_kafka import KafkaError, KafkaException, Message, Producer

from ansinh_common.messaging.topics import dlq_topic_name

MAX_ERROR_CHARS = 2000


def dead_letter_headers(
    message: Message, consumer: str, error: BaseException, attempts: int
) -> list[tuple[str, bytes]]:
    """The original headers plus where the message came from and why it failed."""
    extra = {
        "ansinh_dlq_consumer": consumer,
        "ansinh_dlq_topic": str(message.topic()),
        "ansinh_dlq_partition": str(message.partition()),
        "ansinh_dlq_offset": str(message.offset()),
        "ansinh_dlq_attempts": str(attempts),
        "ansinh_dlq_error": f"{type(error).__name__}: {error}"[:MAX_ERROR_CHARS],
    }
    original = [(k, v if isinstance(v, bytes) else v.encode()) for k, v in message.headers() or []]
    return original + [(k, v.encode()) for k, v in extra.items()]


def publish_dead_letter(
    producer: Producer,
    message: Message,
    consumer: str,
    error: BaseException,
    attempts: int,
    timeout_s: float = 35.0,
) -> None:
    """Publish ``message`` to its DLQ and wait for delivery; raise KafkaException on failure."""
    outcome: list[KafkaError | None] = []
    producer.produce(
        dlq_topic_name(str(message.topic())),
        key=message.key(),
        value=message.value(),
        headers=dead_letter_headers(message, consumer, error, attempts),
        on_delivery=lambda err, _msg: outcome.append(err),
    )
    producer.flush(timeout_s)
    if not outcome or outcome[0] is not None:
        raise KafkaException(outcome[0] if outcome else KafkaError(KafkaError._TIMED_OUT))
