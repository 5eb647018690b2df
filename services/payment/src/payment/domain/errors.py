"""Errors of the payment service, subclasses of ``ansinh_common.errors`` (none yet)."""
