"""The guard's linear fit, shared by the trainer and the family-held-out evaluation.

Featurise every sample once (:func:`featurize_samples`), build one matrix over a vocabulary
(:func:`build_vocabulary`, :func:`build_matrix`), then fit on any subset of rows (:func:`restrict_columns`
drops the n-grams that subset sees too rarely, so a held-out family never shapes the vocabulary).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix  # type: ignore[import-untyped]
from sklearn.linear_model import LogisticRegression

from service.guard.features import featurize
from service.guard.rules import SIGNALS

__all__ = [
    "FeaturizedSamples",
    "build_matrix",
    "build_vocabulary",
    "featurize_samples",
    "fit_linear",
    "fit_platt",
    "restrict_columns",
]


@dataclass(frozen=True, slots=True)
class FeaturizedSamples:
    """Serving's features of every sample, in sample order, and the labels (1 = injection)."""

    ngrams: list[AbstractSet[str]]
    signals: list[frozenset[str]]
    labels: np.ndarray


def featurize_samples(texts: Sequence[str], labels: Sequence[int]) -> FeaturizedSamples:
    """Run :func:`service.guard.features.featurize` on every text (the model is fitted on what it scores)."""
    ngrams, signals = [], []
    for text in texts:
        features = featurize(text)
        ngrams.append(features.ngrams)
        signals.append(features.signals)
    return FeaturizedSamples(ngrams, signals, np.array(labels, dtype=np.int8))


def build_vocabulary(ngrams: Iterable[AbstractSet[str]], *, min_df: int) -> dict[str, int]:
    """N-grams found in at least ``min_df`` samples, sorted, mapped to their column."""
    df: dict[str, int] = {}
    for grams in ngrams:
        for g in grams:
            df[g] = df.get(g, 0) + 1
    return {g: i for i, g in enumerate(sorted(g for g, n in df.items() if n >= min_df))}


def build_matrix(data: FeaturizedSamples, vocab: dict[str, int], *, ngram_scale: float) -> csr_matrix:
    """Columns: vocabulary n-grams (scale/√n each, n counting every n-gram), then one per signal (1 each)."""
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


def restrict_columns(x: csr_matrix, rows: np.ndarray, *, n_vocab: int, min_df: int) -> np.ndarray:
    """Columns to keep when fitting on ``rows`` only: n-grams in ≥ ``min_df`` of those rows, and every signal.

    Equal to building the vocabulary from those rows alone (a full vocabulary is a superset of it).
    """
    df = np.diff(x[rows].tocsc().indptr)
    keep = df >= min_df
    keep[n_vocab:] = True
    return np.flatnonzero(keep)


def fit_linear(x: csr_matrix, y: np.ndarray, *, c: float, seed: int) -> LogisticRegression:
    """L2 logistic regression with balanced classes (liblinear: deterministic for a seed)."""
    model = LogisticRegression(
        C=c, class_weight="balanced", solver="liblinear", max_iter=1000, random_state=seed
    )
    return model.fit(x, y)


def fit_platt(margins: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Fit p = sigmoid(a·z + b) on held-out margins (Platt 1999), lightly regularised; returns (a, b)."""
    lr = LogisticRegression(C=1.0).fit(margins.reshape(-1, 1), y)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])
