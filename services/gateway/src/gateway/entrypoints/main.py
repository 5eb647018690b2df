"""uvicorn entrypoint: ``uvicorn gateway.entrypoints.main:create --factory --port 58000``.

The only place that reads the environment, configures logging and telemetry.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI

from ansinh_common.logging import configure_logging
from ansinh_common.telemetry import setup_telemetry
from gateway.app import create_app
from gateway.config import GatewaySettings
from gateway.entrypoints.http.request_id import RequestIdLogFilter


def create() -> FastAPI:
    """Read the settings from the environment and build the app (called by uvicorn)."""
    settings = GatewaySettings()
    configure_logging(settings.service_name, settings.log_level)
    for handler in logging.getLogger().handlers:
        handler.addFilter(RequestIdLogFilter())
    setup_telemetry(
        settings.service_name,
        metrics_port=settings.metrics_port,
        metrics_host=settings.metrics_host,
    )
    return create_app(settings)
