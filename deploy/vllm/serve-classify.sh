#!/usr/bin/env bash
# The production vLLM server for the classify mode (INTENT_ROUTER_VLLM_MODE=classify): the same
# fine-tuned generative Qwen3-8B, served by the pooling runner as a sequence classifier. One forward
# pass, then a softmax over the logits of the labels' first tokens: no decoding at all (DESIGN.md §3).
#
#   bash deploy/vllm/serve-classify.sh [extra vllm serve flags...]
#   VLLM_DRY_RUN=1 bash deploy/vllm/serve-classify.sh        # print the command line only
#
# For a native seq_cls checkpoint (ms-swift --task_type seq_cls) set VLLM_NATIVE_SEQ_CLS=1: it is
# served with --runner pooling alone and its labels come from its own id2label.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$here/common.sh"

# The first token of each label in data/intents.yaml, in taxonomy order, written as the tokenizer's
# internal (byte-level BPE) strings, i.e. tokenizer.convert_ids_to_tokens(ids[0]). vLLM refuses
# Chinese text or token ids here at start-up. For the default taxonomy and the Qwen tokenizer:
#   找房 -> 找 (92133)  预约看房 -> 预约 (105880)  咨询问答 -> 咨询 (100703)
#   谈判 -> 谈判 (105877)  视频跳转 -> 视频 (87140)  其他 -> 其他 (92894)
# all distinct, which the classify mode requires. After editing the taxonomy, recompute them and set
# VLLM_CLASSIFIER_FROM_TOKEN (a JSON list). The served directory's config.json must carry id2label
# in the same order: passed through --hf-overrides the labels come back null.
default_tokens='["æī¾", "é¢Ħçº¦", "åĴ¨è¯¢", "è°ĪåĪ¤", "è§Ĩé¢ĳ", "åħ¶ä»ĸ"]'
classifier_from_token="${VLLM_CLASSIFIER_FROM_TOKEN:-$default_tokens}"

args=(
    "${vllm_common_args[@]}"
    # Pooling runner: serves POST /classify (and no /v1/chat/completions).
    --runner pooling
)
if [ "${VLLM_NATIVE_SEQ_CLS:-0}" != "1" ]; then
    args+=(
        # Without --convert classify the pooling runner silently turns the model into an embedding
        # model and /classify answers 404.
        --convert classify
        # Build the classification head from the LM head rows of the labels' first tokens;
        # "no_post_processing" keeps the raw logits so that the softmax runs over exactly those rows
        # (it matched transformers' softmax to 5e-8 in fp32 on the tiny model, DESIGN.md §3).
        --hf-overrides "{\"classifier_from_token\": $classifier_from_token, \"method\": \"no_post_processing\"}"
    )
fi
run_vllm "${args[@]}" "$@"
