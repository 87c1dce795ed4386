"""The guard's small linear model: n-gram and signal weights, a bias, and a Platt calibration.

Stored as ``model.json`` (feature names, signal names, bias, calibration, the training config and its
held-out metrics) plus ``weights.npz`` (two float32 arrays), loaded with ``allow_pickle=False``: no code
runs at load time, and serving needs NumPy only. ``training/guard/train.py`` writes both.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from service.errors import IntentRouterError

__all__ = ["MODEL_FILE", "WEIGHTS_FILE", "GuardModel", "GuardModelError"]

MODEL_FILE = "model.json"
WEIGHTS_FILE = "weights.npz"
_FORMAT = 1


class GuardModelError(IntentRouterError, ValueError):
    """The model artefact is missing or malformed; the message names the file and the field."""


@dataclass(frozen=True, slots=True)
class GuardModel:
    """Scores features as ``sigmoid(a * z + b)``, with ``z = bias + Σw_ngram / √n + Σw_signal``.

    ``n`` counts every extracted n-gram (known or not), so a long text cannot pile up weight.
    """

    ngram_weights: dict[str, float]
    signal_weights: dict[str, float]
    bias: float
    calibration_a: float
    calibration_b: float
    metadata: dict[str, Any] = field(default_factory=dict)

    def decision_value(self, ngrams: Collection[str], signals: Iterable[str]) -> float:
        """The uncalibrated margin ``z`` (positive leans injection)."""
        total = sum(map(self.ngram_weights.get, ngrams, itertools.repeat(0.0)))
        z = self.bias + (total / math.sqrt(len(ngrams)) if ngrams else 0.0)
        return z + sum(self.signal_weights.get(s, 0.0) for s in signals)

    def probability(self, ngrams: Collection[str], signals: Iterable[str]) -> float:
        """Calibrated probability in [0, 1] that the text is an injection."""
        t = self.calibration_a * self.decision_value(ngrams, signals) + self.calibration_b
        if t >= 0:
            return 1.0 / (1.0 + math.exp(-t))
        e = math.exp(t)
        return e / (1.0 + e)

    @classmethod
    def load(cls, directory: Path) -> GuardModel:
        """Read ``model.json`` and ``weights.npz`` from ``directory``; raises :class:`GuardModelError`."""
        meta_path, weights_path = directory / MODEL_FILE, directory / WEIGHTS_FILE
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            with np.load(weights_path, allow_pickle=False) as arrays:
                ngram_array = arrays["ngram_weights"]
                signal_array = arrays["signal_weights"]
        except (OSError, ValueError, KeyError) as exc:
            raise GuardModelError(f"cannot read guard model from {directory}: {exc}") from exc
        if meta.get("format") != _FORMAT:
            raise GuardModelError(f"{meta_path}: format {meta.get('format')!r}, expected {_FORMAT}")
        features, signals = meta["features"], meta["signals"]
        if len(features) != len(ngram_array) or len(signals) != len(signal_array):
            raise GuardModelError(f"{meta_path}: feature names and {weights_path} arrays differ in length")
        return cls(
            ngram_weights=dict(zip(features, ngram_array.tolist(), strict=True)),
            signal_weights=dict(zip(signals, signal_array.tolist(), strict=True)),
            bias=float(meta["bias"]),
            calibration_a=float(meta["calibration"]["a"]),
            calibration_b=float(meta["calibration"]["b"]),
            metadata={k: v for k, v in meta.items() if k not in ("features", "signals")},
        )

    def save(self, directory: Path) -> None:
        """Write the artefact (used by training; the arrays keep the order of the JSON name lists)."""
        directory.mkdir(parents=True, exist_ok=True)
        features = sorted(self.ngram_weights)
        signals = sorted(self.signal_weights)
        meta = {
            **self.metadata,
            "format": _FORMAT,
            "bias": self.bias,
            "calibration": {"a": self.calibration_a, "b": self.calibration_b},
            "signals": signals,
            "features": features,
        }
        (directory / MODEL_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
        np.savez_compressed(
            directory / WEIGHTS_FILE,
            ngram_weights=np.array([self.ngram_weights[f] for f in features], dtype=np.float32),
            signal_weights=np.array([self.signal_weights[s] for s in signals], dtype=np.float32),
        )
