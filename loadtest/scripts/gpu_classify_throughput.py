"""How many classification requests per second one GPU gives a Qwen3-8B-shaped model.

    python3 loadtest/scripts/gpu_classify_throughput.py [--prompt-tokens 430] [--suffix-tokens 30]

The default ``throughput_rps_per_gpu`` of ``intent-router cost`` comes from this (docs/benchmarks.md).
Weights are random: throughput does not depend on their values, only on the shapes (Qwen3-8B's
config below), the dtype (bf16) and the token counts. A classification in the ``first_token`` or
``classify`` mode is one forward pass over the prompt and no decoding, so that is what is timed:

- ``full``: the whole prompt (system prompt + utterance) every time, as with no prefix cache;
- ``cached``: the system prompt's KV computed once and copied into each batch, only the utterance's
  tokens computed (what vLLM's automatic prefix caching does; the copy is counted, so it is conservative).

A batch is timed only if it fits a latency budget (``--max-batch-ms``, default 100 ms): a voice request
cannot wait a second for its batch, so throughput at huge batches would flatter the GPU.
Needs torch and transformers on a CUDA machine; prints one JSON line per measurement and a summary.
"""

from __future__ import annotations

import argparse
import functools
import json
import time
from typing import Any

# Installed on the GPU machine only, not in the project's environment.
import torch  # type: ignore[import-not-found,unused-ignore]
from transformers import (  # type: ignore[import-not-found,unused-ignore]
    DynamicCache,
    Qwen3Config,
    Qwen3ForCausalLM,
)

# Qwen3-8B's published config.json (the shapes are what matter).
QWEN3_8B = {
    "hidden_size": 4096,
    "intermediate_size": 12288,
    "num_hidden_layers": 36,
    "num_attention_heads": 32,
    "num_key_value_heads": 8,
    "head_dim": 128,
    "vocab_size": 151936,
    "max_position_embeddings": 40960,
    "rope_theta": 1000000.0,
    "rms_norm_eps": 1e-6,
    "tie_word_embeddings": False,
}


def _time_ms(fn: Any, *, warmup: int = 2, iters: int = 5) -> float:
    for _ in range(warmup):
        fn()
    torch.cuda.synchronize()
    start = time.perf_counter()
    for _ in range(iters):
        fn()
    torch.cuda.synchronize()
    return (time.perf_counter() - start) / iters * 1e3


def _prefix_kv(model: Any, prefix: Any) -> list[tuple[Any, Any]]:
    cache = model.model(input_ids=prefix, use_cache=True).past_key_values
    layers = getattr(cache, "layers", None)
    if layers is not None:  # transformers 5
        return [(layer.keys, layer.values) for layer in layers]
    return list(zip(cache.key_cache, cache.value_cache, strict=True))  # transformers 4


def _full_step(model: Any, ids: Any) -> None:
    hidden = model.model(input_ids=ids, use_cache=False).last_hidden_state
    model.lm_head(hidden[:, -1, :])


def _cached_step(model: Any, ids: Any, prefix_kv: list[tuple[Any, Any]]) -> None:
    # A fresh cache per batch holding the shared prefix, as the forward pass appends to it.
    batch = ids.shape[0]
    cache = DynamicCache()
    for index, (keys, values) in enumerate(prefix_kv):
        cache.update(
            keys.expand(batch, -1, -1, -1).contiguous(), values.expand(batch, -1, -1, -1).contiguous(), index
        )
    out = model.model(input_ids=ids, past_key_values=cache, use_cache=True)
    model.lm_head(out.last_hidden_state[:, -1, :])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--prompt-tokens", type=int, default=430, help="system prompt + utterance")
    parser.add_argument("--suffix-tokens", type=int, default=30, help="the utterance and chat-template tail")
    parser.add_argument("--batches", default="1,4,8,16,32,64,128,256")
    parser.add_argument("--max-batch-ms", type=float, default=100.0)
    args = parser.parse_args()
    torch.manual_seed(0)
    config = Qwen3Config(**QWEN3_8B)
    config._attn_implementation = "sdpa"
    with torch.device("cuda"):
        model = Qwen3ForCausalLM(config).to(torch.bfloat16).eval()
    params = sum(p.numel() for p in model.parameters())
    device = torch.cuda.get_device_name(0)
    print(json.dumps({"device": device, "params": params, "torch": torch.__version__}), flush=True)
    vocab = config.vocab_size
    prefix_len = args.prompt_tokens - args.suffix_tokens
    prefix_ids = torch.randint(0, vocab, (1, prefix_len), device="cuda")
    with torch.inference_mode():
        prefix_kv = _prefix_kv(model, prefix_ids)
        results = []
        for mode in ("full", "cached"):
            for batch in (int(b) for b in args.batches.split(",")):
                if mode == "full":
                    ids = torch.randint(0, vocab, (batch, args.prompt_tokens), device="cuda")
                    step = functools.partial(_full_step, model, ids)
                else:
                    ids = torch.randint(0, vocab, (batch, args.suffix_tokens), device="cuda")
                    step = functools.partial(_cached_step, model, ids, prefix_kv)
                try:
                    batch_ms = _time_ms(step)
                except torch.OutOfMemoryError:
                    torch.cuda.empty_cache()
                    break
                row = {
                    "mode": mode,
                    "batch": batch,
                    "batch_ms": round(batch_ms, 2),
                    "rps": round(batch / batch_ms * 1e3, 1),
                }
                results.append(row)
                print(json.dumps(row), flush=True)
                if batch_ms > args.max_batch_ms:
                    break
    for mode in ("full", "cached"):
        fitting = [r for r in results if r["mode"] == mode and r["batch_ms"] <= args.max_batch_ms]
        best = max(fitting, key=lambda r: r["rps"]) if fitting else None
        print(
            json.dumps({"summary": mode, "max_batch_ms": args.max_batch_ms, "best": best, "device": device})
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
