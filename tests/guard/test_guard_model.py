"""The model artefact: JSON + .npz, no pickle, round-trips exactly."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from service.guard import GuardModel, GuardModelError
from service.guard.model import MODEL_FILE, WEIGHTS_FILE


def _model() -> GuardModel:
    return GuardModel(
        ngram_weights={"忽略": 1.5, "w:ignore": 2.0, "看房": -1.0},
        signal_weights={"override_rules": 3.0},
        bias=-1.0,
        calibration_a=2.0,
        calibration_b=0.5,
        metadata={"metrics": {"oof_auc": 0.9}},
    )


def test_saved_model_loads_back_with_the_same_scores(tmp_path: Path) -> None:
    model = _model()
    model.save(tmp_path)
    loaded = GuardModel.load(tmp_path)
    grams = {"忽略", "看房", "unknown"}
    assert loaded.probability(grams, {"override_rules"}) == pytest.approx(
        model.probability(grams, {"override_rules"})
    )
    assert loaded.metadata["metrics"] == {"oof_auc": 0.9}


def test_weights_file_holds_no_pickled_objects(tmp_path: Path) -> None:
    _model().save(tmp_path)
    with np.load(tmp_path / WEIGHTS_FILE, allow_pickle=False) as arrays:
        assert {name: arrays[name].dtype for name in arrays.files} == {
            "ngram_weights": np.float32,
            "signal_weights": np.float32,
        }


def test_probability_is_calibrated_sigmoid_of_the_margin() -> None:
    model = _model()
    z = -1.0 + (1.5 + 2.0) / np.sqrt(2) + 3.0
    expected = 1.0 / (1.0 + np.exp(-(2.0 * z + 0.5)))
    assert model.probability({"忽略", "w:ignore"}, {"override_rules"}) == pytest.approx(expected)


def test_unknown_format_version_is_rejected(tmp_path: Path) -> None:
    _model().save(tmp_path)
    meta = json.loads((tmp_path / MODEL_FILE).read_text(encoding="utf-8"))
    meta["format"] = 99
    (tmp_path / MODEL_FILE).write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(GuardModelError, match="format 99"):
        GuardModel.load(tmp_path)
