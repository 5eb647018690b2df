"""Errors of the reporting service, subclasses of ``ansinh_common.errors`` (none yet)."""
