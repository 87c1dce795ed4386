"""The embedded classifier: character n-gram TF-IDF and a multinomial linear model, scored with NumPy.

It is the default back-end on a machine without a GPU and the degraded-mode classifier when vLLM is slow
or down, so it loads from plain files (no pickle, no scikit-learn) and answers in tens of microseconds.
The artefact is written by ``training/embedded.py`` into one directory:

- ``meta.json``: format version, label order, :class:`FeatureConfig`, TF weighting, training config,
  data hashes and evaluation metrics;
- ``vocab.json``: the n-gram vocabulary as a list, position = feature index;
- ``weights.npz``: ``idf`` (V,), ``coef`` (V, K) and ``intercept`` (K,), loaded with ``allow_pickle=False``.
"""

from __future__ import annotations

import json
import math
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from service.classify.base import Prediction
from service.classify.features import FeatureConfig, extract_ngrams
from service.errors import IntentRouterError
from service.taxonomy import Taxonomy

__all__ = ["ARTEFACT_FORMAT", "DEFAULT_EMBEDDED_MODEL_DIR", "EmbeddedClassifier", "EmbeddedModelError"]

DEFAULT_EMBEDDED_MODEL_DIR = Path(__file__).resolve().parent.parent.parent / "data" / "models" / "embedded"
ARTEFACT_FORMAT = 1  # bump when the files' layout or the scoring formula changes

_META, _VOCAB, _WEIGHTS = "meta.json", "vocab.json", "weights.npz"
_RETRAIN = "run `intent-router train embedded`"

_FloatArray = npt.NDArray[np.float64]


class EmbeddedModelError(IntentRouterError, ValueError):
    """The artefact is missing, corrupt or does not fit the taxonomy; the message names the file."""


class EmbeddedClassifier:
    """Score text against a loaded artefact. Build it with :meth:`load`."""

    name = "embedded"

    def __init__(
        self,
        *,
        labels: tuple[str, ...],
        features: FeatureConfig,
        sublinear_tf: bool,
        vocabulary: dict[str, int],
        idf: _FloatArray,
        coef: _FloatArray,
        intercept: _FloatArray,
    ) -> None:
        n_features, n_labels = coef.shape
        if len(labels) != n_labels or intercept.shape != (n_labels,):
            raise ValueError(f"{len(labels)} labels but coef is {coef.shape}, intercept {intercept.shape}")
        if idf.shape != (n_features,) or len(vocabulary) != n_features:
            raise ValueError(f"{len(vocabulary)} n-grams, idf {idf.shape}, coef {coef.shape} disagree")
        self.labels = labels
        self.features = features
        self._sublinear_tf = sublinear_tf
        self._vocabulary = vocabulary
        self._idf = idf
        self._coef = coef
        self._intercept = intercept

    @classmethod
    def load(cls, directory: Path, taxonomy: Taxonomy) -> EmbeddedClassifier:
        """Load the artefact in ``directory``.

        Raises :class:`EmbeddedModelError` naming the file when one is missing or unreadable, when the
        format is unknown, or when the artefact's labels are not exactly the taxonomy's ids.
        """
        meta = _read_json(directory / _META)
        if not isinstance(meta, dict) or meta.get("format") != ARTEFACT_FORMAT:
            raise EmbeddedModelError(
                f"{directory / _META}: expected format {ARTEFACT_FORMAT}, got {meta!r:.80}"
            )
        try:
            labels = tuple(str(label) for label in meta["labels"])
            features = FeatureConfig.from_json(meta["features"])
            sublinear_tf = bool(meta["sublinear_tf"])
        except (KeyError, TypeError, ValueError) as exc:
            raise EmbeddedModelError(f"{directory / _META}: bad or missing field: {exc}") from exc
        if sorted(labels) != sorted(taxonomy.ids):
            raise EmbeddedModelError(
                f"{directory / _META}: labels {list(labels)} do not match the taxonomy ids"
                f" {list(taxonomy.ids)}; retrain with `intent-router train embedded`"
            )
        vocab = _read_json(directory / _VOCAB)
        if not isinstance(vocab, list) or not all(isinstance(g, str) for g in vocab):
            raise EmbeddedModelError(f"{directory / _VOCAB}: expected a JSON list of n-gram strings")
        arrays = _read_weights(directory / _WEIGHTS)
        try:
            return cls(
                labels=labels,
                features=features,
                sublinear_tf=sublinear_tf,
                vocabulary={gram: i for i, gram in enumerate(vocab)},
                **arrays,
            )
        except ValueError as exc:
            raise EmbeddedModelError(f"{directory}: files disagree: {exc}") from exc

    def predict_proba(self, text: str) -> _FloatArray:
        """Probabilities over :attr:`labels` (same order), summing to 1.

        Text with no known n-gram gets the intercept-only distribution (the model's prior).
        """
        counts = Counter(
            index
            for gram in extract_ngrams(text, self.features)
            if (index := self._vocabulary.get(gram)) is not None
        )
        logits = self._intercept.copy()
        if counts:
            rows = np.fromiter(counts.keys(), dtype=np.intp, count=len(counts))
            tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
            if self._sublinear_tf:
                tf = 1.0 + np.log(tf)
            weights = tf * self._idf[rows]
            weights /= math.sqrt(float(weights @ weights))  # l2 norm, as scikit-learn's TfidfVectorizer
            logits += weights @ self._coef[rows]
        logits -= logits.max()
        exp = np.exp(logits)
        probs: _FloatArray = exp / exp.sum()
        return probs

    def predict(self, text: str) -> Prediction:
        """Classify ``text`` synchronously; ``scores`` holds the full distribution over intent ids."""
        probs = self.predict_proba(text)
        best = int(probs.argmax())
        return Prediction(
            intent=self.labels[best],
            confidence=min(1.0, float(probs[best])),
            classifier=self.name,
            scores={label: float(p) for label, p in zip(self.labels, probs, strict=True)},
        )

    async def classify(self, text: str, *, deadline: float) -> Prediction:
        """Answer at once, whatever ``deadline`` says.

        Scoring costs tens of microseconds, less than a thread hand-off, so it runs on the event loop.
        As the degraded-mode classifier it answers even past the deadline: a late intent beats none.
        """
        return self.predict(text)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise EmbeddedModelError(f"embedded model file {path} is missing; {_RETRAIN}") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EmbeddedModelError(f"embedded model file {path} is unreadable: {exc}") from exc


def _read_weights(path: Path) -> dict[str, _FloatArray]:
    names = ("idf", "coef", "intercept")
    try:
        with np.load(path, allow_pickle=False) as npz:
            arrays = {name: np.asarray(npz[name], dtype=np.float64) for name in names}
    except FileNotFoundError as exc:
        raise EmbeddedModelError(f"embedded model file {path} is missing; {_RETRAIN}") from exc
    except KeyError as exc:
        raise EmbeddedModelError(f"embedded model file {path} lacks array {exc}; expected {names}") from exc
    except (OSError, ValueError, zipfile.BadZipFile) as exc:
        raise EmbeddedModelError(f"embedded model file {path} is unreadable: {exc}") from exc
    return arrays
