"""Handlers: one plain function per command or event, ``(message, deps) -> result``."""
