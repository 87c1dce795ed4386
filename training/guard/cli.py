"""``intent-router guard …`` sub-commands (a plugin: pyproject's ``intent_router.commands`` entry point).

intent-router guard eval [--eval-dir ../shared/eval] [--out out/guard-eval] [--threshold 0.5]
intent-router guard train [--no-generate]
intent-router guard pii-bench [--seed N] [--per-kind N] [--rounds N] [--failures]
intent-router guard generalise [--c C ...]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from training.guard.evaluate import EvalConfig, run_eval
from training.guard.generalise import add_generalise_arguments, run_generalise
from training.guard.report import format_report
from training.guard.spoken_pii import add_bench_arguments, run_bench
from training.guard.train import TrainConfig, train_guard

__all__ = ["register", "run_eval_command", "run_pii_bench_command", "run_train_command"]


def run_eval_command(args: argparse.Namespace) -> int:
    """Measure and print; exit 0 (the numbers are the output, not a pass/fail)."""
    config = EvalConfig(
        eval_dir=args.eval_dir,
        out_dir=args.out,
        threshold=args.threshold,
        model_dir=args.model_dir,
        latency_rounds=args.rounds,
    )
    report = run_eval(config)
    print(format_report(report))
    print(f"\nwrote {args.out / 'guard_eval.json'}")
    return 0


def run_train_command(args: argparse.Namespace) -> int:
    """Regenerate the data (unless --no-generate), train, save into data/guard/."""
    metrics = train_guard(TrainConfig(generate=not args.no_generate))
    print(json.dumps(metrics, indent=1))
    return 0


def run_pii_bench_command(args: argparse.Namespace) -> int:
    """Score mask_pii on generated spoken-form PII and hard negatives (training/guard/spoken_pii.py)."""
    return run_bench(args)


def register(subparsers: Any) -> None:
    """Add ``guard`` with ``eval``, ``train``, ``pii-bench`` and ``generalise`` to the CLI's sub-parsers."""
    guard = subparsers.add_parser("guard", help="PII masking and injection guard: evaluate, retrain")
    commands = guard.add_subparsers(dest="guard_command", required=True)

    evaluate = commands.add_parser("eval", help="measure TPR/FPR, PII precision/recall and latency")
    evaluate.add_argument("--eval-dir", type=Path, default=Path("../shared/eval"), help="external eval sets")
    evaluate.add_argument(
        "--out", type=Path, default=Path("out/guard-eval"), help="where guard_eval.json goes"
    )
    evaluate.add_argument("--threshold", type=float, default=0.5, help="block at or above this score")
    evaluate.add_argument("--model-dir", type=Path, default=None, help="guard model (default data/guard/)")
    evaluate.add_argument("--rounds", type=int, default=5, help="latency rounds over the corpus")
    evaluate.set_defaults(handler=run_eval_command)

    train = commands.add_parser("train", help="regenerate data/guard/train.jsonl and retrain the model")
    train.add_argument("--no-generate", action="store_true", help="train on the existing train.jsonl")
    train.set_defaults(handler=run_train_command)

    bench = commands.add_parser("pii-bench", help="mask_pii on generated spoken-form PII and hard negatives")
    add_bench_arguments(bench)
    bench.set_defaults(handler=run_pii_bench_command)

    generalise = commands.add_parser(
        "generalise", help="leave-one-family-out TPR/FPR of the guard model on its generated data"
    )
    add_generalise_arguments(generalise)
    generalise.set_defaults(handler=run_generalise)
