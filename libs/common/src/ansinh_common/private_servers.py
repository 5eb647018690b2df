"""Private PostgreSQL and Kafka servers for fault tests (stopped and started by the test).

Fault tests never stop the shared servers other tests use: they start their own instance on
free ports in a temporary folder, stop it for the outage and start it again on the same port
and data. Both classes are context managers that remove everything on exit.

* :class:`PrivatePostgres`: ``initdb`` of Debian's PostgreSQL (``/usr/lib/postgresql/<v>/bin``,
  run as the ``postgres`` user when the test runs as root), trust authentication for ``ansinh``;
* :class:`PrivateKafka`: a single-node KRaft broker from ``.tools/kafka-*`` (as ``make up``
  fetches it), formatted with a new cluster id;
* :class:`PrivatePrometheus`: Debian's ``prometheus`` with a given configuration (e.g. scraping
  the processes a test started, ``ansinh_common.telemetry.scrape.render_config``), queried
  through its HTTP API (ADR 0023).
"""

from __future__ import annotations

import base64
import contextlib
import glob
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path
from types import TracebackType
from typing import Any

from confluent_kafka.admin import AdminClient


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pg_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise RuntimeError("PostgreSQL binaries not found under /usr/lib/postgresql")
    return Path(found[-1]).parent


def _as_postgres() -> list[str]:
    """Command prefix: PostgreSQL refuses to run as root."""
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


