#!/usr/bin/env bash
# The production vLLM server for the generative classifier: the fine-tuned Qwen3-8B answering with a
# label through the chat-completions API (INTENT_ROUTER_VLLM_MODE=generate or first_token).
#
#   bash deploy/vllm/serve-generate.sh [extra vllm serve flags...]
#   VLLM_DRY_RUN=1 bash deploy/vllm/serve-generate.sh        # print the command line only
#
# The shared flags, and why each is set, are in common.sh beside this file; compose and the
# Kubernetes Deployment run this script so the command line exists once.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$here/common.sh"

args=(
    "${vllm_common_args[@]}"
    # Qwen3's generation_config.json ships sampling defaults (temperature 0.6, top_p 0.95, top_k 20)
    # that vLLM would apply to every field a request leaves out. "vllm" ignores them: the gateway
    # sends temperature 0 and its own limits, and nothing else should change what the model answers.
    --generation-config vllm
    # Qwen3 thinks before answering unless the chat template gets enable_thinking=false: hundreds of
    # tokens before the label, i.e. seconds instead of milliseconds. The gateway already sends
    # chat_template_kwargs {"enable_thinking": false} on every call; this server-side default covers
    # any other client (evaluation scripts, curl) so that nobody measures the thinking path by mistake.
    --default-chat-template-kwargs '{"enable_thinking": false}'
)
run_vllm "${args[@]}" "$@"
