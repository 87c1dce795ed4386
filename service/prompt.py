"""The LLM prompt, built from the taxonomy: the one prompt for serving and for training.

The system prompt comes first and is byte-identical on every call for a given taxonomy, so vLLM's
automatic prefix caching reuses its KV blocks (blocks are 128 tokens on CPU, 16 on GPU: the prompt is
deliberately longer than one block). Only the user turn changes between requests.
"""

from __future__ import annotations

from service.taxonomy import Taxonomy

__all__ = ["build_messages", "build_system_prompt"]

_HEADER = (
    "你是租房语音助手的意图识别模块。用户的话来自语音识别，可能口语化、没有标点、数字写成汉字。"
    "请判断用户这一句话的意图，只输出下列标签之一，不要输出任何其他内容。"
)


def build_system_prompt(taxonomy: Taxonomy) -> str:
    """Return the system prompt listing every intent's label, description and examples."""
    lines = [_HEADER, "", "可选标签："]
    for intent in taxonomy:
        examples = "；".join(intent.examples)
        lines.append(f"- {intent.label}：{intent.description}。例如：{examples}")
    lines += ["", f"只输出一个标签：{'、'.join(taxonomy.labels)}。"]
    return "\n".join(lines)


def build_messages(taxonomy: Taxonomy, text: str) -> list[dict[str, str]]:
    """Return the chat messages for one (already masked) user turn."""
    return [
        {"role": "system", "content": build_system_prompt(taxonomy)},
        {"role": "user", "content": text},
    ]
