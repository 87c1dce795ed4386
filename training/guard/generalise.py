"""Leave-one-family-out evaluation: how well the guard recognises an attack *kind* it was never shown.

    .venv/bin/python -m training.guard.generalise                  # table for data/guard/train.jsonl
    .venv/bin/python -m training.guard.generalise --c 0.25 0.5 1   # one table per regularisation strength

Random folds (``train.py``'s cross-validation) put sibling texts of one template on both sides, so they
measure recall of wording. Here every generated text carries its ``family`` (the composer that wrote it,
see ``generate.py``); a family's Chinese and English composers form one group. For each group the model
is fitted on every other group, with a vocabulary built from those rows alone, and scores the group it
never saw: an attack group gives a TPR, a benign group (tenant talk, twins) an FPR. A family that is
caught in random folds but missed when held out is recognised by memorised wording, not by its shape.

The threshold is the serving one: probability 0.5 under a Platt calibration fitted on random-fold
margins, as in ``train.py``. Writes ``generalise.json`` (every number) into ``--out`` and prints a table.
Needs scikit-learn (the ``train`` extra), like the trainer; about 5 s per group on one core.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import diags  # type: ignore[import-untyped]
from sklearn.model_selection import StratifiedKFold

from training.guard.generate import DATA_DIR
from training.guard.linear import (
    build_matrix,
    build_vocabulary,
    featurize_samples,
    fit_linear,
    fit_platt,
    restrict_columns,
)
from training.guard.train import TrainConfig

__all__ = [
    "FamilyScore",
    "GeneraliseConfig",
    "add_generalise_arguments",
    "family_group",
    "family_splits",
    "format_table",
    "generalise",
    "main",
    "run_generalise",
]

# "redirect_en" and "redirect_zh" are one shape in two languages; "jailbreak_family_zh_2" is a second
# Chinese composer of the same family. Holding out only one language would let the other teach the shape.
_LANGUAGE_SUFFIX = re.compile(r"_(?:zh|en)(?:_[0-9]+)?$")


@dataclass(frozen=True, slots=True)
class GeneraliseConfig:
    train: TrainConfig = field(default_factory=TrainConfig)  # min_df, ngram_scale, folds, seed as trained
    c_values: tuple[float, ...] = (0.5,)  # inverse L2 strengths to try (replace the trainer's ``c``)
    ngram_scales: tuple[float, ...] = (1.0,)  # n-gram column scales to try (replace ``ngram_scale``)
    threshold: float = 0.5  # calibrated probability at or above which a text is blocked (serving's default)


@dataclass(frozen=True, slots=True)
class FamilyScore:
    """Block rate of one group: TPR for an attack group, FPR for a benign one."""

    group: str
    label: str  # "injection" or "benign"
    samples: int
    in_distribution: float  # block rate under random folds (siblings of each text were in training)
    held_out: float  # block rate with the whole group out of training and out of the vocabulary


def family_group(family: str) -> str:
    """The held-out unit of a composer name: ``redirect_zh`` and ``redirect_en`` are both ``redirect``."""
    return _LANGUAGE_SUFFIX.sub("", family)


def family_splits(families: Sequence[str]) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """``(group, train_rows, held_out_rows)`` per group, sorted by group; no group is on both sides."""
    groups = np.array([family_group(f) for f in families])
    return [(g, np.flatnonzero(groups != g), np.flatnonzero(groups == g)) for g in sorted(set(groups))]


def _cut(a: float, b: float, threshold: float) -> float:
    """The margin at which sigmoid(a·z + b) reaches ``threshold`` (a > 0 for any useful model)."""
    return float((np.log(threshold / (1 - threshold)) - b) / a)


def _block_rate(margins: np.ndarray, cut: float) -> float:
    return float((margins >= cut).mean()) if len(margins) else 0.0


def generalise(config: GeneraliseConfig, directory: Path = DATA_DIR) -> dict[str, Any]:
    """Score every family held out, per (``c``, ``ngram_scale``); returns what ``generalise.json`` holds.

    Raises ``ValueError`` if ``train.jsonl`` has no ``family`` field (written before families were recorded).
    """
    # 1. Data and one matrix over the full vocabulary (each fit keeps only its own rows' columns).
    records = [
        json.loads(line) for line in (directory / "train.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    if any("family" not in r for r in records):
        raise ValueError(
            f"{directory / 'train.jsonl'} has rows without 'family': regenerate it (guard train)"
        )
    tc = config.train
    data = featurize_samples([r["text"] for r in records], [int(r["label"] == "injection") for r in records])
    vocab = build_vocabulary(data.ngrams, min_df=tc.min_df)
    unscaled = build_matrix(data, vocab, ngram_scale=1.0)
    y = data.labels
    splits = family_splits([r["family"] for r in records])

    results: dict[str, Any] = {"config": asdict(config), "samples": len(records), "tables": {}}
    for c, scale in itertools.product(config.c_values, config.ngram_scales):
        column_scale = np.r_[np.full(len(vocab), scale), np.ones(unscaled.shape[1] - len(vocab))]
        x = (unscaled @ diags(column_scale)).tocsr()
        # 2. Random folds: the serving calibration and the in-distribution rate of each group.
        random_margins = np.zeros(len(records))
        folds = StratifiedKFold(n_splits=tc.folds, shuffle=True, random_state=tc.seed)
        for train_idx, test_idx in folds.split(x, y):
            keep = restrict_columns(x, train_idx, n_vocab=len(vocab), min_df=tc.min_df)
            model = fit_linear(x[train_idx][:, keep], y[train_idx], c=c, seed=tc.seed)
            random_margins[test_idx] = model.decision_function(x[test_idx][:, keep])
        a, b = fit_platt(random_margins, y)
        cut = _cut(a, b, config.threshold)

        # 3. One fit per held-out group.
        held_margins = np.zeros(len(records))
        for _, train_idx, test_idx in splits:
            keep = restrict_columns(x, train_idx, n_vocab=len(vocab), min_df=tc.min_df)
            model = fit_linear(x[train_idx][:, keep], y[train_idx], c=c, seed=tc.seed)
            held_margins[test_idx] = model.decision_function(x[test_idx][:, keep])

        # 4. Per-group rates and the summary (macro over groups: every shape counts once, whatever its size).
        scores = []
        for group, _, rows in splits:
            labels = {int(v) for v in y[rows]}
            if len(labels) != 1:
                raise ValueError(f"family group {group!r} mixes attacks and benign texts")
            scores.append(
                FamilyScore(
                    group=group,
                    label="injection" if labels == {1} else "benign",
                    samples=len(rows),
                    in_distribution=_block_rate(random_margins[rows], cut),
                    held_out=_block_rate(held_margins[rows], cut),
                )
            )
        attack = [s.held_out for s in scores if s.label == "injection"]
        benign = [s.held_out for s in scores if s.label == "benign"]
        results["tables"][f"c={c},ngram_scale={scale}"] = {
            "calibration": {"a": a, "b": b},
            "held_out_macro_tpr": float(np.mean(attack)),
            "held_out_min_tpr": float(np.min(attack)),
            "held_out_macro_fpr": float(np.mean(benign)),
            "held_out_max_fpr": float(np.max(benign)),
            "held_out_pooled_tpr": _block_rate(held_margins[y == 1], cut),
            "held_out_pooled_fpr": _block_rate(held_margins[y == 0], cut),
            # The cut a Platt fit on the held-out margins themselves would choose (in-sample for that one
            # number): compare with ``cut`` to see how far random-fold calibration is from unseen families.
            "margin_cut": float(cut),
            "family_calibrated_cut": float(_cut(*fit_platt(held_margins, y), config.threshold)),
            "families": [asdict(s) for s in scores],
        }
    return results


def format_table(table: dict[str, Any]) -> str:
    """One Markdown table: attack groups by held-out TPR (worst first), then benign groups by FPR."""
    lines = ["| group | kind | n | random folds | held out |", "| --- | --- | ---: | ---: | ---: |"]
    rows = sorted(
        table["families"],
        key=lambda s: (s["label"] != "injection", s["held_out"] * (1, -1)[s["label"] != "injection"]),
    )
    for s in rows:
        kind = "attack TPR" if s["label"] == "injection" else "benign FPR"
        lines.append(
            f"| {s['group']} | {kind} | {s['samples']} | {100 * s['in_distribution']:.1f} % "
            f"| {100 * s['held_out']:.1f} % |"
        )
    pct = {k: f"{100 * v:.1f} %" for k, v in table.items() if k.startswith("held_out_")}
    cuts = f"margin cut {table['margin_cut']:.2f} (family-calibrated: {table['family_calibrated_cut']:.2f})"
    lines.append(
        f"\nheld out: macro TPR {pct['held_out_macro_tpr']} (min {pct['held_out_min_tpr']}), "
        f"macro FPR {pct['held_out_macro_fpr']} (max {pct['held_out_max_fpr']}), "
        f"pooled TPR {pct['held_out_pooled_tpr']}, pooled FPR {pct['held_out_pooled_fpr']}; {cuts}"
    )
    return "\n".join(lines)


def add_generalise_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of :func:`run_generalise`, for this module's ``main`` or a CLI sub-command."""
    parser.add_argument("--c", type=float, nargs="+", default=[TrainConfig().c], help="inverse L2 strengths")
    parser.add_argument(
        "--ngram-scale",
        type=float,
        nargs="+",
        default=[TrainConfig().ngram_scale],
        help="n-gram column scales",
    )
    parser.add_argument("--min-df", type=int, default=TrainConfig().min_df, help="vocabulary cut-off")
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR, help="where train.jsonl is")
    parser.add_argument(
        "--out", type=Path, default=Path("out/guard-generalise"), help="where generalise.json goes"
    )


def run_generalise(args: argparse.Namespace) -> int:
    """Print one table per (``c``, ``ngram_scale``), write ``generalise.json``; returns exit status 0."""
    results = generalise(
        GeneraliseConfig(
            train=TrainConfig(min_df=args.min_df),
            c_values=tuple(args.c),
            ngram_scales=tuple(args.ngram_scale),
        ),
        args.data_dir,
    )
    for name, table in results["tables"].items():
        print(f"## {name}\n\n{format_table(table)}\n")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "generalise.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out / 'generalise.json'}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m training.guard.generalise [options]``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_generalise_arguments(parser)
    return run_generalise(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
