"""Handlers and arguments of ``intent-router train sft | export | diagnose`` and ``intent-router eval``.

    intent-router train sft --recipe full --model /models/Qwen3-8B --dry-run
    intent-router train export out/sft/lora --out out/sft/lora-merged
    intent-router train diagnose out/sft/lora/logging.jsonl --out out/sft/lora/diagnosis
    intent-router eval --endpoint http://127.0.0.1:8080 --data data/intents/test.jsonl --out out/eval/gw
    intent-router eval compare out/eval/gw out/eval/sft-8b

Registered by :mod:`training.cli`; nothing heavy is imported until a handler runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from service.taxonomy import load_taxonomy

__all__ = [
    "EVAL_COMMANDS",
    "TRAIN_COMMANDS",
    "add_eval_args",
    "latest_checkpoint",
    "render_comparison",
    "run_eval",
]


# --- train sft ---------------------------------------------------------------------------------------------


def _add_sft(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--recipe", default="lora", help="full | lora | seq_cls | cpu_* | a YAML path (%(default)s)"
    )
    parser.add_argument(
        "--model", default=None, help="base model directory (or hub id where one is reachable)"
    )
    parser.add_argument(
        "--dataset", default=None, help="ms-swift JSONL (default out/swift[-cls]/train.jsonl)"
    )
    parser.add_argument(
        "--val-dataset", default=None, help="held-out JSONL for eval_loss (default …/val.jsonl)"
    )
    parser.add_argument("--output-dir", default=None, help="default out/sft/RECIPE")
    parser.add_argument(
        "--set", action="append", default=[], metavar="KEY=VALUE", help="override a flag; null drops it"
    )
    parser.add_argument("--dry-run", action="store_true", help="print the exact command and stop")


def _sft(args: argparse.Namespace) -> int:
    from training.sft import (
        Recipe,
        build_sft_command,
        load_recipe,
        parse_overrides,
        render_command,
        run_swift,
        swift_executable,
    )

    taxonomy = load_taxonomy()
    recipe = load_recipe(args.recipe)
    data_dir = Path("out/swift-cls" if recipe.task == "seq_cls" else "out/swift")
    stem = Path(args.recipe).stem
    # What changes from run to run goes first, as in the case study's script.
    front = {
        "model": args.model or recipe.args.get("model") or "Qwen/Qwen3-8B",
        "dataset": args.dataset or recipe.args.get("dataset") or str(data_dir / "train.jsonl"),
        "val_dataset": args.val_dataset or recipe.args.get("val_dataset") or str(data_dir / "val.jsonl"),
        "output_dir": args.output_dir or recipe.args.get("output_dir") or f"out/sft/{stem}",
    }
    rest = {k: v for k, v in recipe.args.items() if k not in front}
    recipe = Recipe(recipe.name, recipe.task, front | rest, recipe.env).with_args(parse_overrides(args.set))
    swift = "swift" if args.dry_run else swift_executable()
    argv = build_sft_command(recipe, taxonomy, swift=swift)
    print(render_command(argv, recipe.env), flush=True)
    if args.dry_run:
        return 0
    config = {
        "recipe": args.recipe,
        "task": recipe.task,
        "args": recipe.args,
        "env": recipe.env,
        "argv": argv,
    }
    return run_swift(argv, recipe.env, config_dir=Path(recipe.args["output_dir"]), config=config)


# --- train export ------------------------------------------------------------------------------------------


def latest_checkpoint(run_dir: Path) -> Path:
    """The highest-numbered ``checkpoint-N`` in ``run_dir`` (or ``run_dir`` itself if it is one).

    Raises ``FileNotFoundError`` if there is none.
    """
    if run_dir.name.startswith("checkpoint-"):
        return run_dir
    checkpoints = [p for p in run_dir.glob("checkpoint-*") if p.name.split("-")[-1].isdigit()]
    if not checkpoints:
        raise FileNotFoundError(f"no checkpoint-N in {run_dir}")
    return max(checkpoints, key=lambda p: int(p.name.split("-")[-1]))


def _add_export(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("run", type=Path, help="a run's output dir (its latest checkpoint) or a checkpoint-N")
    parser.add_argument("--out", type=Path, required=True, help="merged model directory for vLLM")
    parser.add_argument("--dry-run", action="store_true", help="print the command and stop")


def _export(args: argparse.Namespace) -> int:
    from training.sft import build_export_command, render_command, run_swift, swift_executable

    checkpoint = latest_checkpoint(args.run)
    if not (checkpoint / "adapter_config.json").exists():
        print(
            f"{checkpoint} is a full checkpoint, already a model directory: serve it as it is",
            file=sys.stderr,
        )
        return 0
    argv = build_export_command(checkpoint, args.out, swift="swift" if args.dry_run else swift_executable())
    print(render_command(argv, {}), flush=True)
    if args.dry_run:
        return 0
    code = run_swift(argv, {}, config_dir=None, config={})
    if code == 0:  # the provenance of the merged model, next to it
        provenance = {"checkpoint": str(checkpoint), "argv": argv}
        (args.out / "intent_router_export.json").write_text(json.dumps(provenance, indent=2) + "\n")
    return code


# --- train diagnose ----------------------------------------------------------------------------------------


def _add_diagnose(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("logging_jsonl", type=Path, help="ms-swift's OUTPUT_DIR/logging.jsonl")
    parser.add_argument("--out", type=Path, required=True, help="folder for diagnosis.json and curves.png")


def _diagnose(args: argparse.Namespace) -> int:
    from training.diagnose import write_diagnosis

    result = write_diagnosis(args.logging_jsonl, args.out)
    for finding in result["findings"]:
        print(f"step {finding['step']}: {finding['kind']}: {finding['detail']}")
    if not result["findings"]:
        print("no failure shape found")
    print(
        f"suggested stop step: {result['suggested_stop_step']}; wrote {args.out}/diagnosis.json, curves.png"
    )
    return 0


# --- eval --------------------------------------------------------------------------------------------------


def add_eval_args(parser: argparse.ArgumentParser) -> None:
    """The options of ``eval`` itself (a run); ``eval compare`` is its sub-command."""
    parser.add_argument("--endpoint", help="gateway root, OpenAI base URL (…/v1) or vLLM root, by --mode")
    parser.add_argument("--data", type=Path, help="labelled JSONL (label: intent id or Chinese label)")
    parser.add_argument(
        "--out", type=Path, help="folder for metrics.json, predictions.jsonl, confusion_matrix.png"
    )
    parser.add_argument("--mode", choices=("gateway", "openai", "vllm-classify"), default="gateway")
    parser.add_argument("--model", default=None, help="model name (openai, vllm-classify)")
    parser.add_argument("--api-key", default=None, help="bearer token")
    parser.add_argument("--timeout-s", type=float, default=60.0, help="per request (%(default)s)")


def run_eval(args: argparse.Namespace) -> int:
    """Handler of ``intent-router eval``: score, write the artefacts, print the headline numbers."""
    import httpx

    from training.evaluate import EvalConfig, EvalMode, evaluate
    from training.records import read_examples

    missing = [flag for flag in ("endpoint", "data", "out") if getattr(args, flag) is None]
    if missing:
        print(
            f"eval needs {', '.join('--' + m for m in missing)} (or: eval compare DIR ...)", file=sys.stderr
        )
        return 2
    taxonomy = load_taxonomy()
    config = EvalConfig(
        endpoint=args.endpoint,
        mode=EvalMode(args.mode),
        model=args.model,
        api_key=args.api_key,
        timeout_s=args.timeout_s,
    )
    try:
        metrics = evaluate(config, read_examples(args.data, taxonomy), taxonomy, args.out)
    except httpx.ConnectError as exc:
        print(f"eval: cannot reach {args.endpoint}: {exc}", file=sys.stderr)
        return 1
    lat = metrics["latency_ms"]
    print(
        f"n={metrics['n']} accuracy={metrics['accuracy']:.4f} weighted_f1={metrics['weighted_f1']:.4f} "
        f"invalid={metrics['invalid']} p50={lat['p50']:.1f}ms p99={lat['p99']:.1f}ms → {args.out}"
    )
    return 0


def render_comparison(dirs: list[Path]) -> str:
    """A Markdown table, one row per eval folder: model, n, accuracy, weighted F1, p50/p99 latency.

    Raises ``FileNotFoundError`` naming a folder without ``metrics.json``.
    """
    lines = [
        "| model | n | accuracy | weighted F1 | p50 ms | p99 ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for directory in dirs:
        path = directory / "metrics.json"
        if not path.is_file():
            raise FileNotFoundError(f"no metrics.json in {directory}")
        m = json.loads(path.read_text(encoding="utf-8"))
        name = (m.get("config") or {}).get("model") or directory.name
        lat = m["latency_ms"]
        lines.append(
            f"| {name} | {m['n']} | {m['accuracy']:.1%} | {m['weighted_f1']:.1%} "
            f"| {lat['p50']:.1f} | {lat['p99']:.1f} |"
        )
    return "\n".join(lines)


def _add_compare(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dirs", nargs="+", type=Path, help="folders written by `intent-router eval`")


def _compare(args: argparse.Namespace) -> int:
    print(render_comparison(args.dirs))
    return 0


TRAIN_COMMANDS = (
    ("sft", "build (and run) swift sft from a recipe; --dry-run prints it", _add_sft, _sft),
    ("export", "merge a LoRA checkpoint into its base model (swift export) for vLLM", _add_export, _export),
    ("diagnose", "read logging.jsonl: failure shapes, stop step, curves.png", _add_diagnose, _diagnose),
)
EVAL_COMMANDS = (("compare", "markdown table of several eval folders", _add_compare, _compare),)
