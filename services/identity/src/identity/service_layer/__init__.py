"""Use cases of the identity service: ports, unit of work, handlers per area, queries."""