class PrivatePostgres:
    """``with PrivatePostgres() as pg: pg.admin_url; pg.stop(); pg.start()``."""

    def __init__(self) -> None:
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="ansinh-pg-"))
        self.data = self.dir / "data"
        self._bin = _pg_bin()
        self._initialized = False

    @property
    def admin_url(self) -> str:
        return f"postgresql+psycopg://ansinh@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        subprocess.run(
            [*_as_postgres(), *args], check=True, capture_output=True, text=True, timeout=120
        )

    def _init(self) -> None:
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(self.dir, user.pw_uid, user.pw_gid)
        self._run(
            str(self._bin / "initdb"), "-D", str(self.data), "-U", "ansinh", "-E", "UTF8",
            "--locale=C.UTF-8", "--auth=trust", "--no-sync",
        )  # fmt: skip
        self._initialized = True

    def start(self) -> PrivatePostgres:
        """Start (initdb first time) and wait until it accepts connections."""
        if not self._initialized:
            self._init()
        options = (
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        log = str(self.dir / "postgres.log")
        self._run(str(self._bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", log,
                  "-w", "-t", "60", "start")  # fmt: skip
        return self

    def stop(self) -> None:
        """Fast shutdown: open sessions are cut, as when the server goes down."""
        self._run(str(self._bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def close(self) -> None:
        if (self.data / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.CalledProcessError, subprocess.TimeoutExpired):
                self._run(
                    str(self._bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"
                )
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> PrivatePostgres:
        try:
            return self.start()
        except BaseException:
            self.close()
            raise

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def kafka_home() -> Path:
    """``$ANSINH_KAFKA_HOME``, else ``.tools/kafka-*`` in the repository (found upwards)."""
    env = os.environ.get("ANSINH_KAFKA_HOME")
    if env:
        return Path(env)
    for base in (Path.cwd(), *Path.cwd().parents, *Path(__file__).resolve().parents):
        found = sorted(glob.glob(str(base / ".tools" / "kafka-*" / "libs")))
        if found:
            return Path(found[-1]).parent
    raise RuntimeError("Kafka not found: run `make install` or set ANSINH_KAFKA_HOME")


_PROPERTIES = """\
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:{controller}
listeners=PLAINTEXT://127.0.0.1:{port},CONTROLLER://127.0.0.1:{controller}
advertised.listeners=PLAINTEXT://127.0.0.1:{port}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
num.partitions=3
auto.create.topics.enable=true
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=3
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
num.network.threads=2
num.io.threads=2
log.dirs={data}
"""


class PrivateKafka:
    """``with PrivateKafka() as kafka: kafka.bootstrap; kafka.stop(); kafka.start()``."""

    def __init__(self) -> None:
        self.port = free_port()
        self.controller_port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="ansinh-kafka-"))
        self.home = kafka_home()
        self.properties = self.dir / "server.properties"
        self._proc: subprocess.Popen[bytes] | None = None
        self._log = self.dir / "kafka.log"
        self._formatted = False

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    def _java(self, *args: str) -> list[str]:
        log4j = self.home.parent.parent / "infra" / "kafka" / "log4j2.xml"
        extra = [f"-Dlog4j2.configurationFile={log4j}"] if log4j.exists() else []
        jvm = ["-Xms128m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"]
        return ["java", *jvm, "-Djava.awt.headless=true", *extra, "-cp", f"{self.home}/libs/*",
                *args]  # fmt: skip

    def _format(self) -> None:
        self.properties.write_text(
            _PROPERTIES.format(
                port=self.port, controller=self.controller_port, data=self.dir / "data"
            )
        )
        cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        cmd = self._java("kafka.tools.StorageTool", "format", f"--cluster-id={cluster_id}",
                         "-c", str(self.properties))  # fmt: skip
        subprocess.run(cmd, check=True, capture_output=True, timeout=120)
        self._formatted = True

    def start(self, timeout_s: float = 90.0) -> PrivateKafka:
        """Start the broker and wait until it answers metadata requests."""
        if not self._formatted:
            self._format()
        with self._log.open("ab") as log:
            self._proc = subprocess.Popen(
                self._java("kafka.Kafka", str(self.properties)),
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.dir,
            )
        deadline = time.monotonic() + timeout_s
        admin = AdminClient({"bootstrap.servers": self.bootstrap, "log_level": 0})
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise RuntimeError("private Kafka exited:\n" + self._log.read_text()[-3000:])
            try:
                metadata = admin.list_topics(timeout=2)
                if metadata.brokers:
                    return self
            except Exception:  # noqa: BLE001 - not up yet
                time.sleep(0.5)
        raise TimeoutError(f"private Kafka not ready after {timeout_s} s")

    def stop(self, timeout_s: float = 60.0) -> None:
        """SIGTERM (controlled shutdown) and wait for the exit."""
        if self._proc is None or self._proc.poll() is not None:
            return
        self._proc.send_signal(signal.SIGTERM)
        try:
            self._proc.wait(timeout_s)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()

    def close(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> PrivateKafka:
        try:
            return self.start()
        except BaseException:
            self.close()
            raise

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class PrivatePrometheus:
    """``with PrivatePrometheus(config_text) as prom: prom.query("up")``: a real Prometheus on a
    free port with its data in a temporary folder."""

    def __init__(self, config: str, binary: str | None = None) -> None:
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="ansinh-prometheus-"))
        self.config = self.dir / "prometheus.yml"
        self.config.write_text(config, encoding="utf-8")
        self.binary = binary or shutil.which("prometheus") or "/usr/bin/prometheus"
        self._log = self.dir / "prometheus.log"
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout_s: float = 30.0) -> PrivatePrometheus:
        with self._log.open("ab") as log:
            self._proc = subprocess.Popen(
                [self.binary, f"--config.file={self.config}",
                 f"--storage.tsdb.path={self.dir / 'data'}",
                 f"--web.listen-address=127.0.0.1:{self.port}"],
                stdout=log, stderr=subprocess.STDOUT, cwd=self.dir,
            )  # fmt: skip
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise RuntimeError("private Prometheus exited:\n" + self.log()[-3000:])
            try:
                with urllib.request.urlopen(f"{self.url}/-/ready", timeout=2) as reply:  # noqa: S310
                    if reply.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        raise TimeoutError(f"private Prometheus not ready after {timeout_s} s")

    def log(self) -> str:
        return self._log.read_text(encoding="utf-8", errors="replace")

    def api(self, path: str, **params: str) -> Any:
        """``GET /api/v1/<path>`` and return its ``data`` (raises on an error status)."""
        query = urllib.parse.urlencode(params)
        with urllib.request.urlopen(f"{self.url}/api/v1/{path}?{query}", timeout=10) as reply:  # noqa: S310
            body = json.loads(reply.read())
        if body.get("status") != "success":
            raise RuntimeError(f"Prometheus {path} {params}: {body}")
        return body["data"]

    def query(self, expr: str) -> list[dict[str, Any]]:
        """The instant vector of ``expr`` now (``/api/v1/query``)."""
        data = self.api("query", query=expr)
        result: list[dict[str, Any]] = data["result"] if data["resultType"] == "vector" else []
        return result

    def close(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(15)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> PrivatePrometheus:
        try:
            return self.start()
        except BaseException:
            self.close()
            raise

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
