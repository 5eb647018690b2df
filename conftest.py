"""Repository-wide pytest setup: fixtures for the real servers (ansinh_common.testing)."""

pytest_plugins = ["ansinh_common.testing"]
