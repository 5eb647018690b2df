"""Every public RPC of every service is routed by the gateway, or listed as internal with a
reason (``gateway.entrypoints.http.internal_rpcs``), and no route names an RPC that does not
exist. The services are found in the generated code of every ``proto/ansinh/<svc>/v1``."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator

import ansinh
from gateway.entrypoints.http.internal_rpcs import INTERNAL_RPCS
from gateway.entrypoints.openapi import openapi_document


def _proto_rpcs() -> Iterator[str]:
    for info in pkgutil.walk_packages(ansinh.__path__, "ansinh."):
        if not info.name.endswith("_pb2"):
            continue
        module = importlib.import_module(info.name)
        for service in module.DESCRIPTOR.services_by_name.values():
            for method in service.methods:
                yield f"/{service.full_name}/{method.name}"


def _routed() -> dict[str, list[str]]:
    routed: dict[str, list[str]] = {}
    for path, operations in openapi_document()["paths"].items():
        for verb, operation in operations.items():
            if "x-grpc-method" in operation:
                routed.setdefault(operation["x-grpc-method"], []).append(f"{verb} {path}")
    return routed


def test_every_public_rpc_is_routed_or_internal_with_a_reason() -> None:
    rpcs, routed = set(_proto_rpcs()), _routed()
    assert {"/ansinh.registry.v1.RegistryService/StopBenefit",
            "/ansinh.identity.v1.IdentityService/CreateAccount"} <= rpcs  # fmt: skip
    missing = rpcs - set(routed) - set(INTERNAL_RPCS)
    assert not missing, f"RPCs neither routed nor listed as internal: {sorted(missing)}"
    assert not set(routed) - rpcs, "routes name RPCs the protos do not have"
    assert not set(INTERNAL_RPCS) - rpcs, "internal list names RPCs the protos do not have"
    assert not set(routed) & set(INTERNAL_RPCS), "an RPC is both routed and internal"
    assert all(len(reason) > 20 for reason in INTERNAL_RPCS.values())


def test_the_contract_sees_a_forgotten_rpc() -> None:
    """The check above is not vacuous: drop one route and the RPC is reported missing."""
    routed = _routed()
    routed.pop("/ansinh.registry.v1.RegistryService/StopBenefit")
    missing = set(_proto_rpcs()) - set(routed) - set(INTERNAL_RPCS)
    assert missing == {"/ansinh.registry.v1.RegistryService/StopBenefit"}
