"""The gateway's (small) domain: rate-limit policy and decisions, request ids, readiness."""
