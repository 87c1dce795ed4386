"""Text normalisation and n-gram extraction shared by training and serving."""

from __future__ import annotations

import pytest

from service.classify.features import FeatureConfig, extract_ngrams, normalize_text


def test_normalisation_folds_width_case_punctuation_and_fillers() -> None:
    config = FeatureConfig(strip_fillers=True)
    assert normalize_text("嗯，你好！ＶＲ看房？？", config) == "vr看房"


def test_fillers_are_kept_when_stripping_is_off() -> None:
    assert normalize_text("嗯 找房", FeatureConfig(strip_fillers=False)) == "嗯 找房"


def test_digit_folding_maps_every_digit_to_zero() -> None:
    assert normalize_text("3500块", FeatureConfig(fold_digits=True)) == "0000块"


def test_ngrams_do_not_span_a_pause() -> None:
    grams = extract_ngrams("看房 取消", FeatureConfig(min_n=1, max_n=2))
    assert "房取" not in grams
    assert " 取" in grams and "房 " in grams  # phrase starts and ends are marked


def test_ngrams_repeat_as_often_as_they_occur() -> None:
    assert extract_ngrams("哈哈哈", FeatureConfig(min_n=1, max_n=1)) == ["哈", "哈", "哈"]


@pytest.mark.parametrize(("min_n", "max_n"), [(0, 2), (3, 2), (1, 7)])
def test_bad_ngram_range_is_rejected(min_n: int, max_n: int) -> None:
    with pytest.raises(ValueError, match="min_n"):
        FeatureConfig(min_n=min_n, max_n=max_n)


def test_config_round_trips_through_json_and_rejects_unknown_keys() -> None:
    config = FeatureConfig(max_n=4, fold_digits=True)
    assert FeatureConfig.from_json(config.to_json()) == config
    with pytest.raises(ValueError, match="unknown feature config keys"):
        FeatureConfig.from_json({**config.to_json(), "lowercase": True})
    with pytest.raises(ValueError, match="max_n"):
        FeatureConfig.from_json({**config.to_json(), "max_n": "4"})
