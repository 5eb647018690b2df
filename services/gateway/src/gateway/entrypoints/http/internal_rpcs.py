"""RPCs the gateway deliberately does not route, each with its reason.

The routing contract test (``tests/contract/test_gateway_routing.py``) fails when a public RPC
of any service is neither routed (``openapi_extra=<rpc>.openapi`` on its route) nor listed
here, so a new RPC cannot be forgotten silently.
"""

from __future__ import annotations

INTERNAL_RPCS: dict[str, str] = {
    "/ansinh.registry.v1.RegistryService/ImportFile": (
        "server-streaming form of the import for the import CLI, the benchmarks and "
        "service-to-service use; REST starts the same import as a job (StartImport) instead of "
        "holding a request open"
    ),
    "/ansinh.registry.v1.RegistryService/SnapshotPaymentProfiles": (
        "service-to-service: the payment service rebuilds a shard's entitlement projection from "
        "this snapshot and the events after it (ADR 0027); a whole province's personal data, "
        "never for people"
    ),
    "/ansinh.registry.v1.RegistryService/CountBeneficiaries": (
        "service-to-service: the reporting service's reconciliation compares its read models "
        "with these counts (ADR 0022); people read counts from the reporting service's reports"
    ),
    "/ansinh.poverty.v1.PovertyService/CountForReconciliation": (
        "service-to-service: the reporting service's reconciliation compares its read models "
        "with these counts (ADR 0035); people read counts from the reporting service's reports"
    ),
    "/ansinh.dossier.v1.DossierService/CountForReconciliation": (
        "service-to-service: the reporting service's reconciliation compares its read models "
        "with these counts (ADR 0035); people read counts from the reporting service's reports"
    ),
    "/ansinh.payment.v1.PaymentService/CountForReconciliation": (
        "service-to-service: the reporting service's reconciliation compares its read models "
        "with these counts (ADR 0035); people read counts from the reporting service's reports"
    ),
}
