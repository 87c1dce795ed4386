"""Self-Instruct: new utterances for one intent from any OpenAI-compatible endpoint, filtered.

    intent-router data synth --endpoint http://127.0.0.1:8000/v1 --model Qwen3-32B --intent video_tour \\
        --n 100 --data data/intents/train.jsonl --out data/synth/video_tour.jsonl

The case study synthesised about 300 of its 1,000 rows, to fix a history biased towards a few intents and to
teach a brand-new one. Steps, in order, repeated until ``n`` rows are kept or ``max_requests`` is spent:

1. prompt the model with the intent's label and description (from the taxonomy), a few seed utterances drawn
   from the existing rows of that intent (or the taxonomy's examples for a brand-new one) and the other
   intents for contrast, asking for ``per_request`` new colloquial turns, one per line;
2. parse the lines (numbering, bullets and quotes stripped) and drop, counting each reason:
   ``bad_length`` (outside ``min_chars``–``max_chars`` after normalisation), ``duplicate`` (already
   generated in this run), ``near_copy`` (character similarity to an existing or kept row at least
   ``similarity_threshold``, :mod:`training.dedup`) and ``label_disagreement`` (the judge — the embedded
   classifier, or a model asked with the serving prompt — gives another intent);
3. write the kept rows as ``{"text", "label", "source"}`` and ``OUT.config.json`` (this config, the counts).
"""

from __future__ import annotations

import random
import re
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx

from service.prompt import build_messages
from service.sanitize import mask_pii
from service.taxonomy import Taxonomy
from training.dedup import NearDuplicateIndex, normalize
from training.records import Example

__all__ = [
    "DROP_REASONS",
    "Judge",
    "SynthConfig",
    "SynthResult",
    "chat",
    "llm_judge",
    "parse_utterances",
    "synthesize",
]

DROP_REASONS = ("bad_length", "duplicate", "near_copy", "label_disagreement")
_LIST_MARKER = re.compile(r"^\s*(?:[-*•·]|[（(]?\d{1,3}[.)）、．：:]|[（(]\d{1,3}[)）])\s*")
_QUOTES = "\"'“”‘’「」『』`"

# A judge takes masked text and returns an intent id (or None when it gives no usable answer).
Judge = Callable[[str], str | None]


@dataclass(frozen=True, slots=True)
class SynthConfig:
    intent: str  # intent id to generate for; its label and description come from the taxonomy
    n: int  # rows to keep
    model: str  # model name on the generation endpoint
    per_request: int = 10  # utterances asked for per call; more per call repeats itself more
    max_requests: int = 0  # calls before giving up; 0 = 3 × n / per_request + 3 (filters drop a lot)
    seeds_per_request: int = 5  # existing utterances shown as style examples, redrawn each call
    temperature: float = 1.0  # diversity matters more than precision here; the filters catch the misses
    min_chars: int = 2  # after normalisation; "嗯" is not an intent
    max_chars: int = 40  # a voice turn; longer answers are usually the model explaining itself
    similarity_threshold: float = 0.8  # near-copy of existing data at or above (character bigram Jaccard)
    seed: int = 0  # seeds the choice of style examples
    timeout_s: float = 120.0  # per call; big models on busy endpoints are slow
    judge: str = "embedded"  # "embedded", "llm" (the judge endpoint with the serving prompt) or "none"

    def __post_init__(self) -> None:
        if self.n < 1 or self.per_request < 1 or self.seeds_per_request < 0 or self.max_requests < 0:
            raise ValueError(f"need n >= 1, per_request >= 1, seeds >= 0, max_requests >= 0; got {self}")
        if not 0 < self.min_chars <= self.max_chars:
            raise ValueError(f"need 0 < min_chars <= max_chars, got {self.min_chars}, {self.max_chars}")
        if not 0 < self.similarity_threshold <= 1:
            raise ValueError(f"similarity_threshold must be in (0, 1], got {self.similarity_threshold}")
        if self.judge not in ("embedded", "llm", "none"):
            raise ValueError(f"judge must be 'embedded', 'llm' or 'none', got {self.judge!r}")

    @property
    def request_budget(self) -> int:
        return self.max_requests or 3 * self.n // self.per_request + 3


@dataclass(slots=True)
class SynthResult:
    kept: list[Example] = field(default_factory=list)
    dropped: Counter[str] = field(default_factory=Counter)  # reason → count, reasons from DROP_REASONS
    generated: int = 0  # lines parsed from the model's answers
    requests: int = 0


