"""Generate the synthetic demo dataset ``data/intents/{train,val,test}.jsonl``.

    intent-router data make-demo --out data/intents --seed 13
    # or, without the console command:
    python -m training.demo_data --out data/intents --seed 13

Every row is synthetic: hand-written seed phrases and templates filled with slot values, then dressed as
speech-to-text output (fillers, no punctuation, Chinese numerals, ASR homophone slips). The same seed gives
byte-identical files. Steps, in order:

1. for each intent, take every slot-free seed phrase once, then draw (template family → template →
   slot values) until the intent's target count of distinct utterances is reached;
2. dress each draw as a voice turn (filler before/after, spaces between phrases, homophone slip);
3. drop exact duplicates after normalisation and near-duplicates (same text without fillers, or
   character-bigram Jaccard above a threshold against an utterance already kept for that intent);
4. split each intent 80/10/10 by a seeded hash of the text (stratified, deterministic, disjoint);
5. write JSONL rows ``{"text", "label", "source"}`` and print the class balance.

The phrase bank sits in its own modules, read with this one to tell how the data was made: the
templates of each intent in :mod:`training.demo_templates`, slot values in :mod:`training.demo_slots`, and
how callers sound once ASR has written them down (numbers, fillers, courtesies, homophone slips,
phone-number leads) in :mod:`training.speech_style`. This file is the generator: config, dressing, dedup,
split, write. The hand-written evaluation set ``data/intents/handwritten_eval.jsonl`` was written
separately, not from here.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from service.classify.features import FeatureConfig, normalize_text
from service.taxonomy import load_taxonomy
from training.demo_slots import SLOTS
from training.demo_templates import FAMILIES
from training.speech_style import (
    ASR_SLIPS,
    CONTACT_LEADS,
    COURTESIES,
    FILLERS_AFTER,
    FILLERS_BEFORE,
    phone_number,
)

__all__ = [
    "DEFAULT_DEMO_DIR",
    "DEFAULT_SEED",
    "DemoConfig",
    "Row",
    "generate_rows",
    "main",
    "make_demo",
    "split_rows",
    "write_splits",
]

DEFAULT_DEMO_DIR = Path(__file__).resolve().parent.parent / "data" / "intents"
DEFAULT_SEED = 13  # the seed of the shipped files


@dataclass(frozen=True, slots=True)
class DemoConfig:
    seed: int = DEFAULT_SEED  # one seed drives every random choice; same seed → byte-identical files
    # distinct utterances kept per intent; "other" is the long tail (~20-25 % of traffic in DESIGN §1)
    targets: tuple[tuple[str, int], ...] = (
        ("find_listing", 380),
        ("book_viewing", 320),
        ("consult", 400),
        ("negotiate", 320),
        ("video_tour", 300),
        ("other", 560),
    )
    max_draws_per_row: int = 40  # give up on an intent after targets*this draws (templates exhausted)
    filler_before: float = 0.35  # chance of a filler word before the turn (嗯, 那个, 你好 …)
    filler_after: float = 0.12  # chance of a sentence-final particle or filler after it (啊, 吧, 谢谢 …)
    space_between: float = 0.25  # chance that ASR's phrase breaks become spaces instead of nothing
    comma_between: float = 0.08  # chance a phrase break becomes a comma (some ASR adds punctuation)
    asr_slip: float = 0.08  # chance of one homophone substitution (押金→压金, 视频→事频 …)
    # chance the caller also leaves a phone number ("我电话幺三八…"); training masks it as serving does,
    # so the model learns that "我电话<PHONE_1>" says nothing about the intent
    contact_mention: float = 0.06
    near_dup_jaccard: float = 0.8  # char-bigram Jaccard at or above this → near-duplicate, dropped
    split: tuple[float, float, float] = (0.8, 0.1, 0.1)  # train/val/test fractions within each intent
    features: FeatureConfig = field(default_factory=FeatureConfig)  # normalisation used as the dedup key

    def __post_init__(self) -> None:
        if abs(sum(self.split) - 1.0) > 1e-9 or min(self.split) <= 0:
            raise ValueError(f"split fractions must be positive and sum to 1, got {self.split}")
        if not 0 < self.near_dup_jaccard <= 1:
            raise ValueError(f"near_dup_jaccard must be in (0, 1], got {self.near_dup_jaccard}")
        for name in ("filler_before", "filler_after", "space_between", "comma_between", "asr_slip"):
            value = getattr(self, name)
            if not 0 <= value <= 1:
                raise ValueError(f"{name} must be a probability, got {value}")


@dataclass(frozen=True, slots=True)
class Row:
    text: str
    label: str
    source: str

    def to_json(self) -> str:
        return json.dumps({"text": self.text, "label": self.label, "source": self.source}, ensure_ascii=False)


# --- 1. drawing one utterance ----------------------------------------------------------------------------

_SLOT_RE = re.compile(r"\{(\w+)\}")


def _fill(template: str, rng: random.Random) -> str:
    """Replace every ``{slot}`` by a value drawn for it; a slot may be a list or a number renderer."""

    def one(match: re.Match[str]) -> str:
        values = SLOTS[match.group(1)]
        value = values(rng) if callable(values) else rng.choice(values)
        return _SLOT_RE.sub(one, value)  # slot values may themselves hold slots

    return _SLOT_RE.sub(one, template)


def _dress_as_speech(text: str, rng: random.Random, config: DemoConfig) -> str:
    """Make a clean template look like ASR output: fillers, phrase breaks, a homophone slip, at times a
    phone number left along the way."""
    if rng.random() < config.contact_mention:
        contact = rng.choice(CONTACT_LEADS) + phone_number(rng)
        text = f"{contact}|{text}" if rng.random() < 0.6 else f"{text}|{contact}"
    if rng.random() < config.asr_slip:
        slips = [(a, b) for a, b in ASR_SLIPS if a in text]
        if slips:
            a, b = rng.choice(slips)
            text = text.replace(a, b, 1)
    # "|" in templates marks where a speaker pauses; ASR writes nothing, a space or a comma there.
    breaks = rng.random()
    if breaks < config.space_between:
        joiner = " "
    elif breaks < config.space_between + config.comma_between:
        joiner = "，"
    else:
        joiner = ""
    text = joiner.join(part for part in text.split("|") if part)
    if rng.random() < config.filler_before:
        text = rng.choice(FILLERS_BEFORE) + rng.choice(("", "", " ")) + text
    if rng.random() < config.filler_after:
        # A question already ending in a particle takes only a courtesy word ("吗谢谢"), never "吗吧".
        ends_in_particle = text[-1:] in "吗呢吧啊呀嘛"
        text += rng.choice(COURTESIES if ends_in_particle else FILLERS_AFTER)
    return text.strip()


# --- 2. dedup ---------------------------------------------------------------------------------------------


def _bigrams(key: str) -> frozenset[str]:
    return frozenset(key[i : i + 2] for i in range(len(key) - 1)) or frozenset({key})


class _Deduper:
    """Keeps one utterance per normalised text (all intents) and drops near-duplicates within an intent."""

    def __init__(self, *, jaccard: float, features: FeatureConfig) -> None:
        self._jaccard = jaccard
        self._features = features
        self._exact: set[str] = set()
        self._grams: dict[str, list[frozenset[str]]] = {}

    def admit(self, text: str, label: str) -> bool:
        # The exact key ignores fillers, punctuation and spacing, so "嗯 找房" and "找房" are one text.
        key = normalize_text(text, self._features).replace(" ", "")
        if not key or key in self._exact:
            return False
        grams = _bigrams(key)
        kept = self._grams.setdefault(label, [])
        for other in kept:
            if len(grams & other) >= self._jaccard * len(grams | other):
                return False
        self._exact.add(key)
        kept.append(grams)
        return True


# --- 3. generation ----------------------------------------------------------------------------------------


def _random_draws(
    families: dict[str, tuple[str, ...]], names: list[str], weights: list[int], rng: random.Random
) -> Iterator[tuple[str, str]]:
    """Endless (family name, template) draws, a family chosen by weight, then a template in it."""
    while True:
        name = rng.choices(names, weights=weights)[0]
        yield name, rng.choice(families[name])


def generate_rows(config: DemoConfig, *, intent_ids: Sequence[str]) -> list[Row]:
    """Draw, dress and deduplicate utterances for every intent in ``config.targets``.

    Raises ``ValueError`` if a target names an intent not in ``intent_ids`` or lacks phrases.
    """
    rng = random.Random(config.seed)
    deduper = _Deduper(jaccard=config.near_dup_jaccard, features=config.features)
    rows: list[Row] = []
    for intent, target in config.targets:
        if intent not in intent_ids:
            raise ValueError(f"demo target {intent!r} is not a taxonomy id ({list(intent_ids)})")
        families = FAMILIES.get(intent)
        if not families:
            raise ValueError(f"no phrase families for intent {intent!r}")
        names = sorted(families)
        # Weight a family by how many templates it has, so big families are not starved of draws.
        weights = [len(families[name]) for name in names]
        # Every slot-free seed phrase first, so none of them is left out by chance; then random fills.
        seeds = [(name, t) for name in names for t in families[name] if not _SLOT_RE.search(t)]
        draws = _random_draws(families, names, weights, rng)
        kept = 0
        for n, (name, template) in enumerate(itertools.chain(seeds, draws)):
            if kept == target or n >= target * config.max_draws_per_row:
                break
            text = _dress_as_speech(_fill(template, rng), rng, config)
            if deduper.admit(text, intent):
                rows.append(Row(text, intent, f"synthetic:demo_data/{intent}.{name}@seed={config.seed}"))
                kept += 1
    return rows


# --- 4. split -----------------------------------------------------------------------------------------------


def split_rows(
    rows: Sequence[Row], *, seed: int, fractions: tuple[float, float, float]
) -> dict[str, list[Row]]:
    """Stratified, deterministic split into ``train``/``val``/``test``.

    Within each label, rows are ordered by a seeded hash of their text (independent of generation order)
    and cut by ``fractions``; every label with at least three rows gets one row in val and test.
    """
    by_label: dict[str, list[Row]] = {}
    for row in rows:
        by_label.setdefault(row.label, []).append(row)
    out: dict[str, list[Row]] = {"train": [], "val": [], "test": []}
    for label in sorted(by_label):
        group = sorted(
            by_label[label], key=lambda r: hashlib.sha256(f"{seed}\0{r.text}".encode()).hexdigest()
        )
        n = len(group)
        n_val = max(1, round(n * fractions[1])) if n >= 3 else 0
        n_test = max(1, round(n * fractions[2])) if n >= 3 else 0
        n_train = n - n_val - n_test
        out["train"] += group[:n_train]
        out["val"] += group[n_train : n_train + n_val]
        out["test"] += group[n_train + n_val :]
    return out


# --- 5. write ----------------------------------------------------------------------------------------------


def write_splits(splits: dict[str, list[Row]], out_dir: Path) -> dict[str, Path]:
    """Write one JSONL file per split (UTF-8, one row a line); return the paths by split name."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, rows in splits.items():
        path = out_dir / f"{name}.jsonl"
        path.write_text("".join(row.to_json() + "\n" for row in rows), encoding="utf-8")
        paths[name] = path
    return paths


