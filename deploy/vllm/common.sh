# shellcheck shell=bash
# Shared by serve-generate.sh and serve-classify.sh: the flags both variants need, and the launcher.
# Sourced, not run. Every value can be overridden through the environment, so compose and Kubernetes
# set a variable instead of repeating the command line (deploy/compose.yaml, deploy/k8s/base/vllm-*.yaml).
#
#   VLLM_MODEL_PATH               served directory (weights, tokenizer, config.json)   /models/intent-qwen3-8b
#   VLLM_SERVED_MODEL_NAME        the name the gateway asks for (INTENT_ROUTER_VLLM_MODEL) intent-qwen3-8b
#   VLLM_HOST / VLLM_PORT         bind address                                         0.0.0.0 / 8000
#   VLLM_MAX_MODEL_LEN            tokens per sequence                                  2048
#   VLLM_GPU_MEMORY_UTILIZATION   share of the card vLLM may take                      0.90
#   VLLM_MAX_NUM_SEQS             sequences batched per step                           128
#   VLLM_MAX_NUM_BATCHED_TOKENS   tokens per scheduler step (chunked prefill)          8192
#   VLLM_DRY_RUN=1                print the command line instead of running it (tests, reviews)

# shellcheck disable=SC2034  # used by the scripts that source this file
vllm_common_args=(
    "${VLLM_MODEL_PATH:-/models/intent-qwen3-8b}"
    # The gateway addresses the model by this name (INTENT_ROUTER_VLLM_MODEL); the path stays private.
    --served-model-name "${VLLM_SERVED_MODEL_NAME:-intent-qwen3-8b}"
    --host "${VLLM_HOST:-0.0.0.0}"
    --port "${VLLM_PORT:-8000}"
    # bf16 is what ms-swift trained in (DESIGN.md §6); fp16 risks overflow in Qwen3's activations.
    --dtype bfloat16
    # A request is the ~500-token system prompt + one utterance (<= 2000 chars) + at most 10 history
    # turns, far below Qwen3's 32k/40k. A short limit turns the KV memory into many more concurrent
    # sequences and shrinks the warm-up/profiling run; anything longer is a client bug and gets a 400.
    --max-model-len "${VLLM_MAX_MODEL_LEN:-2048}"
    # vLLM is alone on its GPU: weights (~16.4 GB bf16 for 8B) + activations + CUDA graphs, the rest is
    # KV cache. 0.90 leaves ~10 % for the CUDA context and fragmentation. On an 80 GB card that is
    # ~55 GB of KV at 144 KiB per token (36 layers x 8 KV heads x 128 x K,V x bf16): ~190 full 2k-token
    # sequences, and far more real ones since they share the cached prefix. Raising it buys little
    # and risks OOM while CUDA graphs are captured.
    --gpu-memory-utilization "${VLLM_GPU_MEMORY_UTILIZATION:-0.90}"
    # Upper bound on one batch. Every request is short (1-5 output tokens), so the queue drains fast;
    # 128 keeps the per-step time, and with it p99, bounded under bursts, and CUDA graphs are captured
    # for batch sizes up to this value. Raise it only with a measured throughput gain (docs/benchmarks.md).
    --max-num-seqs "${VLLM_MAX_NUM_SEQS:-128}"
    # Chunked prefill budget per step: a long prompt cannot stall the decode steps of running requests.
    --max-num-batched-tokens "${VLLM_MAX_NUM_BATCHED_TOKENS:-8192}"
    # The system prompt (taxonomy + instructions) is byte-identical on every call and comes first
    # (service/prompt.py), so its KV blocks are computed once and reused: each request prefills only
    # its ~20-30 user tokens. On by default for generation in recent vLLM; stated so that nobody turns
    # it off by accident, and needed explicitly for the pooling runner (where it defaults to off).
    --enable-prefix-caching
    # CUDA graphs stay ON: no --enforce-eager. Eager mode re-launches every kernel on each decode step;
    # at batch 1-8 that launch overhead dominates an 8B model's step time (several ms per token).

    # At 100 requests/s the access log is pure CPU cost on the API process; our gateway logs decisions.
    --disable-uvicorn-access-log
)

# Run (exec) `vllm serve` with the given flags plus any extra ones the caller appends,
# or print the command line when VLLM_DRY_RUN=1.
run_vllm() {
    if [ "${VLLM_DRY_RUN:-0}" = "1" ]; then
        printf '%q ' vllm serve "$@"
        printf '\n'
        return 0
    fi
    exec vllm serve "$@"
}
