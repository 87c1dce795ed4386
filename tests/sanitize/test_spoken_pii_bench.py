"""The spoken-form benchmark (training/guard/spoken_pii.py): honest values, and mask_pii's score on them."""

from __future__ import annotations

import argparse
import random

import pytest

from service.sanitize.checksums import is_luhn_valid, is_resident_id18
from training.guard.cli import register
from training.guard.spoken_pii import SpokenPiiConfig, generate_cases, score_spoken_pii
from training.guard.spoken_pii_negatives import say_number
from training.guard.spoken_pii_values import make_card, make_id18, make_mobile


def test_generated_ids_and_cards_pass_their_checksums() -> None:
    rng = random.Random(7)
    assert all(is_resident_id18(make_id18(rng)) for _ in range(500))
    assert all(make_id18(rng, force_x=True).endswith("X") for _ in range(20))
    assert all(is_luhn_valid(make_card(rng)) for _ in range(500))
    assert all(
        len(m) == 11 and m[0] == "1" and m[1] in "3456789" for m in (make_mobile(rng) for _ in range(500))
    )


@pytest.mark.parametrize(
    ("n", "clipped", "said"),
    [
        (8000, False, "八千"),
        (6500, False, "六千五百"),
        (6500, True, "六千五"),
        (12000, True, "一万二"),
        (15, False, "十五"),
    ],
)
def test_amounts_are_said_as_positional_numerals(n: int, clipped: bool, said: str) -> None:
    assert say_number(n, clipped=clipped) == said


def test_the_same_seed_generates_the_same_utterances() -> None:
    config = SpokenPiiConfig(seed=11, per_kind=20, latency_rounds=1)
    assert generate_cases(config) == generate_cases(config)


def test_spoken_pii_is_masked_and_every_hard_negative_is_untouched() -> None:
    score = score_spoken_pii(SpokenPiiConfig(seed=20261128, per_kind=150, latency_rounds=1))
    assert score.recall >= 0.99, score.failures
    assert score.untouched == 1.0, score.failures


def test_pii_bench_is_a_guard_subcommand_that_prints_the_score(capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["guard", "pii-bench", "--per-kind", "10", "--rounds", "1"])
    assert args.handler(args) == 0
    out = capsys.readouterr().out
    assert "recall by kind" in out
    assert "negatives untouched by composer" in out
