"""Score a model or the gateway on a labelled set: accuracy, weighted P/R/F1, confusion matrix, latency.

    intent-router eval --endpoint http://127.0.0.1:8080 --data data/intents/test.jsonl --out out/eval/gateway
    intent-router eval --mode openai --endpoint http://127.0.0.1:8000/v1 --model Qwen3-8B-sft \\
        --data data/intents/test.jsonl --out out/eval/sft-8b
    intent-router eval --mode vllm-classify --endpoint http://127.0.0.1:8001 --model intent-cls ...
    intent-router eval compare out/eval/*

Modes (one request per row, sequentially, so the latency is one caller's):

``gateway``        ``POST {endpoint}/v1/classify`` of the gateway (guard, masking, cascade and all);
``openai``         any OpenAI-compatible chat endpoint with the serving prompt (:mod:`service.prompt`),
                   thinking off, greedy; a general model scored zero-shot this way reproduces the case
                   study's "base model vs SFT" comparison. An answer that is no label counts as ``invalid``;
``vllm-classify``  vLLM's pooling ``POST {endpoint}/classify`` (a ``seq_cls`` model), as the gateway sends it.

Writes ``DIR/metrics.json`` (``n``, ``accuracy``, ``weighted_precision``, ``weighted_recall``,
``weighted_f1``, ``per_class``, ``confusion_matrix``, ``latency_ms`` p50/p95/p99, and this run's config),
``DIR/predictions.jsonl`` and ``DIR/confusion_matrix.png``. The text is masked before it is sent (as the
gateway does) except in ``gateway`` mode, which masks it itself.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import httpx
import numpy as np

from service.prompt import build_messages
from service.sanitize import mask_pii
from service.taxonomy import Taxonomy
from training.records import Example

__all__ = ["INVALID", "EvalConfig", "EvalMode", "compute_metrics", "evaluate", "plot_confusion_matrix"]

INVALID = "invalid"  # the predicted "class" of an answer that names no intent (or a failed request)
_THINK = re.compile(r"<think>.*?</think>", re.DOTALL)


class EvalMode(StrEnum):
    GATEWAY = "gateway"
    OPENAI = "openai"
    VLLM_CLASSIFY = "vllm-classify"


@dataclass(frozen=True, slots=True)
class EvalConfig:
    endpoint: str  # gateway root, OpenAI base URL (…/v1) or vLLM root, by mode
    mode: EvalMode = EvalMode.GATEWAY
    model: str | None = None  # model name for openai / vllm-classify; the gateway picks its own
    timeout_s: float = 60.0  # per request; a 235B zero-shot baseline can be slow
    max_tokens: int = 16  # openai mode: the longest label is 4 characters, a few tokens
    api_key: str | None = None  # sent as a bearer token when set (the gateway's or the endpoint's)

    def __post_init__(self) -> None:
        if self.mode is not EvalMode.GATEWAY and not self.model:
            raise ValueError(f"--mode {self.mode.value} needs --model")


def _answer_to_intent(answer: str, taxonomy: Taxonomy) -> str:
    answer = _THINK.sub("", answer).strip().strip("。.!！")
    for intent in taxonomy:
        if answer in (intent.label, intent.id):
            return intent.id
    return INVALID


def _predictor(config: EvalConfig, taxonomy: Taxonomy, client: httpx.Client) -> Callable[[str], str]:
    """A function from raw text to a predicted intent id (or ``INVALID``) for the configured mode."""
    if config.mode is EvalMode.GATEWAY:

        def via_gateway(text: str) -> str:
            response = client.post("v1/classify", json={"text": text})
            response.raise_for_status()
            intent = response.json().get("intent")
            return intent if intent in taxonomy.ids else INVALID

        return via_gateway
    if config.mode is EvalMode.OPENAI:

        def via_chat(text: str) -> str:
            body = {
                "model": config.model,
                "messages": build_messages(taxonomy, mask_pii(text).text),
                "temperature": 0.0,
                "max_tokens": config.max_tokens,
                "chat_template_kwargs": {"enable_thinking": False},
            }
            response = client.post("chat/completions", json=body)
            response.raise_for_status()
            content = response.json()["choices"][0]["message"].get("content") or ""
            return _answer_to_intent(content, taxonomy)

        return via_chat

    def via_pooling(text: str) -> str:
        body = {
            "model": config.model,
            "messages": build_messages(taxonomy, mask_pii(text).text),
            "add_generation_prompt": True,
            "chat_template_kwargs": {"enable_thinking": False},
        }
        response = client.post("classify", json=body)
        response.raise_for_status()
        item = response.json()["data"][0]
        label = item.get("label")
        try:
            return taxonomy.resolve(label).id
        except (KeyError, TypeError):
            probs = item["probs"]
            return taxonomy.ids[int(np.argmax(probs))] if len(probs) == len(taxonomy) else INVALID

    return via_pooling


def compute_metrics(
    gold: Sequence[str], predicted: Sequence[str], latencies_ms: Sequence[float], taxonomy: Taxonomy
) -> dict[str, Any]:
    """The metrics.json fields for intent ids ``gold`` vs ``predicted`` (which may hold ``INVALID``)."""
    from sklearn.metrics import accuracy_score, confusion_matrix, precision_recall_fscore_support

    labels = list(taxonomy.ids)
    columns = labels + ([INVALID] if INVALID in predicted else [])
    p, r, f, support = precision_recall_fscore_support(gold, predicted, labels=labels, zero_division=0)
    wp, wr, wf, _ = precision_recall_fscore_support(
        gold, predicted, labels=labels, average="weighted", zero_division=0
    )
    matrix = confusion_matrix(gold, predicted, labels=columns)[: len(labels)]
    lat = np.asarray(latencies_ms, dtype=float)
    return {
        "n": len(gold),
        "accuracy": float(accuracy_score(gold, predicted)),
        "weighted_precision": float(wp),
        "weighted_recall": float(wr),
        "weighted_f1": float(wf),
        "invalid": int(sum(x == INVALID for x in predicted)),
        "per_class": {
            label: {
                "precision": float(p[i]),
                "recall": float(r[i]),
                "f1": float(f[i]),
                "support": int(support[i]),
            }
            for i, label in enumerate(labels)
        },
        # rows: gold intent (taxonomy order); columns: predicted, plus "invalid" when any answer was no label
        "confusion_matrix": {"labels": labels, "columns": columns, "matrix": matrix.tolist()},
        "latency_ms": {
            q: float(np.percentile(lat, v)) if lat.size else None
            for q, v in (("p50", 50), ("p95", 95), ("p99", 99))
        },
    }


def plot_confusion_matrix(metrics: dict[str, Any], out: Path, *, title: str) -> None:
    """Write the confusion matrix as a PNG heat map with counts (rows gold, columns predicted)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    cm = metrics["confusion_matrix"]
    matrix = np.asarray(cm["matrix"])
    fig, ax = plt.subplots(figsize=(1.1 * len(cm["columns"]) + 2, 1.0 * len(cm["labels"]) + 1.5))
    ax.imshow(matrix, cmap="Blues")
    ax.set_xticks(range(len(cm["columns"])), cm["columns"], rotation=45, ha="right")
    ax.set_yticks(range(len(cm["labels"])), cm["labels"])
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    threshold = matrix.max() / 2 if matrix.size else 0
    for (i, j), value in np.ndenumerate(matrix):
        ax.text(j, i, str(value), ha="center", va="center", color="white" if value > threshold else "black")
    ax.set_title(f"{title}\naccuracy {metrics['accuracy']:.3f}, weighted F1 {metrics['weighted_f1']:.3f}")
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=100)
    plt.close(fig)


