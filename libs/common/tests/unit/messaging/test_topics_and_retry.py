import pytest
from sqlalchemy.exc import OperationalError

from ansinh_common.messaging import RetryPolicy, dlq_topic_name, topic_name
from ansinh_common.messaging.retry import is_transient


def test_topic_name() -> None:
    assert topic_name("dossier", "dossier") == "ansinh.dossier.dossier.v1"
    assert topic_name("payment", "payment_order", version=2) == "ansinh.payment.payment_order.v2"


@pytest.mark.parametrize(
    ("service", "entity"), [("Dossier", "x"), ("dossier", "a.b"), ("", "x"), ("x", "1a")]
)
def test_topic_name_refuses_bad_parts(service: str, entity: str) -> None:
    with pytest.raises(ValueError, match="invalid"):
        topic_name(service, entity)


def test_topic_name_refuses_version_zero() -> None:
    with pytest.raises(ValueError, match="version"):
        topic_name("a", "b", version=0)


def test_dlq_topic_name() -> None:
    assert dlq_topic_name("ansinh.dossier.dossier.v1") == "ansinh.dossier.dossier.v1.dlq"


def test_backoff_doubles_up_to_the_cap() -> None:
    policy = RetryPolicy(max_attempts=6, initial_backoff_s=0.5, max_backoff_s=3.0)
    assert [policy.backoff_s(n) for n in range(1, 6)] == [0.5, 1.0, 2.0, 3.0, 3.0]


def test_database_outage_is_transient_but_handler_errors_are_not() -> None:
    assert is_transient(OperationalError("SELECT 1", {}, Exception("connection refused")))
    assert not is_transient(ValueError("bad payload"))
