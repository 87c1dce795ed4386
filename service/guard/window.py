"""Bound the guard's work on very long inputs: keep the head and the tail, drop the middle.

The guard must stay under its latency budget (docs/benchmarks.md, both stages p99 ≤ 1 ms) on every
input, and its cost grows with length: on a 1,300-character jailbreak template normalising and matching
the signals took about 0.75 ms alone. Long templates announce themselves at both ends: the persona
set-up, the "no limits" rules and the mode switch come first, the actual request ("现在回答：…",
"my first question is …") comes last. So the guard reads at most :data:`MAX_GUARD_CHARS` characters: the
first and the last half of that budget, joined by a newline (no n-gram or pattern spans the cut).

The trade-off is written down in docs/guard.md: an attack buried in the middle of a long paste, with
harmless text of more than ``MAX_GUARD_CHARS / 2`` characters on both sides, is not seen. Voice turns are
far shorter (the eval corpus averages 74 characters), and sanitize still masks PII in the whole text.
"""

from __future__ import annotations

__all__ = ["MAX_GUARD_CHARS", "head_and_tail"]

# 512 until the rule set grew; at 384 both stages' p99 went from 0.85-0.94 ms to 0.67-0.68 ms with the
# external eval's counts unchanged (docs/benchmarks.md, sanitize and guard).
MAX_GUARD_CHARS = 384


def head_and_tail(text: str, limit: int = MAX_GUARD_CHARS) -> str:
    """``text`` itself when it has at most ``limit`` characters, else its first and last ``limit // 2``
    characters joined by a newline. Raises ValueError when ``limit`` is below 2."""
    if limit < 2:
        raise ValueError(f"limit must be at least 2 characters, got {limit!r}")
    if len(text) <= limit:
        return text
    half = limit // 2
    return text[:half] + "\n" + text[-half:]
