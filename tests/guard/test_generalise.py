"""Leave-one-family-out evaluation (training/guard/generalise.py) and the family field it relies on."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from training.guard.attacks import ATTACK_COMPOSERS
from training.guard.benign import BENIGN_COMPOSERS
from training.guard.generalise import GeneraliseConfig, family_group, family_splits, generalise, main
from training.guard.generate import GenerateConfig, generate_samples, write_samples
from training.guard.linear import build_matrix, build_vocabulary, featurize_samples, restrict_columns
from training.guard.train import TrainConfig

SMALL = GenerateConfig(attacks_per_composer=20, benign_per_composer=40)
TINY = GenerateConfig(attacks_per_composer=8, benign_per_composer=16)  # one fit per group: keep it quick


def test_every_generated_row_names_the_composer_that_wrote_it() -> None:
    rows = generate_samples(SMALL)
    composers = set(ATTACK_COMPOSERS) | set(BENIGN_COMPOSERS)
    assert {r["family"] for r in rows} == composers
    for r in rows:
        assert (r["family"] in ATTACK_COMPOSERS) == (r["label"] == "injection")


def test_a_disguised_copy_keeps_the_family_of_its_original() -> None:
    rows = generate_samples(SMALL)
    disguised = [r for r in rows if "+" in r["category"]]
    assert disguised
    for r in disguised:
        assert (r["family"] in ATTACK_COMPOSERS) == (r["label"] == "injection")


@pytest.mark.parametrize(
    ("family", "group"),
    [
        ("redirect_en", "redirect"),
        ("redirect_zh", "redirect"),
        ("jailbreak_family_zh_2", "jailbreak_family"),
        ("trigger_en_general", "trigger_en_general"),
        ("creative", "creative"),
    ],
)
def test_both_languages_of_a_family_are_one_held_out_group(family: str, group: str) -> None:
    assert family_group(family) == group


def test_a_held_out_family_never_appears_in_its_training_rows() -> None:
    families = [r["family"] for r in generate_samples(SMALL)]
    splits = family_splits(families)
    assert len(splits) == len({family_group(f) for f in families})
    for group, train_rows, held_rows in splits:
        assert {family_group(families[i]) for i in held_rows} == {group}
        assert group not in {family_group(families[i]) for i in train_rows}
        assert len(train_rows) + len(held_rows) == len(families)


def test_an_ngram_only_the_held_out_rows_have_is_not_in_the_training_vocabulary() -> None:
    texts = ["押金多少", "押金多少钱", "独有词语", "独有词语吗"]
    data = featurize_samples(texts, [0, 0, 1, 1])
    vocab = build_vocabulary(data.ngrams, min_df=2)
    x = build_matrix(data, vocab, ngram_scale=1.0)
    kept = set(restrict_columns(x, np.array([0, 1]), n_vocab=len(vocab), min_df=2).tolist())
    assert vocab["押金"] in kept
    assert vocab["独有"] not in kept
    assert set(range(len(vocab), x.shape[1])) <= kept  # every signal column stays


def test_generalise_scores_every_group_once(tmp_path: Path) -> None:
    write_samples(TINY, tmp_path)
    config = GeneraliseConfig(train=TrainConfig(folds=2, generate=False, generate_config=TINY))
    results = generalise(config, tmp_path)
    (table,) = results["tables"].values()
    groups = [f["group"] for f in table["families"]]
    assert (
        len(groups) == len(set(groups)) == len({family_group(f) for f in ATTACK_COMPOSERS | BENIGN_COMPOSERS})
    )
    assert all(0.0 <= f["held_out"] <= 1.0 for f in table["families"])
    assert table["held_out_pooled_tpr"] > 0.5


def test_generalise_refuses_data_without_families(tmp_path: Path) -> None:
    (tmp_path / "train.jsonl").write_text(json.dumps({"text": "押金多少", "label": "benign"}) + "\n")
    with pytest.raises(ValueError, match="family"):
        generalise(GeneraliseConfig(), tmp_path)


def test_main_prints_a_table_and_writes_every_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_samples(TINY, tmp_path)
    assert main(["--data-dir", str(tmp_path), "--out", str(tmp_path / "out"), "--c", "0.5", "1.0"]) == 0
    results = json.loads((tmp_path / "out" / "generalise.json").read_text(encoding="utf-8"))
    assert set(results["tables"]) == {"c=0.5,ngram_scale=1.0", "c=1.0,ngram_scale=1.0"}
    assert "| redirect | attack TPR |" in capsys.readouterr().out
