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
import math
from collections.abc import Set as AbstractSet
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix  # type: ignore[import-untyped]
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold

from service.guard.features import featurize
from service.guard.model import GuardModel
from service.guard.rules import SIGNALS
from training.guard.generate import DATA_DIR, GenerateConfig, write_samples

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


@dataclass(frozen=True, slots=True)
class _Featurized:
    ngrams: list[AbstractSet[str]]
    signals: list[frozenset[str]]
    labels: np.ndarray


def _featurize(texts: list[str], labels: list[int]) -> _Featurized:
    ngrams, signals = [], []
    for text in texts:
        features = featurize(text)
        ngrams.append(features.ngrams)
        signals.append(features.signals)
    return _Featurized(ngrams, signals, np.array(labels, dtype=np.int8))


def _matrix(data: _Featurized, vocab: dict[str, int], ngram_scale: float) -> csr_matrix:
    """Columns: vocabulary n-grams (scale/√n each), then one per signal (1 each)."""
    rows, cols, vals = [], [], []
    n_vocab = len(vocab)
    signal_index = {s: n_vocab + i for i, s in enumerate(SIGNALS)}
    for r, (grams, sigs) in enumerate(zip(data.ngrams, data.signals, strict=True)):
        weight = ngram_scale / math.sqrt(len(grams)) if grams else 0.0
        for g in grams:
            if g in vocab:
                rows.append(r)
                cols.append(vocab[g])
                vals.append(weight)
        for s in sigs:
            rows.append(r)
            cols.append(signal_index[s])
            vals.append(1.0)
    return csr_matrix((vals, (rows, cols)), shape=(len(data.ngrams), n_vocab + len(SIGNALS)))


def _fit(x: csr_matrix, y: np.ndarray, config: TrainConfig) -> LogisticRegression:
    model = LogisticRegression(
        C=config.c, class_weight="balanced", solver="liblinear", max_iter=1000, random_state=config.seed
    )
    return model.fit(x, y)


def _platt(margins: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Fit p = sigmoid(a·z + b) on out-of-fold margins (Platt 1999), lightly regularised."""
    lr = LogisticRegression(C=1.0).fit(margins.reshape(-1, 1), y)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


def train_guard(config: TrainConfig, directory: Path = DATA_DIR) -> dict[str, Any]:
    """Train and save the guard model into ``directory``; returns the metrics written into model.json."""
    # 1. Data.
    if config.generate:
        write_samples(config.generate_config, directory)
    records = [
        json.loads(line) for line in (directory / "train.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    data = _featurize([r["text"] for r in records], [int(r["label"] == "injection") for r in records])

    # 2. Vocabulary: n-grams in at least min_df samples.
    df: dict[str, int] = {}
    for grams in data.ngrams:
        for g in grams:
            df[g] = df.get(g, 0) + 1
    vocab = {g: i for i, g in enumerate(sorted(g for g, n in df.items() if n >= config.min_df))}
    x = _matrix(data, vocab, config.ngram_scale)

    # 3. Out-of-fold margins: calibration and honest metrics on samples the model did not see.
    oof = np.zeros(len(records))
    folds = StratifiedKFold(n_splits=config.folds, shuffle=True, random_state=config.seed)
    for train_idx, test_idx in folds.split(x, data.labels):
        oof[test_idx] = _fit(x[train_idx], data.labels[train_idx], config).decision_function(x[test_idx])
    a, b = _platt(oof, data.labels)
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
    final = _fit(x, data.labels, config)
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
