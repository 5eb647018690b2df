"""The benchmark's baseline app: a bare FastAPI endpoint running the gateway's own token check.

``uvicorn bare:create --factory --app-dir bench/dossier_submit`` with the gateway's
``ANSINH_*`` settings (Redis, Keycloak, key prefixes), one process like the gateway's.
``POST /bare`` verifies the bearer token exactly as the gateway does
(``gateway.entrypoints.http.dependencies.authenticate``: RS256 signature, issuer, times,
audience, JWKS from memory/Redis/Keycloak, the disabled-account flag in Redis) and answers 201.
"""

from __future__ import annotations

from fastapi import FastAPI, Request

from gateway.bootstrap import bootstrap as gateway_bootstrap
from gateway.config import GatewaySettings
from gateway.entrypoints.http.dependencies import Credentials, authenticate


def create() -> FastAPI:
    app = FastAPI()
    gateway = gateway_bootstrap(GatewaySettings())
    app.state.gateway = gateway

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/bare", status_code=201)
    async def bare(request: Request, creds: Credentials) -> dict[str, str]:
        principal = await authenticate(request, gateway, creds)
        return {"subject": principal.subject}

    return app
