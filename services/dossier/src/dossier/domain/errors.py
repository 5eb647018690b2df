"""Errors of the dossier service, subclasses of ``ansinh_common.errors`` (none yet)."""
