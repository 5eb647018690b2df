"""Use cases of the gateway: rate limiting and readiness."""
