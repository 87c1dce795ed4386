"""Handlers and arguments of the ``intent-router data`` sub-commands (registered by :mod:`training.cli`).

    intent-router data validate data/intents/*.jsonl
    intent-router data dedup data/raw.jsonl --out data/clean.jsonl --threshold 0.8
    intent-router data split data/clean.jsonl --out data/intents --val 0.1 --test 0.1 --seed 13
    intent-router data stats data/intents/train.jsonl
    intent-router data export-swift --data data/intents --task sft --out out/swift
    intent-router data from-log decisions.db --out data/candidates.jsonl --limit 500
    intent-router data synth --endpoint URL --model M --intent video_tour --n 50 --out data/synth/video.jsonl

Each handler returns the exit status: 0, or 1 when the data has problems (``validate``) or a tool failed.
Only light modules are imported at the top (the CLI loads this module to build its parser).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections import Counter
from dataclasses import asdict
from pathlib import Path

from service.taxonomy import load_taxonomy
from training.dedup import DEFAULT_THRESHOLD, dedup_examples
from training.records import Example, read_examples, validate_examples, write_examples
from training.split import SplitFractions, class_balance, render_balance, stratified_split

__all__ = ["DATA_COMMANDS"]

DEFAULT_DATA_DIR = Path("data/intents")
DEFAULT_SWIFT_DIR = Path("out/swift")


def _read_all(paths: list[Path]) -> list[Example]:
    taxonomy = load_taxonomy()
    return [example for path in paths for example in read_examples(path, taxonomy)]


def _options(args: argparse.Namespace) -> dict[str, object]:
    """The command's options as given (for the config saved next to its output)."""
    return {k: v for k, v in vars(args).items() if k != "handler"}