def _balance_report(splits: dict[str, list[Row]]) -> str:
    total = Counter(row.label for rows in splits.values() for row in rows)
    n = sum(total.values())
    lines = [f"{'intent':<14}{'train':>7}{'val':>6}{'test':>6}{'all':>7}{'share':>8}"]
    for label in sorted(total):
        counts = [sum(r.label == label for r in splits[s]) for s in ("train", "val", "test")]
        share = total[label] / n
        lines.append(f"{label:<14}{counts[0]:>7}{counts[1]:>6}{counts[2]:>6}{total[label]:>7}{share:>8.1%}")
    lines.append(
        f"{'total':<14}{len(splits['train']):>7}{len(splits['val']):>6}{len(splits['test']):>6}{n:>7}"
    )
    return "\n".join(lines)


def make_demo(config: DemoConfig, out_dir: Path, *, echo: Callable[[str], object] = print) -> dict[str, Path]:
    """Generate, split and write the demo dataset; print the class balance through ``echo``."""
    taxonomy = load_taxonomy()
    rows = generate_rows(config, intent_ids=taxonomy.ids)
    splits = split_rows(rows, seed=config.seed, fractions=config.split)
    paths = write_splits(splits, out_dir)
    echo(_balance_report(splits))
    echo(f"config: {json.dumps(asdict(config), ensure_ascii=False)}")
    for path in paths.values():
        echo(f"wrote {path}")
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_DEMO_DIR)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    make_demo(DemoConfig(seed=args.seed), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
