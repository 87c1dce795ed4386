"""The embedded classifier as served: the shipped artefact, loaded with NumPy alone."""

from __future__ import annotations

import asyncio
import json
import math
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from service.classify.embedded import DEFAULT_EMBEDDED_MODEL_DIR, EmbeddedClassifier, EmbeddedModelError
from service.taxonomy import Taxonomy, load_taxonomy


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy()


@pytest.fixture(scope="module")
def model(taxonomy: Taxonomy) -> EmbeddedClassifier:
    return EmbeddedClassifier.load(DEFAULT_EMBEDDED_MODEL_DIR, taxonomy)


@pytest.fixture
def artefact_copy(tmp_path: Path) -> Path:
    target = tmp_path / "embedded"
    shutil.copytree(DEFAULT_EMBEDDED_MODEL_DIR, target)
    return target


def test_artefact_loads_without_pickle_or_scikit_learn() -> None:
    # A fresh interpreter: anything the serving path imports shows up in sys.modules.
    code = (
        "import sys, numpy as np\n"
        "def no_pickle(*a, **k):\n"
        "    raise AssertionError('pickle used')\n"
        "import pickle; pickle.load = pickle.loads = no_pickle\n"
        "from service.classify.embedded import EmbeddedClassifier, DEFAULT_EMBEDDED_MODEL_DIR\n"
        "from service.taxonomy import load_taxonomy\n"
        "m = EmbeddedClassifier.load(DEFAULT_EMBEDDED_MODEL_DIR, load_taxonomy())\n"
        "m.predict('帮我找个两居')\n"
        "banned = ('sklearn', 'scipy', 'training')\n"
        "print(','.join(sorted(n for n in sys.modules if n.split('.')[0] in banned)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_artefact_is_small_enough_to_commit() -> None:
    size = sum(path.stat().st_size for path in DEFAULT_EMBEDDED_MODEL_DIR.iterdir())
    assert size < 5_000_000


def test_predict_returns_a_distribution_over_the_taxonomy_ids(
    model: EmbeddedClassifier, taxonomy: Taxonomy
) -> None:
    prediction = model.predict("嗯 那个望京有没有三千五左右的一居")
    assert prediction.scores is not None
    assert set(prediction.scores) == set(taxonomy.ids)
    assert math.isclose(sum(prediction.scores.values()), 1.0, abs_tol=1e-9)
    assert prediction.confidence == max(prediction.scores.values())
    assert prediction.intent == max(prediction.scores, key=prediction.scores.__getitem__)
    assert prediction.classifier == "embedded"


@pytest.mark.parametrize("text", ["", "   ", "？？！", "🙂", "x" * 2000])
def test_text_without_known_ngrams_still_gets_a_distribution(model: EmbeddedClassifier, text: str) -> None:
    prediction = model.predict(text)
    assert prediction.scores is not None
    assert math.isclose(sum(prediction.scores.values()), 1.0, abs_tol=1e-9)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("帮我找个离地铁近的两居室", "find_listing"),
        ("预算四千能租到什么样的", "find_listing"),
        ("有能养狗的整租吗", "find_listing"),
        ("明天下午能去看一下房子吗", "book_viewing"),
        ("周六的看房帮我取消", "book_viewing"),
        ("押金退不退", "consult"),
        ("物业费谁来交", "consult"),
        ("房租能便宜两百吗", "negotiate"),
        ("签两年能不能优惠点", "negotiate"),
        ("有这套房的视频吗", "video_tour"),
        ("打开VR看看", "video_tour"),
        ("帮我叫辆出租车", "other"),  # 出租 is a rental word; 出租车 is a taxi
        ("我是房东 想把我的房子租出去", "other"),
        ("今天天气怎么样", "other"),
        ("app登录不上去", "other"),
    ],
)
def test_clear_utterances_get_their_intent(model: EmbeddedClassifier, text: str, intent: str) -> None:
    assert model.predict(text).intent == intent


def test_predict_takes_well_under_a_millisecond(model: EmbeddedClassifier) -> None:
    texts = ["嗯 那个我想问一下望京那边有没有三千五左右能养猫的两居室 离十四号线近一点"] * 200
    start = time.perf_counter()
    for text in texts:
        model.predict(text)
    per_call_s = (time.perf_counter() - start) / len(texts)
    # Budget is generous (10x the ~40 µs measured) because other suites share this 2-core machine.
    assert per_call_s < 0.0005


def test_classify_answers_like_predict_even_past_the_deadline(model: EmbeddedClassifier) -> None:
    prediction = asyncio.run(model.classify("能便宜点吗", deadline=time.monotonic() - 1.0))
    assert prediction == model.predict("能便宜点吗")


def test_labels_that_differ_from_the_taxonomy_fail_loading(artefact_copy: Path, taxonomy: Taxonomy) -> None:
    meta_path = artefact_copy / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["labels"] = [*meta["labels"][:-1], "small_talk"]
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(
        EmbeddedModelError, match=r"meta\.json: labels .*small_talk.* do not match the taxonomy"
    ):
        EmbeddedClassifier.load(artefact_copy, taxonomy)


@pytest.mark.parametrize("name", ["meta.json", "vocab.json", "weights.npz"])
def test_missing_file_fails_loading_naming_it(artefact_copy: Path, taxonomy: Taxonomy, name: str) -> None:
    (artefact_copy / name).unlink()
    with pytest.raises(EmbeddedModelError, match=rf"{name} is missing"):
        EmbeddedClassifier.load(artefact_copy, taxonomy)


@pytest.mark.parametrize("name", ["meta.json", "vocab.json", "weights.npz"])
def test_corrupt_file_fails_loading_naming_it(artefact_copy: Path, taxonomy: Taxonomy, name: str) -> None:
    (artefact_copy / name).write_bytes(b"\x00garbage")
    with pytest.raises(EmbeddedModelError, match=rf"{name}"):
        EmbeddedClassifier.load(artefact_copy, taxonomy)


def test_weights_that_disagree_with_the_vocabulary_fail_loading(
    artefact_copy: Path, taxonomy: Taxonomy
) -> None:
    vocab_path = artefact_copy / "vocab.json"
    vocab = json.loads(vocab_path.read_text(encoding="utf-8"))
    vocab_path.write_text(json.dumps(vocab[:-1]), encoding="utf-8")
    with pytest.raises(EmbeddedModelError, match="files disagree"):
        EmbeddedClassifier.load(artefact_copy, taxonomy)
