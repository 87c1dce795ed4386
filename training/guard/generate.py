"""Generate the guard's training data: seeded, so the same config writes the same file.

    .venv/bin/python -m training.guard.generate            # writes data/guard/train.jsonl
    intent-router guard train                               # generates, then trains (training/guard/train.py)

Output: JSONL ``{"text", "label": "injection"|"benign", "category", "lang", "family", "source"}``,
deduplicated, with the config saved beside it as ``generate_config.json``. ``family`` is the name of the
composer that wrote the text (a disguised copy keeps its original's), so ``training/guard/generalise.py``
can hold a whole family out of training.
"""

from __future__ import annotations

import json
import random
from dataclasses import asdict, dataclass
from pathlib import Path

from training.guard.attacks import ATTACK_COMPOSERS, compose_attack
from training.guard.benign import BENIGN_COMPOSERS, compose_benign
from training.guard.obfuscate import OBFUSCATIONS, obfuscate

__all__ = ["GenerateConfig", "generate_samples", "write_samples"]

DATA_DIR = Path(__file__).resolve().parent.parent.parent / "data" / "guard"


@dataclass(frozen=True, slots=True)
class GenerateConfig:
    seed: int = 20261128  # one seed for every draw, so the file is reproducible byte for byte
    attacks_per_composer: int = 450  # 36 composers: ~16,200 attacks before deduplication
    benign_per_composer: int = (
        900  # 35 composers; tenant talk repeats less than chat, so it survives dedup most
    )
    # Blunt harmful questions ("blunt_*" composers) are drawn this many times as often: every wrapped
    # jailbreak carries such a question, and without the extra plain copies the model starts to block
    # the plain question (gray_not_injection 10.8 % -> 10.0 % at 2 on two seeds; they dedup heavily).
    blunt_draws_factor: int = 2
    obfuscated_attack_share: float = 0.2  # of attacks, re-emitted in a disguise (on top of the plain copy)
    obfuscated_benign_share: float = (
        0.02  # a few disguised benign texts, so a disguise alone is not a verdict
    )


def generate_samples(config: GenerateConfig) -> list[dict[str, str]]:
    """All samples, deduplicated by text, in a deterministic order."""
    rng = random.Random(config.seed)
    rows: list[dict[str, str]] = []

    # 1. Attacks, each composer the same number of times.
    for composer in ATTACK_COMPOSERS:
        for _ in range(config.attacks_per_composer):
            text, category, lang = compose_attack(rng, composer)
            rows.append(
                {"text": text, "label": "injection", "category": category, "lang": lang, "family": composer}
            )

    # 2. Benign texts.
    for composer in BENIGN_COMPOSERS:
        draws = config.benign_per_composer * (
            config.blunt_draws_factor if composer.startswith("blunt") else 1
        )
        for _ in range(draws):
            text, category, lang = compose_benign(rng, composer)
            rows.append(
                {"text": text, "label": "benign", "category": category, "lang": lang, "family": composer}
            )

    # 3. Disguised copies: attacks often, benign rarely (a pasted full-width or zero-width text happens).
    names = sorted(OBFUSCATIONS)
    disguised = []
    for row in rows:
        share = (
            config.obfuscated_attack_share if row["label"] == "injection" else config.obfuscated_benign_share
        )
        if rng.random() < share:
            name = names[rng.randrange(len(names))]
            disguised.append(
                {**row, "text": obfuscate(row["text"], rng, name), "category": f"{row['category']}+{name}"}
            )
    rows.extend(disguised)

    # 4. Deduplicate (the first occurrence wins) and tag the source.
    seen: set[str] = set()
    unique = []
    for row in rows:
        if row["text"] not in seen:
            seen.add(row["text"])
            unique.append({**row, "source": "generated"})
    return unique


def write_samples(config: GenerateConfig, directory: Path = DATA_DIR) -> Path:
    """Generate and write ``train.jsonl`` and ``generate_config.json`` into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "train.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for row in generate_samples(config):
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    (directory / "generate_config.json").write_text(
        json.dumps(asdict(config), indent=1) + "\n", encoding="utf-8"
    )
    return path


if __name__ == "__main__":
    print(write_samples(GenerateConfig()))
