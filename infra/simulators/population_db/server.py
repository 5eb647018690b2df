"""Simulator of the national population database (CSDL quốc gia về dân cư) for An Sinh.

A separate process serving the contract of docs/contracts/population-db.md from a synthetic
population made by ``ansinh_synthpop`` (seeded, so every start with the same seed and scale
serves the same citizens) plus the demo citizens of the Keycloak realm (demo_citizens.csv).

    .venv/bin/python infra/simulators/population_db/server.py \
        --port 58201 --seed 42 --scale 0.001 --data-dir .run/population-db

The generated files are cached under ``--data-dir/seed-<seed>-scale-<scale>/``. The population
database holds each person once, with the facts as registered: persons the generator marked
with an injected defect (defects.csv: wrong ID digits, duplicates, missing ID) are left out.
Simulator-only endpoints (not part of the contract): ``GET /v1/_sample`` and
``PUT /_sim/latency``.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import re
import shutil
import threading
import time
from dataclasses import dataclass
from datetime import date
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

log = logging.getLogger("population-db-sim")
HERE = Path(__file__).resolve().parent
ID_PATTERN = re.compile(r"^\d{12}$")
JSON = "application/json"
LOG_FORMAT = '{"level": "%(levelname)s", "logger": "%(name)s", "message": "%(message)s"}'


@dataclass(frozen=True, slots=True)
class Citizen:
    national_id: str
    full_name: str
    birth_date: str  # ISO date
    gender: str  # "male" | "female"

    def as_json(self) -> dict[str, str]:
        return {
            "national_id": self.national_id,
            "full_name": self.full_name,
            "birth_date": self.birth_date,
            "gender": self.gender,
        }


def generate_population(seed: int, scale: float, data_dir: Path) -> Path:
    """Run the synthetic-population generator once per (seed, scale); return its directory."""
    from ansinh_synthpop.config import Config
    from ansinh_synthpop.pipeline import generate

    out = data_dir / f"seed-{seed}-scale-{scale:g}"
    if not (out / "manifest.json").exists():
        log.info("generating the population (seed %s, scale %g) into %s", seed, scale, out)
        work = data_dir / f".{out.name}.{os.getpid()}"
        shutil.rmtree(work, ignore_errors=True)
        generate(Config(seed=seed, scale=scale), work)
        try:
            work.rename(out)  # atomic: a concurrent start sees all of it or nothing
        except OSError:
            shutil.rmtree(work, ignore_errors=True)  # another process was first
    return out


def _defective_persons(directory: Path) -> set[str]:
    path = directory / "defects.csv"
    if not path.exists():
        return set()
    with path.open(encoding="utf-8", newline="") as f:
        return {row["record_id"] for row in csv.DictReader(f) if row["entity"] == "person"}


def load_citizens(directory: Path | None, extra: Path | None) -> dict[str, Citizen]:
    """National ID → citizen; the first record of an ID wins."""
    citizens: dict[str, Citizen] = {}
    sources: list[tuple[Path, set[str]]] = []
    if directory is not None:
        sources.append((directory / "persons.csv", _defective_persons(directory)))
    if extra is not None and extra.exists():
        sources.append((extra, set()))
    for path, skip in sources:
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                nid = row.get("personal_id") or ""
                if not ID_PATTERN.match(nid) or row.get("person_id", "") in skip:
                    continue
                date.fromisoformat(row["birth_date"])  # refuse a broken file at start
                citizens.setdefault(
                    nid, Citizen(nid, row["full_name"], row["birth_date"], row["gender"])
                )
    return citizens


class PopulationDb:
    def __init__(self, citizens: dict[str, Citizen], api_key: str) -> None:
        self.citizens = citizens
        self.ordered = sorted(citizens)
        self.api_key = api_key
        self.latency_seconds = 0.0
        self.lock = threading.Lock()


def make_handler(db: PopulationDb) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "population-db-sim/1"
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            log.debug("%s " + format, self.address_string(), *args)

        def _send(self, status: HTTPStatus, body: Any, content_type: str = JSON) -> None:
            raw = json.dumps(body, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def _problem(self, status: HTTPStatus, code: str, detail: str) -> None:
            body = {"type": "about:blank", "title": status.phrase, "status": status.value,
                    "code": code, "detail": detail}  # fmt: skip
            self._send(status, body, "application/problem+json")

        def _authorized(self) -> bool:
            if db.api_key and self.headers.get("X-Api-Key") != db.api_key:
                self._problem(HTTPStatus.UNAUTHORIZED, "unauthorized", "Thiếu hoặc sai X-Api-Key.")
                return False
            return True

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            if url.path == "/health":
                self._send(HTTPStatus.OK, {"status": "ok", "citizens": len(db.citizens)})
                return
            if not self._authorized():
                return
            if db.latency_seconds:
                time.sleep(db.latency_seconds)
            if url.path == "/v1/_sample":
                query = parse_qs(url.query)
                count = min(int(query.get("count", ["10"])[0]), 1000)
                offset = int(query.get("offset", ["0"])[0])
                ids = db.ordered[offset : offset + count]
                self._send(HTTPStatus.OK, {"citizens": [db.citizens[i].as_json() for i in ids]})
                return
            match = re.fullmatch(r"/v1/citizens/([^/]+)", url.path)
            if match is None:
                self._problem(HTTPStatus.NOT_FOUND, "no_route", "Không có tài nguyên này.")
                return
            nid = match.group(1)
            if not ID_PATTERN.match(nid):
                self._problem(
                    HTTPStatus.BAD_REQUEST, "invalid_national_id",
                    "Số định danh cá nhân phải gồm 12 chữ số.",
                )  # fmt: skip
                return
            citizen = db.citizens.get(nid)
            if citizen is None:
                self._problem(
                    HTTPStatus.NOT_FOUND, "citizen_not_found",
                    "Không tìm thấy công dân có số định danh này.",
                )  # fmt: skip
                return
            self._send(HTTPStatus.OK, citizen.as_json())

        def do_PUT(self) -> None:
            if urlsplit(self.path).path != "/_sim/latency":
                self._problem(HTTPStatus.NOT_FOUND, "no_route", "Không có tài nguyên này.")
                return
            length = int(self.headers.get("Content-Length", "0"))
            doc = json.loads(self.rfile.read(length) or b"{}")
            with db.lock:
                db.latency_seconds = max(0.0, float(doc.get("seconds", 0.0)))
            self._send(HTTPStatus.OK, {"seconds": db.latency_seconds})

    return Handler


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=58201)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--scale", type=float, default=0.001)
    parser.add_argument("--data-dir", type=Path, default=Path(".run/population-db"))
    parser.add_argument(
        "--extra",
        type=Path,
        default=HERE / "demo_citizens.csv",
        help="CSV of further citizens (personal_id, full_name, gender, birth_date)",
    )
    parser.add_argument(
        "--api-key", default="dev-population-key", help="required X-Api-Key value (empty: none)"
    )
    args = parser.parse_args(argv)  # fmt: skip
    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT)
    directory = generate_population(args.seed, args.scale, args.data_dir)
    db = PopulationDb(load_citizens(directory, args.extra), args.api_key)
    server = ThreadingHTTPServer((args.host, args.port), make_handler(db))
    server.daemon_threads = True
    log.info("population-db simulator: %d citizens on http://%s:%d", len(db.citizens), args.host,
             server.server_address[1])  # fmt: skip
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
