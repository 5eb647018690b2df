"""A service process started through ``ansinh_common.runtime`` (ports from ANSINH_* env)."""

from __future__ import annotations

import logging

from ansinh_common.runtime import GrpcServiceSettings, run_service


def main() -> None:
    settings = GrpcServiceSettings(service_name="runtime-test")
    closing = logging.getLogger("runtime-test")
    run_service(settings, on_stop=[lambda: closing.info("resources closed")])


if __name__ == "__main__":
    main()
