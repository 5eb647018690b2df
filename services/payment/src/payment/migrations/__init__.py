"""Alembic migrations of the payment service (``services/payment/migrate.sh``)."""
