"""Train the guard model: regenerate the data, fit a linear model, calibrate it, save the artefact.

    intent-router guard train                     # or: .venv/bin/python -m training.guard.train
    intent-router guard train --no-generate       # keep data/guard/train.jsonl as it is

Reads ``data/guard/train.jsonl`` (written by ``training/guard/generate.py``) and writes
``data/guard/model.json`` + ``data/guard/weights.npz`` (see :mod:`service.guard.model`), with this config
and the cross-validated metrics inside ``model.json``. Needs scikit-learn (the ``train`` extra); serving
does not.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold

from service.guard.model import GuardModel
from service.guard.rules import SIGNALS
from training.guard.generate import DATA_DIR, GenerateConfig, write_samples
from training.guard.linear import build_matrix, build_vocabulary, featurize_samples, fit_linear, fit_platt

__all__ = ["TrainConfig", "train_guard"]


@dataclass(frozen=True, slots=True)
class TrainConfig:
    min_df: int = 2  # an n-gram seen in one generated sample only is template noise
    c: float = 0.5  # inverse L2 strength; smaller keeps weights spread over many n-grams (generalises better)
    # n-gram columns are scaled by this before fitting: a stronger penalty on n-grams than on the signals,
    # because generated text has surface quirks the hand-written signals do not (weights saved rescaled).
    ngram_scale: float = 1.0
    folds: int = 5  # out-of-fold margins feed the Platt calibration and the reported metrics
    seed: int = 20261128
    generate: bool = True  # regenerate train.jsonl from generate_config first
    generate_config: GenerateConfig = field(default_factory=GenerateConfig)


def train_guard(config: TrainConfig, directory: Path = DATA_DIR) -> dict[str, Any]:
    """Train and save the guard model into ``directory``; returns the metrics written into model.json."""
    # 1. Data.
    if config.generate:
        write_samples(config.generate_config, directory)
    records = [
        json.loads(line) for line in (directory / "train.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    data = featurize_samples([r["text"] for r in records], [int(r["label"] == "injection") for r in records])

    # 2. Vocabulary: n-grams in at least min_df samples.
    vocab = build_vocabulary(data.ngrams, min_df=config.min_df)
    x = build_matrix(data, vocab, ngram_scale=config.ngram_scale)

    # 3. Out-of-fold margins: calibration and honest metrics on samples the model did not see.
    oof = np.zeros(len(records))
    folds = StratifiedKFold(n_splits=config.folds, shuffle=True, random_state=config.seed)
    for train_idx, test_idx in folds.split(x, data.labels):
        oof[test_idx] = fit_linear(
            x[train_idx], data.labels[train_idx], c=config.c, seed=config.seed
        ).decision_function(x[test_idx])
    a, b = fit_platt(oof, data.labels)
    prob = 1.0 / (1.0 + np.exp(-(a * oof + b)))
    positives, negatives = data.labels == 1, data.labels == 0
    metrics = {
        "samples": len(records),
        "injections": int(positives.sum()),
        "vocabulary": len(vocab),
        "oof_auc": float(roc_auc_score(data.labels, oof)),
        "oof_tpr_at_0.5": float((prob[positives] >= 0.5).mean()),
        "oof_fpr_at_0.5": float((prob[negatives] >= 0.5).mean()),
    }

    # 4. Final fit on everything, then save with the config and metrics.
    final = fit_linear(x, data.labels, c=config.c, seed=config.seed)
    weights = final.coef_[0]
    inverse = {i: g for g, i in vocab.items()}
    # Serving computes Σw/√n without the scale, so fold it into the weights.
    ngram_weights = {
        inverse[i]: float(weights[i]) * config.ngram_scale
        for i in range(len(vocab))
        if abs(weights[i]) > 1e-6
    }
    signal_weights = {s: float(weights[len(vocab) + i]) for i, s in enumerate(SIGNALS)}
    GuardModel(
        ngram_weights=ngram_weights,
        signal_weights=signal_weights,
        bias=float(final.intercept_[0]),
        calibration_a=a,
        calibration_b=b,
        metadata={
            "train_config": asdict(config),
            "generate_config": asdict(GenerateConfig()),
            "metrics": metrics,
        },
    ).save(directory)
    return metrics


if __name__ == "__main__":
    print(json.dumps(train_guard(TrainConfig()), indent=1))
