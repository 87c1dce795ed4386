"""The guard stage: normalise, find signals, score, decide."""

from __future__ import annotations

from pathlib import Path

from service.guard.features import featurize
from service.guard.model import GuardModel
from service.guard.rules import SIGNAL_REASONS
from service.guard.types import GuardVerdict

__all__ = ["DEFAULT_GUARD_MODEL_DIR", "InjectionGuard"]

DEFAULT_GUARD_MODEL_DIR = Path(__file__).resolve().parent.parent.parent / "data" / "guard"

# Without a trained model (unit tests of the rules alone), each signal adds this much margin and the
# margin goes through a plain sigmoid: two strong signals block, tenant-talk scores near zero.
_RULES_ONLY = GuardModel(
    ngram_weights={},
    signal_weights={
        "override_rules": 4.0,
        "prompt_leak": 4.0,
        "jailbreak_persona": 2.5,
        "no_limits": 2.5,
        "no_refusal": 2.5,
        "persona_override": 2.5,
        "forced_output": 2.5,
        "override_soft": 2.0,
        "task_switch": 2.0,
        "encoded_payload": 2.0,
        "refusal_suppression": 2.5,
        "framed_harm": 2.5,
        "appended_redirect": 2.0,
        "redirect": 0.5,
        "amoral_anyway": 2.0,
        "fake_authority": 2.0,
        "obfuscated": 1.5,
        "output_obfuscation": 1.5,
        "prefix_injection": 1.5,
        "policy_evasion": 1.5,
        "threat_or_simulation": 1.5,
        "pressure": 1.0,
        "role_switch": 1.0,
        "frame": 0.5,
        "harm_topic": 0.5,
    },
    bias=-3.0,
    calibration_a=1.0,
    calibration_b=0.0,
)


class InjectionGuard:
    """Scores one utterance for prompt injection; blocks at or above ``threshold``.

    ``check`` is synchronous and pure CPU (tens to a few hundred microseconds; inputs longer than
    :data:`~service.guard.window.MAX_GUARD_CHARS` are read by head and tail only); it runs inline on the
    event loop. Build it once per process with :meth:`load` and share it: it holds no mutable state.
    """

    def __init__(self, *, threshold: float = 0.5, model: GuardModel | None = None) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"guard threshold must be in (0, 1], got {threshold!r}")
        self.threshold = threshold
        self.model = model if model is not None else _RULES_ONLY

    @classmethod
    def load(cls, directory: Path | None = None, *, threshold: float) -> InjectionGuard:
        """Load the trained model from ``directory`` (default ``data/guard/``).

        Raises :class:`~service.guard.model.GuardModelError` when the artefact is missing or malformed.
        """
        return cls(threshold=threshold, model=GuardModel.load(directory or DEFAULT_GUARD_MODEL_DIR))

    def check(self, text: str) -> GuardVerdict:
        """Return the verdict for ``text`` (already PII-masked).

        ``reasons`` says why a text was blocked: the reason tag of every signal found (sorted,
        deduplicated), or ``model_score`` when only the n-grams and context signals (a frame, a harmful
        topic) carried the score. A text that passes has no reasons, even
        if a weak signal such as a role switch (你扮演一下中介) was seen.
        """
        features = featurize(text)
        signals = features.signals
        score = self.model.probability(features.ngrams, signals)
        blocked = score >= self.threshold
        if not blocked:
            return GuardVerdict(blocked=False, score=score, reasons=())
        # Context signals (a frame, a harmful topic) map to model_score: named only when nothing else is.
        named = {SIGNAL_REASONS[s] for s in signals} - {"model_score"}
        reasons = tuple(sorted(named)) or ("model_score",)
        return GuardVerdict(blocked=True, score=score, reasons=reasons)
