"""Classify utterances with a trained model directory through transformers, prompted exactly as served.

    python -m training.local_classify out/sft/cpu_full/checkpoint-300 --data data/intents/test.jsonl

A check that needs no server: the prompt is the model directory's own chat template applied to
:func:`service.prompt.build_messages` with ``enable_thinking=False`` and a generation prompt (what vLLM
renders for the gateway), the answer is greedy and must be exactly a Chinese label, as the gateway's
``generate`` mode requires. Needs torch and transformers (the ``train-llm`` extra).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from service.prompt import build_messages
from service.sanitize import mask_pii
from service.taxonomy import Taxonomy, load_taxonomy

__all__ = ["LocalGenerativeClassifier", "main"]

INVALID = "invalid"


class LocalGenerativeClassifier:
    """A causal LM directory loaded on CPU; :meth:`predict` returns an intent id or ``"invalid"``."""

    def __init__(self, model_dir: Path, taxonomy: Taxonomy, *, max_new_tokens: int = 12) -> None:
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        self.taxonomy = taxonomy
        self.max_new_tokens = max_new_tokens  # the empty think block (4 tokens) + a label + <|im_end|>
        self.tokenizer: Any = AutoTokenizer.from_pretrained(model_dir)
        self.model: Any = AutoModelForCausalLM.from_pretrained(model_dir, dtype=torch.float32).eval()
        self._torch = torch

    def prompt_ids(self, text: str) -> list[int]:
        """Token ids of the served prompt for (masked) ``text``."""
        ids = self.tokenizer.apply_chat_template(
            build_messages(self.taxonomy, text),
            add_generation_prompt=True,
            enable_thinking=False,
            tokenize=True,
            return_dict=False,
        )
        return list(ids)

    def answer(self, text: str) -> str:
        """The greedy answer to masked ``text``, special tokens dropped."""
        ids = self._torch.tensor([self.prompt_ids(text)])
        with self._torch.no_grad():
            out = self.model.generate(
                ids,
                attention_mask=self._torch.ones_like(ids),
                max_new_tokens=self.max_new_tokens,
                do_sample=False,
                temperature=None,
                top_p=None,
                top_k=None,
                pad_token_id=self.tokenizer.pad_token_id,
            )
        answer: str = self.tokenizer.decode(out[0, ids.shape[1] :], skip_special_tokens=True)
        return answer.replace("<think>", "").replace("</think>", "").strip()

    def predict(self, text: str) -> str:
        """Intent id of the answer to raw ``text`` (masked first, as served), or ``"invalid"``."""
        answer = self.answer(mask_pii(text).text)
        for intent in self.taxonomy:
            if answer == intent.label:
                return intent.id
        return INVALID


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("model_dir", type=Path)
    parser.add_argument("--data", type=Path, required=True, help="labelled JSONL")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N rows")
    args = parser.parse_args(argv)
    from training.records import read_examples

    taxonomy = load_taxonomy()
    examples = read_examples(args.data, taxonomy)[: args.limit]
    classifier = LocalGenerativeClassifier(args.model_dir, taxonomy)
    started = time.perf_counter()
    guesses = [classifier.predict(e.text) for e in examples]
    seconds = time.perf_counter() - started
    right = sum(g == e.label for g, e in zip(guesses, examples, strict=True))
    invalid = sum(g == INVALID for g in guesses)
    print(
        f"{args.model_dir}: accuracy {right / len(examples):.3f} ({right}/{len(examples)}), "
        f"invalid {invalid}, {1000 * seconds / len(examples):.0f} ms/row"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
