"""Events the payment service records (none yet)."""
