"""What each dependency's outage means for the gateway's readiness (ADR 0008).

* **Redis** (rate-limit counters, JWKS cache, disabled-account flags): the gateway fails
  open by design (no rate limit, JWKS from Keycloak or the in-process copy) → *degraded*,
  still ready: taking the gateway out of the load balancer would stop an API that works.
* **Keycloak's JWKS**: tokens are verified against the keys cached in Redis and in the
  process (``jwks_cache_ttl_seconds``); logins themselves happen at Keycloak → *degraded*.
* **gRPC backends** (``grpc:<name>``): their health follows their own databases (NOT_SERVING
  while a database is unreachable, ADR 0008); every API call needs them → *not ready*
  (503). Liveness (``/healthz``) stays 200: nothing is restarted for a dependency's outage.
"""

from __future__ import annotations

FAIL_OPEN: frozenset[str] = frozenset({"redis", "keycloak_jwks"})
"""Dependencies whose outage leaves the gateway ready (degraded)."""


def required(dependency: str) -> bool:
    """True if the gateway is not ready while ``dependency`` is down."""
    return dependency not in FAIL_OPEN
