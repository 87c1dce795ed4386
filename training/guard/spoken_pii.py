"""Score mask_pii on generated spoken-form utterances: PII said as Chinese numerals, in groups, with fillers.

    .venv/bin/python -m training.guard.spoken_pii             # or: intent-router guard pii-bench
    .venv/bin/python -m training.guard.spoken_pii --seed 7 --per-kind 400

A rental voice turn carries one value (phone, landline, resident ID, bank card, plate, passport, permit,
e-mail), valid by its checksum or shape (spoken_pii_values.py), said in one numeral style and one
separator style, after a lead-in people really use (or none). As many hard negatives, in the same styles,
come from spoken_pii_negatives.py. Reported: recall by type, by numeral style and by separator style
(a value counts when one detection of its type covers all its characters), precision over every
detection, the share of negatives left untouched, and mask_pii's intrinsic latency per utterance.
"""

from __future__ import annotations

import argparse
import os
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from service.sanitize import detect_pii, mask_pii
from service.sanitize.digits import to_digit_view
from training.guard.spoken_pii_negatives import NEGATIVE_COMPOSERS
from training.guard.spoken_pii_positives import PII_KINDS, SpokenCase, compose_positive

__all__ = [
    "SpokenPiiConfig",
    "SpokenPiiScore",
    "add_bench_arguments",
    "format_score",
    "generate_cases",
    "main",
    "run_bench",
    "score_spoken_pii",
]


@dataclass(frozen=True, slots=True)
class SpokenPiiConfig:
    seed: int = 20261128  # one seed for every draw: the same config gives the same utterances
    per_kind: int = 300  # utterances per PII kind (8 kinds); the negatives match their total
    latency_rounds: int = 20  # mask_pii is timed this many times per utterance; the fastest counts


def generate_cases(config: SpokenPiiConfig) -> list[SpokenCase]:
    """``per_kind`` utterances per PII kind, then as many hard negatives, spread over the composers."""
    rng = random.Random(config.seed)
    cases = [compose_positive(rng, kind) for kind in PII_KINDS for _ in range(config.per_kind)]
    composers = list(NEGATIVE_COMPOSERS.items())
    for i in range(len(cases)):
        name, compose = composers[i % len(composers)]
        cases.append(SpokenCase(compose(rng), style=name))
    return cases


# The benchmark's "landline" is the policy's "phone": one PII type, two ways of being said.
_POLICY_TYPE = {"landline": "phone"}


@dataclass(frozen=True, slots=True)
class SpokenPiiScore:
    """Counts as (found, total); ``failures`` holds a few missed or wrongly masked texts (all synthetic)."""

    recall_by_kind: dict[str, tuple[int, int]]
    recall_by_numerals: dict[str, tuple[int, int]]
    recall_by_separator: dict[str, tuple[int, int]]
    untouched_by_composer: dict[str, tuple[int, int]]
    true_detections: int  # on a value of the right type
    false_detections: int
    overreaching_detections: int  # true, but also masking digits beside the value (a price, a date)
    latency_p50_us: float
    latency_p99_us: float
    failures: tuple[str, ...] = field(default=())

    @property
    def recall(self) -> float:
        found, total = map(sum, zip(*self.recall_by_kind.values(), strict=True))
        return found / total

    @property
    def precision(self) -> float:
        return self.true_detections / max(1, self.true_detections + self.false_detections)

    @property
    def untouched(self) -> float:
        kept, total = map(sum, zip(*self.untouched_by_composer.values(), strict=True))
        return kept / total


def _tally(counts: dict[str, tuple[int, int]], key: str, hit: bool) -> None:
    found, total = counts.get(key, (0, 0))
    counts[key] = (found + hit, total + 1)


_FAILURES_KEPT = 5  # per kind or composer: a few of each, not forty of the first


def _keep_failure(failures: list[str], seen: Counter[str], key: str, label: str, text: str) -> None:
    seen[key] += 1
    if seen[key] <= _FAILURES_KEPT:
        failures.append(f"{label}: {text!r} -> {mask_pii(text).text!r}")


