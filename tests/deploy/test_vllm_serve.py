"""The production `vllm serve` command lines in deploy/vllm/, checked by printing them (VLLM_DRY_RUN=1)
rather than by reading the scripts, so what is asserted is what would run."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from service.taxonomy import load_taxonomy

REPO_ROOT = Path(__file__).resolve().parents[2]
VLLM_DIR = REPO_ROOT / "deploy" / "vllm"
SHELL_SCRIPTS = sorted((REPO_ROOT / "deploy").rglob("*.sh"))


def command_line(script: str, **env: str) -> list[str]:
    """The argv that `script` would exec, with the given environment overrides."""
    result = subprocess.run(
        ["bash", str(VLLM_DIR / script)],
        env={**os.environ, "VLLM_DRY_RUN": "1", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return shlex.split(result.stdout)


def flag(argv: list[str], name: str) -> str:
    return argv[argv.index(name) + 1]


@pytest.mark.parametrize("script", ["serve-generate.sh", "serve-classify.sh"])
def test_latency_flags_are_set_and_cuda_graphs_stay_on(script: str) -> None:
    argv = command_line(script)
    assert argv[:2] == ["vllm", "serve"]
    assert "--enable-prefix-caching" in argv
    assert int(flag(argv, "--max-model-len")) <= 4096
    assert 0.5 <= float(flag(argv, "--gpu-memory-utilization")) <= 0.95
    assert int(flag(argv, "--max-num-seqs")) > 0
    assert "--enforce-eager" not in argv


def test_generate_server_turns_thinking_off_and_ignores_the_model_sampling_defaults() -> None:
    argv = command_line("serve-generate.sh")
    assert json.loads(flag(argv, "--default-chat-template-kwargs")) == {"enable_thinking": False}
    assert flag(argv, "--generation-config") == "vllm"


def test_classify_server_converts_the_generative_model_with_one_token_per_label() -> None:
    argv = command_line("serve-classify.sh")
    assert flag(argv, "--runner") == "pooling"
    assert flag(argv, "--convert") == "classify"
    overrides = json.loads(flag(argv, "--hf-overrides"))
    assert overrides["method"] == "no_post_processing"
    tokens = overrides["classifier_from_token"]
    assert len(tokens) == len(set(tokens)) == len(load_taxonomy().labels)


def test_classify_server_serves_a_native_seq_cls_checkpoint_without_conversion() -> None:
    argv = command_line("serve-classify.sh", VLLM_NATIVE_SEQ_CLS="1")
    assert flag(argv, "--runner") == "pooling"
    assert "--convert" not in argv and "--hf-overrides" not in argv


def test_environment_overrides_reach_the_command_line() -> None:
    argv = command_line(
        "serve-generate.sh", VLLM_MAX_NUM_SEQS="64", VLLM_SERVED_MODEL_NAME="m", VLLM_PORT="9000"
    )
    assert (flag(argv, "--max-num-seqs"), flag(argv, "--served-model-name"), flag(argv, "--port")) == (
        "64",
        "m",
        "9000",
    )


def test_extra_arguments_are_appended() -> None:
    result = subprocess.run(
        ["bash", str(VLLM_DIR / "serve-generate.sh"), "--seed", "7"],
        env={**os.environ, "VLLM_DRY_RUN": "1"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert shlex.split(result.stdout)[-2:] == ["--seed", "7"]


@pytest.mark.parametrize("script", SHELL_SCRIPTS, ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_shell_script_passes_shellcheck(
    script: Path, shellcheck: Path, run: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    result = run(shellcheck, "--external-sources", script)
    assert result.returncode == 0, result.stdout + result.stderr
