"""Simulator of the provincial one-stop systems (Hệ thống một cửa điện tử cấp tỉnh) for An Sinh.

A separate process speaking the contract of docs/asyncapi/provincial-sync.yaml with the
protobuf messages of proto/ansinh/dossier/v1/provincial.proto:

* it submits dossiers on ``<prefix>.<PP>.inbound.v1`` (``POST /v1/dossiers``), as a province's
  one-stop system does, each delivered ``deliveries`` times (same record, same ``ce_id``);
* it consumes every ``<prefix>.<PP>.outbound.v1`` and keeps what it saw, deduplicated by the
  CloudEvents id (``GET /v1/statuses``), as a province's system would apply them.

    .venv/bin/python infra/simulators/provincial_portal/server.py --port 58202 \
        --kafka 127.0.0.1:59092 [--topic-prefix ansinh.provincial] [--from-beginning]

Simulator-only endpoint: ``POST /v1/_raw`` sends a record as given (malformed-message tests).
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import json
import logging
import re
import threading
import uuid
from dataclasses import asdict, dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from confluent_kafka import Consumer, Producer
from google.protobuf import json_format

from ansinh.common.v1 import common_pb2
from ansinh.dossier.v1 import provincial_pb2
from ansinh_common.messaging.envelope import Envelope
from ansinh_common.messaging.headers import from_kafka_headers, to_kafka_headers

log = logging.getLogger("provincial-portal-sim")
JSON = "application/json"
SOURCE = "provincial-portal-sim"
INBOUND_TYPE = provincial_pb2.ProvincialDossierSubmitted.DESCRIPTOR.full_name
OUTBOUND_TYPE = provincial_pb2.ProvincialStatusUpdate.DESCRIPTOR.full_name
LOG_FORMAT = '{"level": "%(levelname)s", "logger": "%(name)s", "message": "%(message)s"}'


def inbound_topic(prefix: str, province: str) -> str:
    return f"{prefix}.{province}.inbound.v1"


def outbound_pattern(prefix: str) -> str:
    """The subscription (a regular expression) to every province's outbound topic."""
    return "^" + re.escape(prefix) + r"\.[0-9]{2}\.outbound\.v1$"


def _date(raw: str | None) -> common_pb2.Date | None:
    if not raw:
        return None
    d = dt.date.fromisoformat(raw)
    return common_pb2.Date(year=d.year, month=d.month, day=d.day)


def build_submission(body: dict[str, Any]) -> provincial_pb2.ProvincialDossierSubmitted:
    """The inbound message for a JSON body (the fields of ProvincialDossierSubmitted)."""
    applicant = body.get("applicant") or {}
    message = provincial_pb2.ProvincialDossierSubmitted(
        provincial_code=str(body.get("provincial_code") or f"SIM-{uuid.uuid4().hex[:12]}"),
        province_code=str(body["province_code"]),
        procedure_code=str(body.get("procedure_code", "1.001776")),
        procedure_id=str(body.get("procedure_id", "")),
        purpose=str(body.get("purpose", "")),
        form=str(body.get("form", "")),
        commune_code=str(body.get("commune_code", "")),
        channel=int(body.get("channel", 2)),
        applicant=provincial_pb2.ProvincialApplicant(
            personal_id=str(applicant.get("personal_id", "")),
            full_name=str(applicant.get("full_name", "")),
            birth_date=_date(applicant.get("birth_date")),
            gender=str(applicant.get("gender", "")),
        ),
    )
    submitted = body.get("submitted_at")
    at = dt.datetime.fromisoformat(submitted) if submitted else dt.datetime.now(dt.UTC)
    message.submitted_at.FromDatetime(at.astimezone(dt.UTC).replace(tzinfo=None))
    json_format.ParseDict(body.get("values") or {}, message.values)
    due = _date(body.get("due_on"))
    if due is not None:
        message.due_on.CopyFrom(due)
    return message


def submission_record(
    message: provincial_pb2.ProvincialDossierSubmitted, prefix: str
) -> tuple[str, str, bytes, list[tuple[str, bytes]], str]:
    """(topic, key, value, headers, event id) of one inbound record."""
    envelope = Envelope(
        source=f"{SOURCE}/{message.province_code}",
        type=INBOUND_TYPE,
        subject=message.provincial_code,
        province=message.province_code,
        data=message.SerializeToString(),
    )
    topic = inbound_topic(prefix, message.province_code)
    return (
        topic,
        message.provincial_code,
        envelope.data,
        to_kafka_headers(envelope),
        str(envelope.id),
    )


@dataclass(frozen=True, slots=True)
class SeenStatus:
    event_id: str
    topic: str
    province_code: str
    provincial_code: str
    dossier_code: str
    dossier_id: str
    status_code: int
    status_label: str
    state: str
    action: str
    actor_subject: str
    actor_unit: str | None
    acted_at: str
    due_on: str | None


def decode_status(topic: str, headers: Any, value: bytes | None) -> SeenStatus:
    """What the province applies from one outbound record (raises on a bad record)."""
    envelope = from_kafka_headers(headers, value)
    if envelope.type != OUTBOUND_TYPE:
        raise ValueError(f"unexpected type {envelope.type!r}")
    update = provincial_pb2.ProvincialStatusUpdate()
    update.ParseFromString(envelope.data)
    due = update.due_on if update.HasField("due_on") else None
    return SeenStatus(
        event_id=str(envelope.id),
        topic=topic,
        province_code=update.province_code,
        provincial_code=update.provincial_code,
        dossier_code=update.dossier_code,
        dossier_id=update.dossier_id,
        status_code=update.status_code,
        status_label=update.status_label,
        state=update.state,
        action=update.action,
        actor_subject=update.actor.subject,
        actor_unit=update.actor.unit_code if update.actor.HasField("unit_code") else None,
        acted_at=update.acted_at.ToDatetime(tzinfo=dt.UTC).isoformat(),
        due_on=dt.date(due.year, due.month, due.day).isoformat() if due else None,
    )


