"""What verifying the caller costs a service (ADR 0011), against a baseline in the same run.

Against the running servers (Keycloak, Redis): one real access token of a demo user.

1. **Baseline**: decoding the token's claims without checking anything (what trusting an
   unsigned principal amounted to).
2. **Verify**: ``BlockingTokenVerifier.verify`` as every service's interceptor runs it (RS256
   signature, issuer, times, audience; JWKS from memory, Redis, Keycloak).
3. **gRPC round trip**: a call to an in-process server with the standard interceptors, with
   a token (verified) and, as its baseline, the same call to a server whose verifier accepts
   without checking.

Prints microseconds per operation and the ratio to the baseline.

    .venv/bin/python bench/caller_verification/run.py [--n 2000]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import grpc
import httpx
import jwt

from ansinh_common.auth import Principal, call_metadata
from ansinh_common.auth.grpc_interceptors import TokenCheck
from ansinh_common.auth.jwt import claims_to_principal
from ansinh_common.grpc.server import create_server
from ansinh_common.testing import Servers
from ansinh_common.testing_keycloak import verifier_for

METHOD = "/ansinh.bench.v1.Bench/Echo"


def _token(servers: Servers) -> str:
    resp = httpx.post(
        f"{servers.keycloak_url}/realms/ansinh/protocol/openid-connect/token",
        data={"grant_type": "password", "client_id": "ansinh-gateway",
              "username": "xa.canbo", "password": "demo123"},
        timeout=30,
    )  # fmt: skip
    resp.raise_for_status()
    return str(resp.json()["access_token"])


def _per_op(n: int, op: Callable[[], object]) -> float:
    op()  # warm up (JWKS fetch, channel connect)
    started = time.perf_counter()
    for _ in range(n):
        op()
    return (time.perf_counter() - started) / n * 1e6


class _Trusting:
    """Baseline verifier: reads the claims, checks nothing."""

    def verify(self, token: str) -> Principal:
        claims = jwt.decode(token, options={"verify_signature": False})
        return claims_to_principal(claims, token=token)


def _server(verifier: TokenCheck) -> tuple[grpc.Server, int]:
    handler = grpc.method_handlers_generic_handler(
        "ansinh.bench.v1.Bench",
        {"Echo": grpc.unary_unary_rpc_method_handler(lambda req, ctx: req)},
    )

    def add(_: object, server: grpc.Server) -> None:
        server.add_generic_rpc_handlers((handler,))

    return create_server([(add, None)], 0, host="127.0.0.1", verifier=verifier)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=2000)
    n = parser.parse_args().n
    servers = Servers.from_env()
    token = _token(servers)
    verifier = verifier_for(servers.keycloak_url, servers.redis_url)
    trusting = _Trusting()
    rows = []
    base = _per_op(n, lambda: trusting.verify(token))
    rows.append(("decode without checks (baseline)", base, 1.0))
    checked = _per_op(n, lambda: verifier.verify(token))
    rows.append(("BlockingTokenVerifier.verify", checked, checked / base))
    metadata = call_metadata(token=token)
    timings: dict[str, float] = {}
    candidates: tuple[tuple[str, TokenCheck], ...] = (
        ("trusting", trusting),
        ("verifying", verifier),
    )
    for name, v in candidates:
        server, port = _server(v)
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            call = channel.unary_unary(METHOD)

            def once(call: grpc.UnaryUnaryMultiCallable = call) -> object:
                return call(b"x", metadata=metadata, timeout=5)

            timings[name] = _per_op(n, once)
        server.stop(None)
    rows.append(("gRPC call, token not checked (baseline)", timings["trusting"], 1.0))
    rows.append(
        ("gRPC call, token verified", timings["verifying"],
         timings["verifying"] / timings["trusting"])
    )  # fmt: skip
    print(f"{'operation':45} {'µs/op':>10} {'× baseline':>11}   (n={n})")
    for name, micros, ratio in rows:
        print(f"{name:45} {micros:10.1f} {ratio:11.2f}")


if __name__ == "__main__":
    main()
