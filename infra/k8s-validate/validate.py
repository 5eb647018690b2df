"""Validate rendered Kubernetes manifests offline (run by ``infra/charts.sh check``).

``python infra/k8s-validate/validate.py --kube-version 1.29 --kube-version 1.34 FILE...``

* Every document is checked against the Kubernetes JSON schemas bundled in the PyPI package
  ``kubernetes-validate`` (no download), in **strict** mode (unknown fields are errors).
  Unlike that package's CLI, which only warns, a kind without a schema is an error, except for
  the custom resources of ``CRD_GROUPS`` (e.g. the Prometheus Operator's PodMonitor), whose
  basic shape is checked instead.
* The project's own rules (docs/adr/0007): secure pod defaults on every pod template
  (runAsNonRoot, seccomp RuntimeDefault, read-only root filesystem, no privilege escalation,
  all capabilities dropped, no service-account token), memory requests and limits on every
  container, liveness and readiness probes on every Deployment's first container, a
  PodDisruptionBudget for every Deployment, unique (kind, name) per file.

Exit status 1 on any error; prints one line per error and a summary.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped, unused-ignore]
from kubernetes_validate import utils as kv

CRD_GROUPS = {"monitoring.coreos.com"}
"""API groups of custom resources the charts may render (no bundled schema)."""

DNS_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
DNS_SUBDOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")

Doc = dict[str, Any]


def documents(path: Path) -> Iterator[Doc]:
    for doc in yaml.safe_load_all(path.read_text()):
        if doc:
            if not isinstance(doc, dict):
                raise SystemExit(f"{path}: a YAML document is not a mapping: {doc!r:.80}")
            yield doc


def ident(doc: Doc) -> str:
    meta = doc.get("metadata") or {}
    return f"{doc.get('kind')}/{meta.get('name')}"


def schema_errors(doc: Doc, versions: list[str]) -> list[str]:
    errors = []
    api_version = str(doc.get("apiVersion", ""))
    group = api_version.split("/")[0] if "/" in api_version else ""
    for version in versions:
        try:
            kv.validate(doc, version, strict=True)
        except kv.ValidationError as e:
            where = ".".join(str(p) for p in e.path) or "(root)"
            errors.append(f"k8s {e.version}: {where}: {e.message}")
        except kv.SchemaNotFoundError as e:
            if group in CRD_GROUPS:
                if not isinstance(doc.get("spec"), dict):
                    errors.append(f"custom resource without spec ({api_version})")
                break  # same answer for every version
            errors.append(f"k8s {version}: {e.message}")
        except kv.VersionNotSupportedError as e:
            raise SystemExit(f"kubernetes-validate does not know Kubernetes {e.version}") from e
    return errors


def pod_spec(doc: Doc) -> Doc | None:
    kind = doc.get("kind")
    spec = doc.get("spec") or {}
    if kind in {"Deployment", "StatefulSet", "DaemonSet", "Job", "ReplicaSet"}:
        return (spec.get("template") or {}).get("spec") or {}
    if kind == "CronJob":
        return (((spec.get("jobTemplate") or {}).get("spec") or {}).get("template") or {}).get(
            "spec"
        ) or {}
    if kind == "Pod":
        return spec
    return None


def policy_errors(doc: Doc) -> list[str]:
    errors = []
    meta = doc.get("metadata") or {}
    name = str(meta.get("name", ""))
    limit = 63 if doc.get("kind") in {"Service", "Deployment", "Job"} else 253
    pattern = DNS_LABEL if limit == 63 else DNS_SUBDOMAIN
    if len(name) > limit or not pattern.match(name):
        errors.append(f"name {name!r} is not a valid DNS name of at most {limit} characters")
    spec = pod_spec(doc)
    if spec is None:
        return errors
    if spec.get("automountServiceAccountToken") is not False:
        errors.append("automountServiceAccountToken must be false")
    psc = spec.get("securityContext") or {}
    if psc.get("runAsNonRoot") is not True:
        errors.append("pod securityContext.runAsNonRoot must be true")
    if (psc.get("seccompProfile") or {}).get("type") != "RuntimeDefault":
        errors.append("pod securityContext.seccompProfile.type must be RuntimeDefault")
    if spec.get("hostNetwork") or spec.get("hostPID") or spec.get("hostIPC"):
        errors.append("host namespaces are not allowed")
    containers = [*spec.get("initContainers", []), *spec.get("containers", [])]
    for c in containers:
        cname = c.get("name")
        sc = c.get("securityContext") or {}
        if sc.get("readOnlyRootFilesystem") is not True:
            errors.append(f"container {cname}: readOnlyRootFilesystem must be true")
        if sc.get("allowPrivilegeEscalation") is not False:
            errors.append(f"container {cname}: allowPrivilegeEscalation must be false")
        if sc.get("privileged"):
            errors.append(f"container {cname}: privileged is not allowed")
        if "ALL" not in ((sc.get("capabilities") or {}).get("drop") or []):
            errors.append(f"container {cname}: capabilities.drop must contain ALL")
        if (sc.get("capabilities") or {}).get("add"):
            errors.append(f"container {cname}: capabilities.add is not allowed")
        res = c.get("resources") or {}
        if not (res.get("requests") or {}).get("memory"):
            errors.append(f"container {cname}: resources.requests.memory is missing")
        if not (res.get("limits") or {}).get("memory"):
            errors.append(f"container {cname}: resources.limits.memory is missing")
        image = str(c.get("image", ""))
        if ":" not in image.rsplit("/", 1)[-1] or image.endswith(":latest"):
            errors.append(f"container {cname}: image {image!r} needs a pinned tag")
    if doc.get("kind") == "Deployment" and spec.get("containers"):
        main = spec["containers"][0]
        for probe in ("livenessProbe", "readinessProbe"):
            if not main.get(probe):
                errors.append(f"container {main.get('name')}: {probe} is missing")
    return errors


def selects(selector: Doc, labels: dict[str, str]) -> bool:
    match = selector.get("matchLabels") or {}
    return bool(match) and all(labels.get(k) == v for k, v in match.items())


def file_errors(docs: list[Doc]) -> list[str]:
    errors = []
    seen = Counter((d.get("kind"), (d.get("metadata") or {}).get("name")) for d in docs)
    errors += [f"{k}/{n}: defined {c} times" for (k, n), c in seen.items() if c > 1]
    pdbs = [d for d in docs if d.get("kind") == "PodDisruptionBudget"]
    for d in docs:
        if d.get("kind") != "Deployment":
            continue
        labels = (((d.get("spec") or {}).get("template") or {}).get("metadata") or {}).get(
            "labels"
        ) or {}
        if not any(selects((p.get("spec") or {}).get("selector") or {}, labels) for p in pdbs):
            errors.append(f"{ident(d)}: no PodDisruptionBudget selects its pods")
    return errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kube-version", action="append", required=True, dest="versions")
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args(argv)
    failed = 0
    total: Counter[str] = Counter()
    for path in args.files:
        docs = list(documents(path))
        if not docs:
            print(f"ERROR {path}: no manifests")
            failed += 1
        for doc in docs:
            total[str(doc.get("kind"))] += 1
            for err in schema_errors(doc, args.versions) + policy_errors(doc):
                print(f"ERROR {path}: {ident(doc)}: {err}")
                failed += 1
        for err in file_errors(docs):
            print(f"ERROR {path}: {err}")
            failed += 1
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(total.items()))
    versions = ", ".join(args.versions)
    if failed:
        print(f"k8s-validate: {failed} error(s) in {sum(total.values())} manifests ({kinds})")
        return 1
    print(
        f"k8s-validate: {sum(total.values())} manifests valid against Kubernetes {versions} "
        f"(strict schemas, kubernetes-validate {kv.__version__}): {kinds}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