def _write_config(path: Path, config: dict[str, object]) -> None:
    path.write_text(json.dumps(config, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")


# --- validate ----------------------------------------------------------------------------------------------


def _add_validate(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", type=Path, help="JSONL files of {text, label, source}")


def _validate(args: argparse.Namespace) -> int:
    taxonomy = load_taxonomy()
    bad = 0
    for path in args.files:
        examples, problems = validate_examples(path, taxonomy)
        for problem in problems:
            print(problem)
        bad += len(problems)
        print(f"{path}: {len(examples)} good rows, {len(problems)} bad")
    return 1 if bad else 0


# --- dedup -------------------------------------------------------------------------------------------------


def _add_dedup(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", type=Path, help="JSONL files, read in order (first copy wins)")
    parser.add_argument("--out", type=Path, required=True, help="deduplicated JSONL to write")
    parser.add_argument(
        "--threshold", type=float, default=DEFAULT_THRESHOLD, help="near-duplicate similarity (%(default)s)"
    )


def _dedup(args: argparse.Namespace) -> int:
    report = dedup_examples(_read_all(args.files), threshold=args.threshold)
    write_examples(args.out, report.kept)
    for example, match, score in report.near[:20]:
        print(f"near {score:.2f}: {example.text!r} ~ {match!r}")
    for example in report.conflicting[:20]:
        print(
            f"label conflict: {example.text!r} ({example.label}) duplicates an earlier row with another label"
        )
    summary = report.summary()
    _write_config(
        args.out.with_suffix(".config.json"), {"command": "dedup", **_options(args), "counts": summary}
    )
    print(" ".join(f"{k}={v}" for k, v in summary.items()))
    return 0


# --- split -------------------------------------------------------------------------------------------------


def _add_split(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", type=Path, help="JSONL files to pool and split")
    parser.add_argument("--out", type=Path, required=True, help="folder for train/val/test.jsonl")
    parser.add_argument("--val", type=float, default=0.1, help="share of each class (%(default)s)")
    parser.add_argument("--test", type=float, default=0.1, help="share of each class (%(default)s)")
    parser.add_argument("--seed", type=int, default=13, help="same seed, same split (%(default)s)")


def _split(args: argparse.Namespace) -> int:
    fractions = SplitFractions(val=args.val, test=args.test)
    splits = stratified_split(_read_all(args.files), fractions, seed=args.seed)
    counts = {name: write_examples(args.out / f"{name}.jsonl", rows) for name, rows in splits.items()}
    _write_config(
        args.out / "split.config.json",
        {
            "command": "split",
            "files": args.files,
            "fractions": asdict(fractions),
            "seed": args.seed,
            "counts": counts,
        },
    )
    print(" ".join(f"{name}={n}" for name, n in counts.items()))
    return 0


# --- stats -------------------------------------------------------------------------------------------------


def _add_stats(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", type=Path, help="JSONL files (pooled)")


def _stats(args: argparse.Namespace) -> int:
    taxonomy = load_taxonomy()
    examples = _read_all(args.files)
    sources = Counter(e.source.split(":", 1)[0] or "(none)" for e in examples)
    print(render_balance(class_balance(examples, taxonomy), taxonomy, sources=sources))
    return 0


# --- export-swift ------------------------------------------------------------------------------------------


def _add_export_swift(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="folder of train/val/test.jsonl")
    parser.add_argument("--task", choices=("sft", "seq_cls"), default="sft", help="row format (%(default)s)")
    parser.add_argument("--out", type=Path, default=DEFAULT_SWIFT_DIR, help="output folder (%(default)s)")


def _export_swift(args: argparse.Namespace) -> int:
    from training.swift_data import SwiftTask, export_swift

    taxonomy = load_taxonomy()
    counts = {}
    for split in ("train", "val", "test"):
        source = args.data / f"{split}.jsonl"
        if source.exists():
            examples = read_examples(source, taxonomy)
            counts[split] = export_swift(
                examples, taxonomy, args.out / f"{split}.jsonl", task=SwiftTask(args.task)
            )
    if not counts:
        print(f"no train/val/test.jsonl in {args.data}", file=sys.stderr)
        return 1
    _write_config(
        args.out / "export.config.json",
        {
            "command": "export-swift",
            "data": args.data,
            "task": args.task,
            "counts": counts,
            "labels": taxonomy.ids,
        },
    )
    print(" ".join(f"{split}={n}" for split, n in counts.items()), f"→ {args.out} ({args.task})")
    return 0


# --- from-log ----------------------------------------------------------------------------------------------


def _add_from_log(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("db", type=Path, help="the gateway's decision log (SQLite)")
    parser.add_argument("--out", type=Path, required=True, help="candidates JSONL to write")
    parser.add_argument("--limit", type=int, default=None, help="at most this many rows")
    parser.add_argument(
        "--max-confidence", type=float, default=1.0, help="skip routed rows more confident (%(default)s)"
    )


def _from_log(args: argparse.Namespace) -> int:
    from training.from_log import read_log_candidates

    candidates = read_log_candidates(
        args.db, load_taxonomy(), limit=args.limit, max_confidence=args.max_confidence
    )
    write_examples(args.out, (c.to_example() for c in candidates))
    decisions = Counter(c.decision for c in candidates)
    _write_config(
        args.out.with_suffix(".config.json"), {"command": "from-log", **_options(args), "counts": decisions}
    )
    print(
        f"{len(candidates)} candidates → {args.out} ({', '.join(f'{k} {v}' for k, v in decisions.items())})"
    )
    return 0


# --- synth -------------------------------------------------------------------------------------------------


def _add_synth(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--endpoint", required=True, help="OpenAI-compatible base URL, e.g. http://host:8000/v1"
    )
    parser.add_argument("--model", required=True, help="model name on that endpoint")
    parser.add_argument("--intent", required=True, help="intent id to generate for")
    parser.add_argument("--n", type=int, required=True, help="rows to keep")
    parser.add_argument(
        "--data", type=Path, nargs="*", default=[DEFAULT_DATA_DIR / "train.jsonl"], help="existing rows"
    )
    parser.add_argument("--out", type=Path, required=True, help="JSONL of kept rows")
    parser.add_argument("--judge", choices=("embedded", "llm", "none"), default="embedded")
    parser.add_argument("--judge-endpoint", default=None, help="for --judge llm (default: --endpoint)")
    parser.add_argument("--judge-model", default=None, help="for --judge llm (default: --model)")
    parser.add_argument("--per-request", type=int, default=10)
    parser.add_argument("--max-requests", type=int, default=0, help="0 = 3 × n / per-request + 3")
    parser.add_argument("--similarity-threshold", type=float, default=0.8)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--api-key", default=None, help="bearer token for the endpoint")


def _synth(args: argparse.Namespace) -> int:
    import httpx

    from training.synth import Judge, SynthConfig, llm_judge, synthesize

    taxonomy = load_taxonomy()
    config = SynthConfig(
        intent=args.intent,
        n=args.n,
        model=args.model,
        per_request=args.per_request,
        max_requests=args.max_requests,
        similarity_threshold=args.similarity_threshold,
        seed=args.seed,
        judge=args.judge,
    )
    taxonomy.get(config.intent)  # unknown intent: fail before any request
    existing = [e for path in args.data for e in read_examples(path, taxonomy)]
    headers = {"Authorization": f"Bearer {args.api_key}"} if args.api_key else {}
    with contextlib.ExitStack() as stack:
        client = stack.enter_context(
            httpx.Client(base_url=args.endpoint.rstrip("/") + "/", timeout=config.timeout_s, headers=headers)
        )
        judge: Judge | None = None
        if config.judge == "embedded":
            from service.classify.embedded import DEFAULT_EMBEDDED_MODEL_DIR, EmbeddedClassifier

            model = EmbeddedClassifier.load(DEFAULT_EMBEDDED_MODEL_DIR, taxonomy)

            def judge_embedded(text: str) -> str | None:
                return model.predict(text).intent

            judge = judge_embedded
        elif config.judge == "llm":
            judge_base = (args.judge_endpoint or args.endpoint).rstrip("/") + "/"
            judge_client = stack.enter_context(
                httpx.Client(base_url=judge_base, timeout=config.timeout_s, headers=headers)
            )
            judge = llm_judge(judge_client, args.judge_model or args.model, taxonomy)
        try:
            result = synthesize(taxonomy, config, client=client, existing=existing, judge=judge)
        except httpx.HTTPError as exc:
            print(f"synth: {args.endpoint}: {type(exc).__name__}: {exc}", file=sys.stderr)
            return 1
    write_examples(args.out, result.kept)
    counts = {
        "requests": result.requests,
        "generated": result.generated,
        "kept": len(result.kept),
        **result.dropped,
    }
    _write_config(args.out.with_suffix(".config.json"), {"config": asdict(config), "counts": counts})
    print(" ".join(f"{k}={v}" for k, v in counts.items()))
    return 0 if len(result.kept) >= config.n else 1


# (name, help, add its arguments, handler), as training.cli's tables want them
DATA_COMMANDS = (
    ("validate", "check JSONL rows; prints file:line for every bad row", _add_validate, _validate),
    ("dedup", "drop exact and near-duplicate rows (character similarity)", _add_dedup, _dedup),
    ("split", "stratified train/val/test split", _add_split, _split),
    ("stats", "class-balance report", _add_stats, _stats),
    (
        "export-swift",
        "write ms-swift JSONL (sft or seq_cls) with the serving prompt",
        _add_export_swift,
        _export_swift,
    ),
    ("from-log", "decision-log rows as labelling candidates, least certain first", _add_from_log, _from_log),
    (
        "synth",
        "Self-Instruct new rows for an intent through an OpenAI-compatible endpoint",
        _add_synth,
        _synth,
    ),
)
