"""`train sft`: recipes in the repo become the exact `swift sft` command; `train export` merges LoRA."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from service.taxonomy import load_taxonomy
from training.cli import register_train
from training.sft import RECIPES_DIR, build_export_command, build_sft_command, load_recipe, parse_overrides

TAXONOMY = load_taxonomy()

# The case study's script (§4.2), with the flags ms-swift 4.x needs for a local model offline. Order matters
# only for reading; the set of flags and values is the contract.
CASE_STUDY_FULL = {
    "--model": "/models/Qwen3-8B",
    "--dataset": "out/swift/train.jsonl",
    "--val_dataset": "out/swift/val.jsonl",
    "--output_dir": "out/sft/full",
    "--model_type": "qwen3",
    "--template": "qwen3",
    "--check_model": "false",
    "--tuner_type": "full",
    "--torch_dtype": "bfloat16",
    "--max_steps": "1000",
    "--streaming": "true",
    "--per_device_train_batch_size": "2",
    "--per_device_eval_batch_size": "2",
    "--gradient_accumulation_steps": "2",
    "--learning_rate": "1e-05",
    "--warmup_ratio": "0.05",
    "--packing": "true",
    "--max_length": "8192",
    "--eval_steps": "50",
    "--save_steps": "50",
    "--logging_steps": "5",
    "--save_total_limit": "2",
    "--save_only_model": "true",
    "--deepspeed": "zero3",
    "--attn_impl": "flash_attn",
    "--report_to": "none",
    "--add_version": "false",
    "--model_author": "intent-router",
    "--model_name": "intent-router-sft",
}


def _dry_run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    parser = argparse.ArgumentParser(prog="intent-router")
    register_train(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["train", *argv, "--dry-run"])
    assert args.handler(args) == 0
    return capsys.readouterr().out


def _flags(printed: str) -> tuple[dict[str, str], list[str]]:
    lines = [line.strip().removesuffix("\\").strip() for line in printed.strip().splitlines()]
    env = [line for line in lines if "=" in line.split()[0] and not line.startswith("--")]
    flags = dict(line.split(" ", 1) for line in lines if line.startswith("--"))
    return flags, env


def test_the_full_recipe_is_the_case_study_command(capsys: pytest.CaptureFixture[str]) -> None:
    printed = _dry_run(capsys, "sft", "--recipe", "full", "--model", "/models/Qwen3-8B")
    flags, env = _flags(printed)
    assert flags == CASE_STUDY_FULL
    assert env == ["NPROC_PER_NODE=8", "CUDA_VISIBLE_DEVICES=0,1,2,3,4,5,6,7"]
    assert "swift sft \\" in printed


def test_the_lora_recipe_fits_one_gpu(capsys: pytest.CaptureFixture[str]) -> None:
    flags, env = _flags(_dry_run(capsys, "sft", "--recipe", "lora", "--model", "m"))
    assert flags["--tuner_type"] == "lora" and "--deepspeed" not in flags and "--packing" not in flags
    assert env == ["CUDA_VISIBLE_DEVICES=0"]


def test_the_seq_cls_recipe_trains_a_six_label_head_on_the_cls_export(
    capsys: pytest.CaptureFixture[str],
) -> None:
    flags, _ = _flags(_dry_run(capsys, "sft", "--recipe", "seq_cls", "--model", "m"))
    assert (flags["--task_type"], flags["--num_labels"]) == ("seq_cls", "6")
    assert flags["--dataset"] == "out/swift-cls/train.jsonl"


def test_cpu_recipes_drop_what_needs_a_gpu(capsys: pytest.CaptureFixture[str]) -> None:
    flags, env = _flags(_dry_run(capsys, "sft", "--recipe", "cpu_full", "--model", "m"))
    assert not {"--deepspeed", "--packing", "--streaming"} & flags.keys()
    assert (flags["--torch_dtype"], flags["--attn_impl"], flags["--tuner_type"]) == (
        "float32",
        "sdpa",
        "full",
    )
    assert env == ["OMP_NUM_THREADS=1"]


def test_set_overrides_and_removes_flags(capsys: pytest.CaptureFixture[str]) -> None:
    printed = _dry_run(capsys, "sft", "--recipe", "full", "--set", "max_steps=80", "--set", "deepspeed=null")
    flags, _ = _flags(printed)
    assert flags["--max_steps"] == "80" and "--deepspeed" not in flags


@pytest.mark.parametrize("recipe", sorted(p.stem for p in RECIPES_DIR.glob("*.yaml")))
def test_every_recipe_names_the_template_that_matches_serving(recipe: str) -> None:
    # Only `qwen3` adds the empty think block that vLLM renders with enable_thinking=false
    # (test_served_tokens.py proves it against the real template).
    assert load_recipe(recipe).args["template"] == "qwen3"
    assert load_recipe(recipe).args["tuner_type"] in ("full", "lora")


def test_a_num_labels_that_disagrees_with_the_taxonomy_is_refused() -> None:
    recipe = load_recipe("seq_cls").with_args(
        {"model": "m", "dataset": "d", "output_dir": "o", "num_labels": 5}
    )
    with pytest.raises(ValueError, match="num_labels 5 != 6"):
        build_sft_command(recipe, TAXONOMY)


def test_an_unknown_recipe_lists_the_known_ones() -> None:
    with pytest.raises(ValueError, match=r"'nope'.*'full'"):
        load_recipe("nope")


def test_overrides_are_yaml_scalars() -> None:
    assert parse_overrides(["max_steps=30", "packing=false", "deepspeed=null"]) == {
        "max_steps": 30,
        "packing": False,
        "deepspeed": None,
    }
    with pytest.raises(ValueError, match="KEY=VALUE"):
        parse_overrides(["max_steps"])


def test_export_merges_the_latest_lora_checkpoint(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for step in (15, 30):
        (tmp_path / f"checkpoint-{step}").mkdir()
        (tmp_path / f"checkpoint-{step}" / "adapter_config.json").write_text("{}")
    printed = _dry_run(capsys, "export", str(tmp_path), "--out", "merged")
    assert f"--adapters {tmp_path}/checkpoint-30" in printed and "--merge_lora true" in printed
    assert build_export_command(Path("c"), Path("o"))[:2] == ["swift", "export"]