def _intrinsic_latency_us(texts: list[str], rounds: int) -> tuple[float, float]:
    """p50 and p99 over utterances of the fastest of ``rounds`` timings each (as timeit does)."""
    for text in texts:
        mask_pii(text)
    best = [min(_time_once(text) for _ in range(rounds)) for text in texts]
    best.sort()
    return best[len(best) // 2] / 1000.0, best[min(len(best) - 1, round(0.99 * (len(best) - 1)))] / 1000.0


def _time_once(text: str, clock: Callable[[], int] = time.perf_counter_ns) -> int:
    t0 = clock()
    mask_pii(text)
    return clock() - t0


def score_spoken_pii(config: SpokenPiiConfig) -> SpokenPiiScore:
    """Generate the cases of ``config`` and score :func:`detect_pii` / :func:`mask_pii` on them."""
    cases = generate_cases(config)
    by_kind: dict[str, tuple[int, int]] = {}
    by_numerals: dict[str, tuple[int, int]] = {}
    by_separator: dict[str, tuple[int, int]] = {}
    untouched: dict[str, tuple[int, int]] = {}
    true_detections = false_detections = overreach = 0
    failures: list[str] = []
    seen: Counter[str] = Counter()  # failures per kind or composer
    for case in cases:
        detections = detect_pii(case.text)
        if not case.values:
            _tally(untouched, case.style, not detections)
            false_detections += len(detections)
            if detections:
                _keep_failure(failures, seen, case.style, f"negative/{case.style}", case.text)
            continue
        wanted = [(v, _POLICY_TYPE.get(v.kind, v.kind)) for v in case.values]
        for d in detections:
            on_value = [v for v, t in wanted if d.type == t and d.start < v.end and v.start < d.end]
            true_detections += bool(on_value)
            false_detections += not on_value
            # Masking a price or a date along with the value loses what the search needs.
            outside = (
                case.text[d.start : on_value[0].start] + case.text[on_value[0].end : d.end]
                if on_value
                else ""
            )
            overreach += any(c.isdigit() for c in to_digit_view(outside))
        for v, t in wanted:
            hit = any(d.type == t and d.start <= v.start and v.end <= d.end for d in detections)
            for counts, key in ((by_kind, v.kind), (by_numerals, v.numerals), (by_separator, v.separator)):
                _tally(counts, key, hit)
            if not hit:
                _keep_failure(
                    failures, seen, v.kind, f"missed/{v.kind}/{v.numerals}/{v.separator}", case.text
                )
    p50, p99 = _intrinsic_latency_us([c.text for c in cases], config.latency_rounds)
    return SpokenPiiScore(
        by_kind,
        by_numerals,
        by_separator,
        untouched,
        true_detections,
        false_detections,
        overreach,
        p50,
        p99,
        tuple(failures),
    )


def format_score(score: SpokenPiiScore) -> str:
    lines = []
    for title, counts in (
        ("recall by kind", score.recall_by_kind),
        ("recall by numeral style", score.recall_by_numerals),
        ("recall by separator style", score.recall_by_separator),
        ("negatives untouched by composer", score.untouched_by_composer),
    ):
        lines.append(title)
        for key, (found, total) in sorted(counts.items()):
            lines.append(f"  {key:<28}{found:>6}/{total:<6}{100 * found / total:6.1f}%")
    lines.append(
        f"recall {100 * score.recall:.2f}%  precision {100 * score.precision:.2f}% "
        f"({score.true_detections} true, {score.false_detections} false detections, "
        f"{score.overreaching_detections} masking digits beside the value)  "
        f"negatives untouched {100 * score.untouched:.2f}%"
    )
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    lines.append(
        f"mask_pii intrinsic latency: p50 {score.latency_p50_us:.1f} µs, "
        f"p99 {score.latency_p99_us:.1f} µs (load average {load} on {os.cpu_count()} CPUs)"
    )
    return "\n".join(lines)


def add_bench_arguments(parser: argparse.ArgumentParser) -> None:
    """The benchmark's options, shared by ``main`` and ``intent-router guard pii-bench``."""
    default = SpokenPiiConfig()
    parser.add_argument("--seed", type=int, default=default.seed, help="generator seed")
    parser.add_argument("--per-kind", type=int, default=default.per_kind, help="utterances per PII kind")
    parser.add_argument("--rounds", type=int, default=default.latency_rounds, help="timings per utterance")
    parser.add_argument("--failures", action="store_true", help="print a few failing texts per kind")


def run_bench(args: argparse.Namespace) -> int:
    """Print the score table (and, with --failures, the texts that failed); exit 0."""
    config = SpokenPiiConfig(seed=args.seed, per_kind=args.per_kind, latency_rounds=args.rounds)
    score = score_spoken_pii(config)
    print(format_score(score))
    if args.failures:
        print("\n".join(score.failures))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    add_bench_arguments(parser)
    return run_bench(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
