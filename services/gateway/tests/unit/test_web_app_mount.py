"""The gateway serves the built web app under /app/ (ADR 0024): files as they are, a client-side
route gets index.html, a missing asset is a 404, and nothing is mounted without a build."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from gateway.app import create_app
from gateway.config import GatewaySettings


def _client(web_dir: Path | None) -> TestClient:
    app = create_app(GatewaySettings(environment="test", web_dir=web_dir), instrument=False)
    return TestClient(app)  # no lifespan: no Redis, Keycloak or backends needed


def _build(tmp_path: Path) -> Path:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text('<html lang="vi"><div id="root"></div></html>')
    (tmp_path / "assets" / "app.js").write_text("console.log('an sinh')")
    return tmp_path


def test_files_routes_and_missing_assets(tmp_path: Path) -> None:
    client = _client(_build(tmp_path))
    assert client.get("/app/assets/app.js").text == "console.log('an sinh')"
    for route in ("/app/", "/app/officer/beneficiaries/01/abc", "/app/callback?code=x"):
        answer = client.get(route)
        assert answer.status_code == 200, route
        assert '<div id="root">' in answer.text
    assert client.get("/app/assets/missing.js").status_code == 404
    root = client.get("/", follow_redirects=False)
    assert (root.status_code, root.headers["location"]) == (307, "/app/")


def test_nothing_is_mounted_without_a_build(tmp_path: Path) -> None:
    for web_dir in (None, tmp_path):
        client = _client(web_dir)
        assert client.get("/app/").status_code == 404
        assert client.get("/", follow_redirects=False).status_code == 404
