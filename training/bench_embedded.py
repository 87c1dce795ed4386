"""Measure the embedded classifier: accuracy, weighted F1, calibration and per-call latency.

    python -m training.bench_embedded                                   # the shipped artefact, repo data
    python -m training.bench_embedded --eval /work/shared/eval/ood_other.jsonl --calls 5000

Evaluates on ``data/intents/test.jsonl`` and ``data/intents/handwritten_eval.jsonl`` plus every ``--eval``
file (JSONL rows with ``text`` and ``label``, the label an intent id or its Chinese label), then times
:meth:`EmbeddedClassifier.predict` single-threaded and prints a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import platform
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.metrics import accuracy_score, f1_score

from service.classify.embedded import DEFAULT_EMBEDDED_MODEL_DIR, EmbeddedClassifier
from service.classify.features import normalize_text
from service.sanitize import mask_pii
from service.taxonomy import Taxonomy, load_taxonomy

__all__ = [
    "Latency",
    "Score",
    "drop_seen",
    "main",
    "measure_latency",
    "read_labelled",
    "render_report",
    "score",
]

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "intents"


@dataclass(frozen=True, slots=True)
class Score:
    name: str  # which set, e.g. "test" or a file name
    n: int  # utterances scored
    accuracy: float
    weighted_f1: float
    ece: float  # expected calibration error over 10 equal-width confidence bins
    mean_confidence: float
    routed_share: float  # share with confidence >= threshold (what the gateway would route)
    routed_accuracy: float  # accuracy among those routed; nan when none is


@dataclass(frozen=True, slots=True)
class Latency:
    calls: int
    p50_us: float
    p99_us: float
    mean_us: float


def read_labelled(path: Path, taxonomy: Taxonomy) -> list[tuple[str, str]]:
    """Read ``(masked text, intent id)`` pairs from JSONL; labels may be ids or Chinese labels.

    Raises ``ValueError`` naming the file and line of a row without text or with an unknown label.
    """
    pairs = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        text, label = row.get("text"), row.get("label")
        if not isinstance(text, str) or not text.strip() or not isinstance(label, str):
            raise ValueError(f"{path}:{n}: need non-empty string 'text' and 'label', got {row!r:.120}")
        try:
            # Served text is masked before it is classified; train and score on the same form.
            pairs.append((mask_pii(text).text, taxonomy.resolve(label).id))
        except KeyError as exc:
            raise ValueError(f"{path}:{n}: {exc.args[0]}") from exc
    return pairs


def drop_seen(
    pairs: Sequence[tuple[str, str]], seen: Sequence[str], model: EmbeddedClassifier
) -> list[tuple[str, str]]:
    """Keep the pairs whose normalised text is not among ``seen`` (e.g. a canonical "预约看房" that the
    hand-written set and the generator both contain), so a score on them measures unseen utterances."""

    def key(text: str) -> str:
        return normalize_text(text, model.features).replace(" ", "")

    known = {key(text) for text in seen}
    return [(text, label) for text, label in pairs if key(text) not in known]


def score(
    name: str, pairs: Sequence[tuple[str, str]], model: EmbeddedClassifier, *, threshold: float = 0.5
) -> Score:
    """Score ``model`` on labelled pairs; ``threshold`` is the gateway's routing confidence."""
    predictions = [model.predict(text) for text, _ in pairs]
    gold = [label for _, label in pairs]
    guess = [p.intent for p in predictions]
    conf = np.array([p.confidence for p in predictions])
    right = np.array([g == y for g, y in zip(guess, gold, strict=True)])
    bins = np.minimum((conf * 10).astype(int), 9)
    ece = sum(
        abs(right[bins == b].mean() - conf[bins == b].mean()) * (bins == b).mean()
        for b in range(10)
        if (bins == b).any()
    )
    routed = conf >= threshold
    return Score(
        name=name,
        n=len(pairs),
        accuracy=float(accuracy_score(gold, guess)),
        weighted_f1=float(f1_score(gold, guess, average="weighted", zero_division=0)),
        ece=float(ece),
        mean_confidence=float(conf.mean()),
        routed_share=float(routed.mean()),
        routed_accuracy=float(right[routed].mean()) if routed.any() else float("nan"),
    )


def measure_latency(model: EmbeddedClassifier, texts: Sequence[str], *, calls: int) -> Latency:
    """Time ``calls`` single-threaded :meth:`predict` calls cycling over ``texts`` (after a warm-up pass)."""
    for text in texts:
        model.predict(text)
    durations = np.empty(calls)
    for i in range(calls):
        text = texts[i % len(texts)]
        start = time.perf_counter_ns()
        model.predict(text)
        durations[i] = (time.perf_counter_ns() - start) / 1e3
    return Latency(
        calls,
        float(np.percentile(durations, 50)),
        float(np.percentile(durations, 99)),
        float(durations.mean()),
    )


def _machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    nproc = subprocess.run(["nproc"], capture_output=True, text=True, check=False).stdout.strip()
    return f"{cpu}, nproc={nproc}, Python {platform.python_version()}, NumPy {np.__version__}"


def render_report(scores: Sequence[Score], latency: Latency, *, command: str) -> str:
    """Markdown lines: one table row per set, then latency, machine, date and the command."""
    lines = [
        "| set | n | accuracy | weighted F1 | ECE | mean conf. | conf ≥ 0.5 | acc. when ≥ 0.5 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for s in scores:
        lines.append(
            f"| {s.name} | {s.n} | {s.accuracy:.3f} | {s.weighted_f1:.3f} | {s.ece:.3f} | "
            f"{s.mean_confidence:.3f} | {s.routed_share:.1%} | {s.routed_accuracy:.3f} |"
        )
    lines += [
        "",
        f"`predict` latency, single thread, {latency.calls} calls: p50 {latency.p50_us:.0f} µs, "
        f"p99 {latency.p99_us:.0f} µs, mean {latency.mean_us:.0f} µs.",
        "",
        f"Machine: {_machine()}. Date: {datetime.date.today().isoformat()}.",
        "",
        f"Command: `{command}`",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", type=Path, default=DEFAULT_EMBEDDED_MODEL_DIR)
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="folder of the splits, hand-written set")
    parser.add_argument("--eval", type=Path, action="append", default=[], help="extra labelled JSONL file")
    parser.add_argument("--calls", type=int, default=5000, help="predict calls to time")
    args = parser.parse_args(argv)
    taxonomy = load_taxonomy()
    model = EmbeddedClassifier.load(args.model, taxonomy)
    sets = {"test split": args.data / "test.jsonl", "handwritten_eval": args.data / "handwritten_eval.jsonl"}
    sets.update({path.name: path for path in args.eval})
    pairs = {name: read_labelled(path, taxonomy) for name, path in sets.items()}
    generated = [args.data / f"{split}.jsonl" for split in ("train", "val", "test")]
    seen = [text for path in generated for text, _ in read_labelled(path, taxonomy)]
    pairs["handwritten_eval, unseen only"] = drop_seen(pairs["handwritten_eval"], seen, model)
    scores = [score(name, rows, model) for name, rows in pairs.items()]
    texts = [text for text, _ in read_labelled(sets["test split"], taxonomy)]
    latency = measure_latency(model, texts, calls=args.calls)
    command = " ".join(["python -m training.bench_embedded", *sys.argv[1:]])
    print(render_report(scores, latency, command=command))
    return 0


if __name__ == "__main__":
    sys.exit(main())
