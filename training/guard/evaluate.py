"""Measure the guard and the PII masker on the external evaluation sets (../shared/eval).

    intent-router guard eval [--eval-dir ../shared/eval] [--out out/guard-eval] [--threshold 0.5]

The sets are for measuring only: nothing here trains on them or keeps their text. Writes
``guard_eval.json`` (every number below, the config and the date) into ``--out`` and returns the same dict.

1. Guard: block rate on injection.jsonl by category group and language, strict and soft apart (TPR);
   on benign.jsonl by subset (FPR); on gray_not_injection.jsonl by subset (neither hit nor false alarm).
   The guard sees the PII-masked text, as in the gateway.
2. PII: precision and recall per type on pii_cases.jsonl, as labelled and under our policy
   (:mod:`training.guard.pii_policy`), and the share of non-PII texts (benign, gray, ood_other, the
   injection prompts) that mask_pii changed at all: those hold prices, dates, floors and room counts.
3. Latency per utterance and stage over every text of the five files (:mod:`training.guard.benchmark`).
"""

from __future__ import annotations

import datetime
import json
import os
import platform
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from service.guard import InjectionGuard
from service.sanitize import PII_TYPES, detect_pii, mask_pii
from training.guard.benchmark import benchmark_stages
from training.guard.pii_policy import score_pii_cases

__all__ = ["EvalConfig", "category_group", "run_eval"]

Record = dict[str, Any]


@dataclass(frozen=True, slots=True)
class EvalConfig:
    eval_dir: Path  # ../shared/eval: injection, benign, gray_not_injection, pii_cases, ood_other (.jsonl)
    out_dir: Path  # guard_eval.json goes here
    threshold: float = 0.5  # the gateway's GUARD_THRESHOLD default
    model_dir: Path | None = None  # None: data/guard/
    latency_rounds: int = 5  # every utterance is timed this many times


def _load(eval_dir: Path, name: str) -> list[Record]:
    path = eval_dir / f"{name}.jsonl"
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def category_group(category: str) -> str:
    """The reporting group of a category.

    ``safetyprompts/goal_hijacking(en translation)`` -> ``goal_hijacking``; ``jailbench/…`` -> ``jailbench``.
    """
    source, _, rest = category.partition("/")
    if source.startswith("jailbench"):
        return "jailbench"
    return (rest or source).split("(")[0].strip()


def _rate(hits: int, total: int) -> dict[str, Any]:
    return {"blocked": hits, "total": total, "rate": round(hits / total, 4) if total else None}


def _with_verdicts(guard: InjectionGuard, records: list[Record]) -> list[tuple[Record, bool]]:
    """Each record with whether the guard blocks its PII-masked text (checked once per record)."""
    return [(r, guard.check(mask_pii(r["text"]).text).blocked) for r in records]


def _block_rates(
    judged: list[tuple[Record, bool]], key: Callable[[Record], str]
) -> dict[str, dict[str, Any]]:
    hits: dict[str, int] = {}
    totals: dict[str, int] = {}
    for record, blocked in judged:
        k = key(record)
        totals[k] = totals.get(k, 0) + 1
        hits[k] = hits.get(k, 0) + blocked
    return {k: _rate(hits[k], totals[k]) for k in sorted(totals)}


def _evaluate_guard(guard: InjectionGuard, eval_dir: Path) -> dict[str, Any]:
    injections = _with_verdicts(guard, _load(eval_dir, "injection"))
    benign = _with_verdicts(guard, _load(eval_dir, "benign"))
    gray = _with_verdicts(guard, _load(eval_dir, "gray_not_injection"))

    def strictness(r: Record) -> str:
        return "strict" if r.get("strict", True) else "soft"

    return {
        "injection_tpr": {
            "overall": _block_rates(injections, strictness),
            "by_category": _block_rates(
                injections, lambda r: f"{strictness(r)}/{category_group(r['category'])}/{r['lang']}"
            ),
            "by_language": _block_rates(injections, lambda r: f"{strictness(r)}/{r['lang']}"),
        },
        "benign_fpr": {
            "overall": _block_rates(benign, lambda r: "all"),
            "by_subset": _block_rates(benign, lambda r: f"{r['category'].split('/')[0]}/{r['lang']}"),
        },
        "gray_block_rate": {
            "overall": _block_rates(gray, lambda r: "all"),
            "by_subset": _block_rates(gray, lambda r: r["category"].split("/")[0]),
        },
    }


def _evaluate_pii(eval_dir: Path) -> dict[str, Any]:
    cases = _load(eval_dir, "pii_cases")
    result: dict[str, Any] = {}
    for name, by_policy in (("as_labelled", False), ("by_policy", True)):
        score = score_pii_cases(cases, by_policy=by_policy)
        tp, fn, fp = score.total()
        result[name] = {
            "by_type": {
                kind: {
                    "precision": score.precision(kind),
                    "recall": score.recall(kind),
                    "tp": score.true_positives[kind],
                    "fn": score.false_negatives[kind],
                    "fp": score.false_positives[kind],
                }
                for kind in PII_TYPES
                if score.true_positives[kind] + score.false_negatives[kind] + score.false_positives[kind]
            },
            "overall": {
                "precision": round(tp / (tp + fp), 4) if tp + fp else None,
                "recall": round(tp / (tp + fn), 4) if tp + fn else None,
                "tp": tp,
                "fn": fn,
                "fp": fp,
            },
            "errors": list(score.misses),  # "missed <type>: <source>" / "extra <type>: <source>", no text
        }
    # Texts with no PII by construction: any mask there is a false positive (prices, dates, floors …).
    untouched: dict[str, Any] = {}
    for name in ("benign", "gray_not_injection", "ood_other", "injection"):
        detections = [detect_pii(r["text"]) for r in _load(eval_dir, name)]
        types = [d.type for found in detections for d in found]
        untouched[name] = {
            "texts": len(detections),
            "texts_changed": sum(1 for found in detections if found),
            "types_masked": {k: types.count(k) for k in sorted(set(types))},
        }
    result["non_pii_texts_changed"] = untouched
    return result


def run_eval(config: EvalConfig) -> dict[str, Any]:
    """Run every measurement, write ``guard_eval.json`` into ``config.out_dir``, return the report."""
    guard = InjectionGuard.load(config.model_dir, threshold=config.threshold)
    corpus = [
        r["text"]
        for name in ("injection", "benign", "gray_not_injection", "pii_cases", "ood_other")
        for r in _load(config.eval_dir, name)
    ]
    load_before = os.getloadavg()
    latency = benchmark_stages(guard, corpus, rounds=config.latency_rounds)
    load_after = os.getloadavg()
    report = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "processor": platform.processor() or platform.machine(),
            "cpus": os.cpu_count(),
            # 1-minute load average before and after the latency run: on a shared machine, read the
            # observed percentiles against it.
            "load_average_1m": [round(load_before[0], 2), round(load_after[0], 2)],
        },
        "config": {k: str(v) if isinstance(v, Path) else v for k, v in asdict(config).items()},
        "model": guard.model.metadata.get("metrics", {}),
        "guard": _evaluate_guard(guard, config.eval_dir),
        "pii": _evaluate_pii(config.eval_dir),
        "latency_us": asdict(latency),
    }
    config.out_dir.mkdir(parents=True, exist_ok=True)
    (config.out_dir / "guard_eval.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return report
