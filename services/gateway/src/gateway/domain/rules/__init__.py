"""Rules of the gateway, one module each (``LEGAL_BASIS`` None: technical, not legal)."""

from gateway.domain.rules.rate_limit import decide
from gateway.domain.rules.request_id import accept_request_id, new_request_id

__all__ = ["accept_request_id", "decide", "new_request_id"]