class Portal:
    """The simulated provincial systems: a producer of dossiers and a log of statuses."""

    def __init__(self, kafka: str, prefix: str, from_beginning: bool) -> None:
        self.prefix = prefix
        self._kafka = kafka
        self._producer = Producer({"bootstrap.servers": kafka, "enable.idempotence": True})
        self._lock = threading.Lock()
        self.statuses: list[SeenStatus] = []
        self._seen: set[str] = set()
        self.duplicates = 0
        self.rejected: list[str] = []
        self._stop = threading.Event()
        self._reset = "earliest" if from_beginning else "latest"
        self._thread = threading.Thread(target=self._consume, name="outbound", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(10)
        self._producer.flush(10)

    def send(self, topic: str, key: str, value: bytes, headers: list[tuple[str, bytes]]) -> None:
        errors: list[Any] = []
        self._producer.produce(
            topic, key=key, value=value, headers=headers,
            on_delivery=lambda err, _m: errors.append(err),
        )  # fmt: skip
        self._producer.flush(30)
        if not errors or errors[0] is not None:
            raise RuntimeError(f"delivery to {topic} failed: {errors[0] if errors else 'timeout'}")

    def _consume(self) -> None:
        consumer = Consumer({
            "bootstrap.servers": self._kafka,
            "group.id": f"provincial-portal-sim-{uuid.uuid4().hex}",
            "auto.offset.reset": self._reset,
            "topic.metadata.refresh.interval.ms": 1000,
            "enable.auto.commit": False,
        })  # fmt: skip
        consumer.subscribe([outbound_pattern(self.prefix)])
        try:
            while not self._stop.is_set():
                message = consumer.poll(0.5)
                if message is None or message.error() is not None:
                    continue
                try:
                    seen = decode_status(str(message.topic()), message.headers(), message.value())
                except Exception as exc:  # noqa: BLE001 - a bad record is reported, not fatal
                    with self._lock:
                        self.rejected.append(f"{message.topic()}@{message.offset()}: {exc}")
                    continue
                with self._lock:
                    if seen.event_id in self._seen:
                        self.duplicates += 1
                    else:
                        self._seen.add(seen.event_id)
                        self.statuses.append(seen)
        finally:
            consumer.close()

    def report(self, province: str | None, dossier: str | None) -> dict[str, Any]:
        with self._lock:
            rows = [
                asdict(s)
                for s in self.statuses
                if (province is None or s.province_code == province)
                and (
                    dossier is None or dossier in {s.dossier_id, s.provincial_code, s.dossier_code}
                )
            ]
            return {
                "statuses": rows,
                "duplicates": self.duplicates,
                "rejected": list(self.rejected),
            }


def make_handler(portal: Portal) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, fmt: str, *args: Any) -> None:
            log.info(fmt, *args)

        def _reply(self, status: HTTPStatus, body: Any) -> None:
            data = json.dumps(body, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", JSON)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _body(self) -> dict[str, Any]:
            length = int(self.headers.get("Content-Length") or 0)
            raw = json.loads(self.rfile.read(length) or b"{}")
            if not isinstance(raw, dict):
                raise ValueError("the body must be a JSON object")
            return raw

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path == "/health":
                self._reply(HTTPStatus.OK, {"status": "ok"})
            elif url.path == "/v1/statuses":
                self._reply(
                    HTTPStatus.OK, portal.report(query.get("province"), query.get("dossier"))
                )
            else:
                self._reply(HTTPStatus.NOT_FOUND, {"error": "not found"})

        def do_POST(self) -> None:
            try:
                body = self._body()
                if self.path == "/v1/dossiers":
                    message = build_submission(body)
                    topic, key, value, headers, event_id = submission_record(message, portal.prefix)
                    for _ in range(max(1, int(body.get("deliveries", 1)))):
                        portal.send(topic, key, value, headers)
                    self._reply(HTTPStatus.ACCEPTED, {
                        "topic": topic, "event_id": event_id,
                        "provincial_code": message.provincial_code,
                    })  # fmt: skip
                elif self.path == "/v1/_raw":
                    headers = [(k, str(v).encode()) for k, v in (body.get("headers") or {}).items()]
                    value = base64.b64decode(body.get("value_base64", ""))
                    topic = inbound_topic(portal.prefix, str(body["province_code"]))
                    portal.send(topic, str(body.get("key", "raw")), value, headers)
                    self._reply(HTTPStatus.ACCEPTED, {"topic": topic})
                else:
                    self._reply(HTTPStatus.NOT_FOUND, {"error": "not found"})
            except (KeyError, ValueError, TypeError) as exc:
                self._reply(HTTPStatus.BAD_REQUEST, {"error": f"{type(exc).__name__}: {exc}"})
            except RuntimeError as exc:
                self._reply(HTTPStatus.BAD_GATEWAY, {"error": str(exc)})

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=58202)
    parser.add_argument("--kafka", default="127.0.0.1:59092")
    parser.add_argument("--topic-prefix", default="ansinh.provincial")
    parser.add_argument(
        "--from-beginning",
        action="store_true",
        help="read the outbound topics from their start (default: new records only)",
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT)
    portal = Portal(args.kafka, args.topic_prefix, args.from_beginning)
    portal.start()
    server = ThreadingHTTPServer((args.host, args.port), make_handler(portal))
    log.info(
        "provincial portal simulator on %s:%d (topics %s.*)",
        args.host,
        args.port,
        args.topic_prefix,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        portal.stop()


if __name__ == "__main__":
    main()