def evaluate(
    config: EvalConfig,
    examples: Sequence[Example],
    taxonomy: Taxonomy,
    out_dir: Path,
    *,
    progress: Callable[[str], object] = lambda line: print(line, file=sys.stderr),
) -> dict[str, Any]:
    """Classify every example through the configured endpoint, write the artefacts, return metrics.json.

    A request that fails (HTTP error, malformed body) is recorded as ``INVALID`` with its error in
    ``predictions.jsonl``, so one bad answer does not void a long run; raises ``httpx.ConnectError`` if the
    endpoint is not there at all (the first request cannot connect).
    """
    headers = {"Authorization": f"Bearer {config.api_key}"} if config.api_key else {}
    base = config.endpoint.rstrip("/") + "/"
    out_dir.mkdir(parents=True, exist_ok=True)
    gold: list[str] = []
    predicted: list[str] = []
    latencies: list[float] = []
    with (
        httpx.Client(base_url=base, timeout=config.timeout_s, headers=headers) as client,
        (out_dir / "predictions.jsonl").open("w", encoding="utf-8") as rows,
    ):
        predict = _predictor(config, taxonomy, client)
        for i, example in enumerate(examples):
            started = time.perf_counter()
            error = None
            try:
                guess = predict(example.text)
            except httpx.ConnectError:
                if i == 0:
                    raise
                guess, error = INVALID, "connect error"
            except (httpx.HTTPError, ValueError, KeyError, IndexError, TypeError) as exc:
                guess, error = INVALID, f"{type(exc).__name__}: {exc}"[:200]
            latencies.append((time.perf_counter() - started) * 1000)
            gold.append(example.label)
            predicted.append(guess)
            row = {
                "text": example.text,
                "label": example.label,
                "predicted": guess,
                "latency_ms": latencies[-1],
            }
            rows.write(json.dumps(row | ({"error": error} if error else {}), ensure_ascii=False) + "\n")
            if (i + 1) % 50 == 0 or i + 1 == len(examples):
                right = sum(g == p for g, p in zip(gold, predicted, strict=True))
                progress(f"{i + 1}/{len(examples)} scored, accuracy so far {right / (i + 1):.3f}")
    metrics = compute_metrics(gold, predicted, latencies, taxonomy)
    metrics["config"] = {**asdict(config), "mode": config.mode.value, "api_key": None}
    (out_dir / "metrics.json").write_text(
        json.dumps(metrics, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    title = config.model or f"{config.mode.value} {config.endpoint}"
    plot_confusion_matrix(metrics, out_dir / "confusion_matrix.png", title=title)
    return metrics
