"""Export labelled rows to ms-swift's JSONL, with the serving prompt.

Generative SFT rows are ``{"messages": [system, user, assistant]}``: the system prompt and user turn come
from :func:`service.prompt.build_messages` (the prompt the gateway sends vLLM), and the assistant turn is the
intent's Chinese label, the exact string the gateway parses. ``seq_cls`` rows are ``{"messages": [system,
user], "label": k}`` with ``k`` the intent's index in the taxonomy, which is also the order of the
classifier head's ``id2label`` that :mod:`training.tiny_model` and vLLM's ``/classify`` use.

The text is masked with :func:`service.sanitize.mask_pii` first: the gateway classifies masked text, so the
model must learn on the same form (and no phone number reaches a training run).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import Any

from service.prompt import build_messages
from service.sanitize import mask_pii
from service.taxonomy import Taxonomy
from training.records import Example

__all__ = ["SwiftTask", "export_swift", "seq_cls_row", "sft_row"]


class SwiftTask(StrEnum):
    SFT = "sft"  # generative: the model answers with the Chinese label
    SEQ_CLS = "seq_cls"  # classification head: ``--task_type seq_cls --num_labels len(taxonomy)``


def sft_row(taxonomy: Taxonomy, text: str, intent_id: str) -> dict[str, Any]:
    """One generative row for masked ``text``: the served messages plus the label as the answer."""
    messages = [
        *build_messages(taxonomy, text),
        {"role": "assistant", "content": taxonomy.get(intent_id).label},
    ]
    return {"messages": messages}


def seq_cls_row(taxonomy: Taxonomy, text: str, intent_id: str) -> dict[str, Any]:
    """One classification row for masked ``text``: the served messages and the intent's index."""
    return {"messages": build_messages(taxonomy, text), "label": taxonomy.ids.index(intent_id)}


def export_swift(examples: Iterable[Example], taxonomy: Taxonomy, out: Path, *, task: SwiftTask) -> int:
    """Write ``out`` (parents created) in ms-swift's format for ``task``; return the number of rows.

    Raises ``KeyError`` for an example whose label is not in the taxonomy.
    """
    build = sft_row if task is SwiftTask.SFT else seq_cls_row
    out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with out.open("w", encoding="utf-8") as f:
        for example in examples:
            row = build(taxonomy, mask_pii(example.text).text, example.label)
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n
