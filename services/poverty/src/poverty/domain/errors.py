"""Errors of the poverty service, subclasses of ``ansinh_common.errors`` (none yet)."""
