"""Events of the identity service (none yet: account actions are audited in its own database,
``domain.audit``, not published)."""
