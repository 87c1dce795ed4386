"""Build and run ``swift sft`` (ms-swift 4.x) from a recipe file in the repo, and merge LoRA for vLLM.

    intent-router train sft --recipe full --model /models/Qwen3-8B --dry-run      # print the command
    intent-router train sft --recipe lora --model /models/Qwen3-8B \\
        --dataset out/swift/train.jsonl --val-dataset out/swift/val.jsonl --output-dir out/sft/lora
    intent-router train export out/sft/lora --out out/sft/lora-merged            # swift export --merge_lora

A recipe (``training/recipes/NAME.yaml``, or any path) has ``task`` (``sft`` or ``seq_cls``: which export
it trains on), ``env`` (``NPROC_PER_NODE``, ``CUDA_VISIBLE_DEVICES``) and ``args``, the ``swift sft`` flags
in order. ``base: OTHER`` starts from another recipe; an arg or env variable set to ``null`` is removed.
The command line adds ``--model``, ``--dataset``, ``--val_dataset``, ``--output_dir`` and any
``--set KEY=VALUE``. Steps:

1. load the recipe and apply the overrides; check ``num_labels`` against the taxonomy for ``seq_cls``;
2. print the exact command (``--dry-run`` stops here);
3. write ``OUTPUT_DIR/intent_router_sft.json`` (recipe, resolved args, env, command) next to what ms-swift
   writes, then run it with ``HF_HUB_OFFLINE=1``; its exit status is ours.
"""

from __future__ import annotations

import datetime
import json
import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from service.taxonomy import Taxonomy

__all__ = [
    "RECIPES_DIR",
    "Recipe",
    "build_export_command",
    "build_sft_command",
    "load_recipe",
    "parse_overrides",
    "render_command",
    "run_swift",
    "swift_executable",
]

RECIPES_DIR = Path(__file__).resolve().parent / "recipes"
SFT_CONFIG_FILE = "intent_router_sft.json"
_TASKS = ("sft", "seq_cls")


@dataclass(frozen=True, slots=True)
class Recipe:
    name: str  # file stem, or the path given
    task: str  # "sft" or "seq_cls": the data format it trains on
    args: dict[str, Any]  # swift sft flags, in order, without the leading "--"
    env: dict[str, str] = field(default_factory=dict)  # extra environment for the run

    def __post_init__(self) -> None:
        if self.task not in _TASKS:
            raise ValueError(f"recipe {self.name}: task must be one of {_TASKS}, got {self.task!r}")

    def with_args(self, overrides: dict[str, Any]) -> Recipe:
        """A copy with ``overrides`` applied (a ``None`` value removes the flag); new flags go last."""
        args = {**self.args, **overrides}
        return Recipe(self.name, self.task, {k: v for k, v in args.items() if v is not None}, dict(self.env))


def _recipe_path(name_or_path: str) -> Path:
    path = Path(name_or_path)
    if path.suffix in (".yaml", ".yml"):
        return path
    return RECIPES_DIR / f"{name_or_path}.yaml"


def load_recipe(name_or_path: str) -> Recipe:
    """Load ``training/recipes/NAME.yaml`` or a YAML path, following ``base:``.

    Raises ``ValueError`` naming the file for an unknown recipe, unknown top-level keys or a bad shape.
    """
    path = _recipe_path(name_or_path)
    if not path.is_file():
        known = sorted(p.stem for p in RECIPES_DIR.glob("*.yaml"))
        raise ValueError(f"no recipe {name_or_path!r} ({path}); the repo has {known}")
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    unknown = set(raw) - {"base", "task", "env", "args"}
    if unknown or not isinstance(raw.get("args", {}), dict) or not isinstance(raw.get("env", {}), dict):
        raise ValueError(f"{path}: expected keys base/task/env/args with mappings, got {sorted(raw)}")
    if "base" in raw:
        base = load_recipe(str(path.parent / f"{raw['base']}.yaml"))
        env = {**base.env, **{k: v for k, v in raw.get("env", {}).items()}}
        env = {k: str(v) for k, v in env.items() if v is not None}  # null removes an inherited variable
        merged = base.with_args(raw.get("args", {}))
        return Recipe(name_or_path, raw.get("task", base.task), merged.args, env)
    return Recipe(
        name=name_or_path,
        task=raw.get("task", "sft"),
        args={k: v for k, v in raw.get("args", {}).items() if v is not None},
        env={k: str(v) for k, v in raw.get("env", {}).items()},
    )


