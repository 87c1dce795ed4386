"""Turn the gateway's decision log into labelling candidates, the turns most worth a human's look first.

    intent-router data from-log decisions.db --out data/candidates.jsonl --limit 500

Reads the SQLite ``decisions`` table (:mod:`service.decision_log`) read-only, so a running gateway keeps
writing (WAL mode). Blocked turns are skipped (the guard's business, not an intent). Each distinct masked text
becomes one row of the usual ``{"text", "label", "source"}`` form, the label being the classifier's guess for
a labeller to confirm or correct; ``source`` is ``log:<request_id>`` plus the decision and confidence, so the
file validates as it is and a reviewer sees why the row is there. Order: fallback decisions first, then by
rising confidence (rows without a confidence — a failed classifier — first), newest first on ties.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from service.taxonomy import Taxonomy
from training.records import Example

__all__ = ["LogCandidate", "read_log_candidates"]

# Fallback first (the model was unsure or said "other"), then the least confident; NULL confidence sorts
# first in SQLite's ascending order, which is what we want for a classifier that failed.
_QUERY = """
SELECT request_id, text, decision, intent, confidence, classifier, degraded_reason, ts
FROM decisions
WHERE decision != 'blocked'
ORDER BY (decision = 'fallback') DESC, confidence ASC, ts DESC
"""


@dataclass(frozen=True, slots=True)
class LogCandidate:
    request_id: str
    text: str  # masked by the gateway before it was logged
    decision: str  # routed | fallback
    intent: str  # the classifier's guess, or the taxonomy's fallback intent when it made none
    confidence: float | None
    classifier: str | None
    degraded_reason: str | None

    def to_example(self) -> Example:
        confidence = "none" if self.confidence is None else f"{self.confidence:.3f}"
        source = f"log:{self.request_id} decision={self.decision} confidence={confidence}"
        if self.classifier:
            source += f" classifier={self.classifier}"
        if self.degraded_reason:
            source += f" degraded={self.degraded_reason}"
        return Example(text=self.text, label=self.intent, source=source)


def read_log_candidates(
    db: Path, taxonomy: Taxonomy, *, limit: int | None = None, max_confidence: float = 1.0
) -> list[LogCandidate]:
    """Return distinct-text candidates from ``db`` in review order (see the module docstring).

    ``max_confidence`` drops routed rows more confident than that; ``limit`` caps the count. Raises
    ``FileNotFoundError`` if ``db`` does not exist and ``sqlite3.Error`` if it has no ``decisions`` table.
    """
    if not db.is_file():
        raise FileNotFoundError(f"no decision log at {db}")
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute(_QUERY).fetchall()
    finally:
        conn.close()
    known = set(taxonomy.ids)
    seen: set[str] = set()
    out: list[LogCandidate] = []
    for request_id, text, decision, intent, confidence, classifier, degraded_reason, _ in rows:
        if not text or not text.strip() or text in seen:
            continue
        if decision == "routed" and confidence is not None and confidence > max_confidence:
            continue
        seen.add(text)
        out.append(
            LogCandidate(
                request_id=request_id,
                text=text,
                decision=decision,
                intent=intent if intent in known else taxonomy.fallback_intent,
                confidence=confidence,
                classifier=classifier,
                degraded_reason=degraded_reason,
            )
        )
        if limit is not None and len(out) >= limit:
            break
    return out
