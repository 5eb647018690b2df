"""Command handlers of the reporting service, one module per area (none yet)."""