def chat(client: httpx.Client, model: str, messages: list[dict[str, str]], **params: Any) -> str:
    """POST ``chat/completions`` and return the first choice's text.

    Raises ``httpx.HTTPError`` on transport errors or a non-2xx status, ``ValueError`` on a malformed body.
    """
    body = {"model": model, "messages": messages, **params}
    response = client.post("chat/completions", json=body)
    response.raise_for_status()
    try:
        content = response.json()["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise ValueError(f"malformed chat completion: {response.text[:200]!r}") from exc
    return content if isinstance(content, str) else ""


def parse_utterances(answer: str) -> list[str]:
    """Split a model's answer into utterances: one per line, list markers and quotes stripped.

    A ``<think>…</think>`` block (reasoning models) is removed first.
    """
    answer = re.sub(r"<think>.*?</think>", "", answer, flags=re.DOTALL)
    out = []
    for line in answer.splitlines():
        text = _LIST_MARKER.sub("", line).strip().strip(_QUOTES).strip()
        if text:
            out.append(text)
    return out


def _generation_messages(
    taxonomy: Taxonomy, config: SynthConfig, seeds: Sequence[str]
) -> list[dict[str, str]]:
    intent = taxonomy.get(config.intent)
    others = "\n".join(f"- {i.label}：{i.description}" for i in taxonomy if i.id != intent.id)
    examples = "\n".join(f"- {s}" for s in seeds) or "（暂无）"
    prompt = (
        f"我们在训练租房语音助手的意图识别模型。请为意图「{intent.label}」（{intent.description}）"
        f"写 {config.per_request} 句新的用户说法。\n\n"
        f"已有的例子（只参考风格，不要照抄或改写）：\n{examples}\n\n"
        f"注意与这些意图区分开，不要写成它们：\n{others}\n\n"
        "要求：像真人对着手机说话，口语化，可以有语气词、停顿、不完整的句子，数字用汉字；"
        f"每句 {config.min_chars} 到 {config.max_chars} 个字；句式、场景、用词尽量多样；"
        "每行一句，不要编号，不要解释。"
    )
    return [
        {"role": "system", "content": "你是一个帮助构造中文训练数据的助手。"},
        {"role": "user", "content": prompt},
    ]


def llm_judge(client: httpx.Client, model: str, taxonomy: Taxonomy) -> Judge:
    """A judge that asks ``model`` with the serving prompt (thinking off, greedy) and resolves its label."""

    def judge(text: str) -> str | None:
        answer = chat(
            client,
            model,
            build_messages(taxonomy, text),
            temperature=0.0,
            max_tokens=16,
            chat_template_kwargs={"enable_thinking": False},
        )
        answer = re.sub(r"<think>.*?</think>", "", answer, flags=re.DOTALL).strip()
        for intent in taxonomy:
            if answer == intent.label or answer == intent.id:
                return intent.id
        return None

    return judge


def synthesize(
    taxonomy: Taxonomy,
    config: SynthConfig,
    *,
    client: httpx.Client,
    existing: Sequence[Example],
    judge: Judge | None,
    progress: Callable[[str], object] = lambda line: print(line, file=sys.stderr),
) -> SynthResult:
    """Generate and filter until ``config.n`` rows are kept or the request budget is spent.

    ``existing`` rows are both the style seeds (those of ``config.intent``) and the near-copy reference (all
    of them). ``judge`` is None for no label check. Raises ``KeyError`` for an intent not in the taxonomy
    and ``httpx.HTTPError`` if the endpoint fails.
    """
    intent = taxonomy.get(config.intent)
    rng = random.Random(config.seed)
    pool = [e.text for e in existing if e.label == intent.id] or list(intent.examples)
    index = NearDuplicateIndex([e.text for e in existing])
    generated_keys: set[str] = set()
    result = SynthResult()
    while len(result.kept) < config.n and result.requests < config.request_budget:
        seeds = rng.sample(pool, min(config.seeds_per_request, len(pool)))
        answer = chat(
            client,
            config.model,
            _generation_messages(taxonomy, config, seeds),
            temperature=config.temperature,
            chat_template_kwargs={"enable_thinking": False},
        )
        result.requests += 1
        for text in parse_utterances(answer):
            result.generated += 1
            reason = _drop_reason(text, config, generated_keys, index, judge, intent.id)
            generated_keys.add(normalize(text))
            if reason:
                result.dropped[reason] += 1
                continue
            index.add(text)
            result.kept.append(
                Example(text=text, label=intent.id, source=f"synthetic:self-instruct/{config.model}")
            )
            if len(result.kept) >= config.n:
                break
        dropped = ", ".join(f"{r} {result.dropped[r]}" for r in DROP_REASONS if result.dropped[r])
        progress(
            f"request {result.requests}/{config.request_budget}: kept {len(result.kept)}/{config.n}"
            f" of {result.generated} generated" + (f"; dropped {dropped}" if dropped else "")
        )
    return result


def _drop_reason(
    text: str,
    config: SynthConfig,
    generated_keys: set[str],
    index: NearDuplicateIndex,
    judge: Judge | None,
    intent_id: str,
) -> str | None:
    key = normalize(text)
    if not config.min_chars <= len(key) <= config.max_chars:
        return "bad_length"
    if key in generated_keys:
        return "duplicate"
    score, _ = index.closest(text)
    if score >= config.similarity_threshold:
        return "near_copy"
    if judge is not None and judge(mask_pii(text).text) != intent_id:
        return "label_disagreement"
    return None
