"""Validate the Prometheus Operator objects of rendered manifests against pydantic models.

    .venv-deploy/bin/python deploy/tools/validate_crds.py [--json] rendered.yaml [more.yaml ...]

kubernetes-validate knows no CRDs, so ServiceMonitor and PrometheusRule are checked here with the
models of PyPI `cloudcoil-models-prometheus-operator` (installed by deploy/tools/install.sh into
.venv-deploy). Those models accept unknown fields silently, so this script also rejects every key
the model did not recognise (a misspelt `matchLabel`, an `interval` at the wrong level), which is
what `kubectl apply` with server-side field validation would do.
Prints one line per problem and exits 1 if there is any; prints the objects checked otherwise.
With --json it prints {file: {"checked": [...], "problems": [...]}} instead (one run for many files:
importing the models takes seconds). Exits 3 when the models are not installed.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

try:
    from cloudcoil.models.prometheus_operator import v1
except ImportError as exc:  # reported as "tool missing" by tests/deploy, not as invalid manifests
    print(f"cloudcoil-models-prometheus-operator is not installed: {exc}", file=sys.stderr)
    sys.exit(3)

MODELS: dict[str, type[BaseModel]] = {
    "ServiceMonitor": v1.ServiceMonitor,
    "PodMonitor": v1.PodMonitor,
    "PrometheusRule": v1.PrometheusRule,
}


def _unknown_keys(raw: Any, known: Any, path: str) -> Iterator[str]:
    """Yield the paths of keys present in `raw` but absent from the model's own dump `known`."""
    if isinstance(raw, dict) and isinstance(known, dict):
        for key, value in raw.items():
            if key not in known:
                yield f"{path}.{key}"
            else:
                yield from _unknown_keys(value, known[key], f"{path}.{key}")
    elif isinstance(raw, list) and isinstance(known, list):
        for index, (item, known_item) in enumerate(zip(raw, known, strict=False)):
            yield from _unknown_keys(item, known_item, f"{path}[{index}]")


def validate_document(doc: dict[str, Any]) -> list[str]:
    """Return the problems of one manifest; empty when it validates or is not a known CRD kind."""
    model = MODELS.get(doc.get("kind", ""))
    if model is None or not str(doc.get("apiVersion", "")).startswith("monitoring.coreos.com/"):
        return []
    name = f"{doc['kind']}/{doc.get('metadata', {}).get('name', '?')}"
    try:
        parsed = model.model_validate(doc)
    except ValidationError as exc:
        return [f"{name}: {error['loc']}: {error['msg']}" for error in exc.errors()]
    known = parsed.model_dump(by_alias=True, exclude_unset=True, mode="json")
    return [f"{name}: unknown field {path}" for path in _unknown_keys(doc, known, "")]


def validate_file(path: Path) -> tuple[list[str], list[str]]:
    """Return (objects checked and valid, problems) for every document of one YAML file."""
    checked: list[str] = []
    problems: list[str] = []
    for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")):
        if not doc:
            continue
        found = validate_document(doc)
        problems.extend(found)
        if doc.get("kind") in MODELS and not found:
            checked.append(f"{doc['kind']}/{doc['metadata']['name']}")
    return checked, problems


def main(argv: list[str]) -> int:
    as_json = "--json" in argv
    files = [a for a in argv if a != "--json"]
    if not files:
        print(__doc__, file=sys.stderr)
        return 2
    report = {name: validate_file(Path(name)) for name in files}
    if as_json:
        print(json.dumps({name: {"checked": c, "problems": p} for name, (c, p) in report.items()}))
    else:
        for _, problems in report.values():
            for line in problems:
                print(line)
        print("valid: " + ", ".join(name for checked, _ in report.values() for name in checked))
    return 1 if any(problems for _, problems in report.values()) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
