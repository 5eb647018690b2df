"""Write the gateway's OpenAPI document: ``python -m gateway.entrypoints.openapi [FILE]``.

``docs/api/openapi.json`` is produced by this command (a unit test fails when it is stale).
Nothing is connected: the app is built but never started.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from gateway.app import create_app
from gateway.config import GatewaySettings


def openapi_document() -> dict[str, Any]:
    return create_app(GatewaySettings(), instrument=False).openapi()


def render() -> str:
    return json.dumps(openapi_document(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main(argv: list[str]) -> None:
    text = render()
    if argv:
        Path(argv[0]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main(sys.argv[1:])
