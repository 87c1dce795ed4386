"""ms-swift rows carry the serving prompt, masked text, and the Chinese label or the label index."""

from __future__ import annotations

import json
from pathlib import Path

from service.prompt import build_messages
from service.sanitize import mask_pii
from service.taxonomy import load_taxonomy
from training.records import Example
from training.swift_data import SwiftTask, export_swift

TAXONOMY = load_taxonomy()
PHONE_TURN = "我电话13812345678，能养猫的整租有吗"


def test_sft_rows_are_the_served_messages_plus_the_label(tmp_path: Path) -> None:
    out = tmp_path / "train.jsonl"
    assert export_swift([Example(PHONE_TURN, "find_listing")], TAXONOMY, out, task=SwiftTask.SFT) == 1
    row = json.loads(out.read_text(encoding="utf-8"))
    masked = mask_pii(PHONE_TURN).text
    assert "13812345678" not in masked
    assert row == {"messages": [*build_messages(TAXONOMY, masked), {"role": "assistant", "content": "找房"}]}


def test_seq_cls_rows_carry_the_taxonomy_index(tmp_path: Path) -> None:
    out = tmp_path / "train.jsonl"
    export_swift([Example("放一下视频", "video_tour")], TAXONOMY, out, task=SwiftTask.SEQ_CLS)
    row = json.loads(out.read_text(encoding="utf-8"))
    assert row["label"] == TAXONOMY.ids.index("video_tour")
    assert row["messages"] == build_messages(TAXONOMY, "放一下视频")
