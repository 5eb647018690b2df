"""``/app/``: the built web application (``web/dist``, ADR 0024), served by the gateway.

The web app and the API share one origin, so the browser needs no CORS for the API. A path
under ``/app/`` that is no file is a route of the single-page app: it gets ``index.html``.
Nothing is mounted when ``ANSINH_WEB_DIR`` is not set or holds no build.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

PREFIX = "/app"


class SinglePageApp(StaticFiles):
    """Static files; an unknown path (a client-side route) answers ``index.html``."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        try:
            return await super().get_response(path, scope)
        except HTTPException as exc:
            if exc.status_code != 404 or path.startswith("assets/"):
                raise
            return await super().get_response("index.html", scope)


def mount_web_app(app: FastAPI, web_dir: Path | None) -> bool:
    """Serve the build in ``web_dir`` under ``/app/``; False when there is no build."""
    if web_dir is None or not (web_dir / "index.html").is_file():
        return False
    app.mount(PREFIX, SinglePageApp(directory=web_dir, html=True), name="web")

    @app.get("/", include_in_schema=False)
    async def root() -> RedirectResponse:
        return RedirectResponse(f"{PREFIX}/")

    return True
