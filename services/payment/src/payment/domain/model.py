"""Entities and value objects of the payment service (none yet)."""