def parse_overrides(pairs: list[str]) -> dict[str, Any]:
    """``["max_steps=30", "deepspeed=null"]`` → ``{"max_steps": 30, "deepspeed": None}`` (YAML scalars)."""
    out: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"--set wants KEY=VALUE, got {pair!r}")
        out[key.strip().lstrip("-")] = yaml.safe_load(value) if value else ""
    return out


def _flag_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return " ".join(_flag_value(v) for v in value)
    return str(value)


def swift_executable() -> str:
    """``swift`` beside this interpreter (the train venv), else on PATH; raise ``FileNotFoundError``."""
    beside = Path(sys.executable).parent / "swift"
    if beside.is_file():
        return str(beside)
    found = shutil.which("swift")
    if not found:
        raise FileNotFoundError("no `swift` executable: install the train-llm extra (ms-swift)")
    return found


def build_sft_command(recipe: Recipe, taxonomy: Taxonomy, *, swift: str = "swift") -> list[str]:
    """The argv of ``swift sft`` for ``recipe`` (model, data and output dir must be in its args by now).

    Raises ``ValueError`` if ``model``, ``dataset`` or ``output_dir`` is missing, or if ``num_labels``
    disagrees with the taxonomy.
    """
    args = recipe.args
    missing = [key for key in ("model", "dataset", "output_dir") if not args.get(key)]
    if missing:
        raise ValueError(f"recipe {recipe.name}: no {missing}; pass --model/--dataset/--output-dir")
    if recipe.task == "seq_cls" and int(args.get("num_labels", 0)) != len(taxonomy):
        raise ValueError(
            f"recipe {recipe.name}: num_labels {args.get('num_labels')} != {len(taxonomy)} intents"
        )
    argv = [swift, "sft"]
    for key, value in args.items():
        argv.append(f"--{key}")
        argv += [_flag_value(v) for v in value] if isinstance(value, list | tuple) else [_flag_value(value)]
    return argv


def build_export_command(checkpoint: Path, out: Path, *, swift: str = "swift") -> list[str]:
    """``swift export`` that merges a LoRA checkpoint into its base model, written to ``out`` for vLLM."""
    return [swift, "export", "--adapters", str(checkpoint), "--merge_lora", "true", "--output_dir", str(out)]


def render_command(argv: list[str], env: dict[str, str]) -> str:
    """A copy-pastable shell line: environment first, one flag per line like the case study's script."""
    lines = [f"{k}={shlex.quote(v)} \\" for k, v in env.items()]
    head, rest = argv[:2], argv[2:]
    lines.append(shlex.join(head) + " \\")
    pairs: list[str] = []
    i = 0
    while i < len(rest):
        j = i + 1
        while j < len(rest) and not rest[j].startswith("--"):
            j += 1
        pairs.append("  " + shlex.join(rest[i:j]))
        i = j
    lines += [p + " \\" for p in pairs[:-1]] + pairs[-1:]
    return "\n".join(lines)


def run_swift(
    argv: list[str], env: dict[str, str], *, config_dir: Path | None, config: dict[str, Any]
) -> int:
    """Run ``argv`` with ``env`` added (and ``HF_HUB_OFFLINE=1``); first save ``config`` in ``config_dir``.

    Returns the process's exit status.
    """
    if config_dir is not None:
        config_dir.mkdir(parents=True, exist_ok=True)
        stamped = {**config, "started": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")}
        (config_dir / SFT_CONFIG_FILE).write_text(json.dumps(stamped, indent=2, ensure_ascii=False) + "\n")
    full_env = {**os.environ, "HF_HUB_OFFLINE": "1", **env}
    return subprocess.run(argv, env=full_env, check=False).returncode
