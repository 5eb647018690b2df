"""The Redis adapter of the disabled-account list reports a store that is down as the port's
``DisabledListUnavailable`` (the service layer knows no Redis)."""

from __future__ import annotations

import socket

import pytest
from redis import Redis

from identity.adapters.disabled_accounts import RedisDisabledAccounts
from identity.service_layer.ports import DisabledListUnavailable


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_store_that_is_down_raises_the_ports_error() -> None:
    redis: Redis[bytes] = Redis(host="127.0.0.1", port=closed_port(), socket_connect_timeout=1)
    flags = RedisDisabledAccounts(redis)
    with pytest.raises(DisabledListUnavailable):
        flags.mark("user-1")
    with pytest.raises(DisabledListUnavailable):
        flags.clear("user-1")
    redis.close()
