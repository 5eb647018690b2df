"""Command handlers of the payment service, one module per area (none yet)."""
