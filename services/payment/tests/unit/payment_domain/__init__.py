"""Unit tests of the payment domain (no servers).

A package of its own name, so that ``from .builders import …`` cannot clash with another
service's ``tests/unit`` package under pytest's importlib import mode.
"""
