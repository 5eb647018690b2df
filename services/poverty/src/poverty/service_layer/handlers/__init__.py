"""Command handlers of the poverty service, one module per area (none yet)."""
