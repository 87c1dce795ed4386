"""Training the embedded classifier: deterministic, and the shipped artefact is its output."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from service.classify.embedded import DEFAULT_EMBEDDED_MODEL_DIR, EmbeddedClassifier
from service.taxonomy import load_taxonomy
from training.demo_data import DEFAULT_DEMO_DIR
from training.embedded import TrainConfig, train_embedded


@pytest.fixture(scope="module")
def retrained(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("embedded")
    train_embedded(TrainConfig(), data_dir=DEFAULT_DEMO_DIR, out_dir=out, echo=lambda line: None)
    return out


def test_retraining_on_the_shipped_data_reproduces_the_shipped_artefact(retrained: Path) -> None:
    for name in ("vocab.json", "weights.npz"):
        assert (retrained / name).read_bytes() == (DEFAULT_EMBEDDED_MODEL_DIR / name).read_bytes(), name


def test_retrained_model_predicts_what_the_shipped_one_does(retrained: Path) -> None:
    taxonomy = load_taxonomy()
    shipped = EmbeddedClassifier.load(DEFAULT_EMBEDDED_MODEL_DIR, taxonomy)
    fresh = EmbeddedClassifier.load(retrained, taxonomy)
    texts = [
        json.loads(line)["text"] for line in (DEFAULT_DEMO_DIR / "test.jsonl").read_text("utf-8").splitlines()
    ]
    for text in texts:
        np.testing.assert_allclose(fresh.predict_proba(text), shipped.predict_proba(text), atol=1e-9)


def test_meta_records_config_label_order_data_hashes_and_metrics(retrained: Path) -> None:
    meta = json.loads((retrained / "meta.json").read_text(encoding="utf-8"))
    assert meta["labels"] == list(load_taxonomy().ids)
    assert meta["training"]["c"] == TrainConfig().c
    assert set(meta["data"]) >= {"train", "val", "test"}
    assert all(len(entry["sha256"]) == 64 for entry in meta["data"].values())
    assert meta["metrics"]["test"]["accuracy"] > 0.9
    assert meta["metrics"]["handwritten_eval"]["accuracy"] >= 0.92


def test_training_data_lacking_an_intent_is_rejected(tmp_path: Path) -> None:
    for split in ("train", "val", "test"):
        rows = (DEFAULT_DEMO_DIR / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()
        kept = [row for row in rows if json.loads(row)["label"] != "video_tour"]
        (tmp_path / f"{split}.jsonl").write_text("\n".join(kept) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"no training rows for intents \['video_tour'\]"):
        train_embedded(TrainConfig(), data_dir=tmp_path, out_dir=tmp_path / "out", echo=lambda line: None)


def test_unknown_label_is_rejected_naming_file_and_line(tmp_path: Path) -> None:
    for split in ("train", "val", "test"):
        (tmp_path / f"{split}.jsonl").write_text(
            '{"text": "你好", "label": "small_talk"}\n', encoding="utf-8"
        )
    with pytest.raises(ValueError, match=r"train\.jsonl:1: unknown intent label 'small_talk'"):
        train_embedded(TrainConfig(), data_dir=tmp_path, out_dir=tmp_path / "out", echo=lambda line: None)
