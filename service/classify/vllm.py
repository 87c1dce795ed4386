"""The production classifier: the fine-tuned Qwen3 served by vLLM, asked in one of three ways.

generate     chat completion, temperature 0, output constrained to the labels
             (``structured_outputs.choice``); confidence = product of the answer tokens' probabilities.
first_token  one generated token; the distribution over intents comes from each label's first token
             among ``top_logprobs``, matched by token id. Valid only when the labels' first tokens
             are distinct, which :meth:`VllmClassifier.prepare` checks through vLLM's ``/tokenize``.
classify     vLLM's pooling runner (``POST /classify``): one forward pass, softmax over the labels in
             taxonomy order (the served config's ``id2label`` must follow ``data/intents.yaml``).

All three send the same messages (:func:`service.prompt.build_messages`), so the system prompt is a
byte-identical prefix and vLLM's prefix cache serves it.
"""

from __future__ import annotations

import asyncio
import math
from typing import Any

from service.backends import BackendClient
from service.backends.protocol import (
    ChatCompletionRequest,
    ChatCompletionResponse,
    ChatMessage,
    PoolingClassifyRequest,
    PoolingClassifyResponse,
    TokenizeRequest,
    TokenizeResponse,
)
from service.classify.base import Prediction
from service.errors import ConfigurationError
from service.prompt import build_system_prompt
from service.settings import VllmMode
from service.taxonomy import Taxonomy

__all__ = ["VllmClassifier"]

# Qwen3 would otherwise open a <think> block before answering.
_NO_THINKING = {"enable_thinking": False}
_TOP_LOGPROBS = 20  # vLLM's default cap (--max-logprobs) is 20
_TOKEN_ID_PREFIX = "token_id:"


class VllmClassifier:
    def __init__(self, client: BackendClient, *, taxonomy: Taxonomy, model: str, mode: VllmMode) -> None:
        self.name = f"vllm:{model}"
        self.mode = mode
        self._client = client
        self._taxonomy = taxonomy
        self._model = model
        self._system = ChatMessage(role="system", content=build_system_prompt(taxonomy))
        root = client.base_url.removesuffix("/v1")
        # The pooling and tokenizer endpoints live at the server root, not under /v1.
        self._classify_url = f"{root}/classify"
        self._tokenize_url = f"{root}/tokenize"
        self._first_tokens: dict[int, str] | None = None  # first token id → intent id

    async def prepare(self, *, deadline: float) -> None:
        """Learn what the mode needs from the server (``first_token``: each label's first token id).

        Raises :class:`ConfigurationError` when two labels share a first token (the mode cannot tell
        them apart), and :class:`service.errors.BackendError` when the server cannot be asked.
        """
        if self.mode is not VllmMode.FIRST_TOKEN or self._first_tokens is not None:
            return

        def first_token(payload: dict[str, Any]) -> int:
            tokens = TokenizeResponse.model_validate(payload).tokens
            if not tokens:
                raise ValueError("empty tokenization")
            return tokens[0]

        requests = [
            self._client.post(
                self._tokenize_url,
                TokenizeRequest(model=self._model, prompt=intent.label),
                first_token,
                deadline=deadline,
            )
            for intent in self._taxonomy
        ]
        ids = await asyncio.gather(*requests)
        if len(set(ids)) != len(ids):
            shared = sorted({i.label for i, t in zip(self._taxonomy, ids, strict=True) if ids.count(t) > 1})
            raise ConfigurationError(
                f"vllm_mode=first_token needs labels with distinct first tokens; {shared} share one. "
                "Use vllm_mode=generate or classify, or relabel the taxonomy."
            )
        self._first_tokens = {t: i.id for i, t in zip(self._taxonomy, ids, strict=True)}

    async def classify(self, text: str, *, deadline: float) -> Prediction:
        """Ask vLLM. Raises :class:`service.errors.BackendError` subclasses; see ``BackendClient.post``."""
        if self.mode is VllmMode.FIRST_TOKEN:
            await self.prepare(deadline=deadline)
        url, body = self.build_request(text)
        parse = {
            VllmMode.GENERATE: self._parse_generated,
            VllmMode.FIRST_TOKEN: self._parse_first_token,
            VllmMode.CLASSIFY: self._parse_pooling,
        }[self.mode]
        return await self._client.post(url, body, parse, deadline=deadline)

    def build_request(self, text: str) -> tuple[str, ChatCompletionRequest | PoolingClassifyRequest]:
        """The URL (relative to the client's base, or absolute) and body this mode sends for ``text``.

        Public so that benchmarks can send vLLM exactly what the gateway sends.
        """
        messages = [self._system, ChatMessage(role="user", content=text)]
        if self.mode is VllmMode.CLASSIFY:
            return self._classify_url, PoolingClassifyRequest(
                model=self._model, messages=messages, chat_template_kwargs=_NO_THINKING
            )
        if self.mode is VllmMode.FIRST_TOKEN:
            return "chat/completions", self._chat(
                messages, max_tokens=1, top_logprobs=_TOP_LOGPROBS, return_tokens_as_token_ids=True
            )
        # Enough tokens for the longest label; the choice constraint ends generation at a full label.
        return "chat/completions", self._chat(
            messages, max_tokens=16, structured_outputs={"choice": list(self._taxonomy.labels)}
        )

    def _chat(self, messages: list[ChatMessage], **mode: Any) -> ChatCompletionRequest:
        """The chat request both chat modes send: greedy, with logprobs, thinking off; ``mode`` adds
        what differs between them."""
        return ChatCompletionRequest(
            messages=messages,
            model=self._model,
            logprobs=True,
            temperature=0.0,
            chat_template_kwargs=_NO_THINKING,
            **mode,
        )

    def _parse_generated(self, payload: dict[str, Any]) -> Prediction:
        response = ChatCompletionResponse.model_validate(payload)
        answer = response.text.strip()
        try:
            intent = self._taxonomy.by_label(answer)
        except KeyError:
            # The answer itself stays out of the message: errors reach the logs.
            raise ValueError(f"answer of {len(answer)} characters is not one of the labels") from None
        tokens = response.token_logprobs
        if not tokens:
            raise ValueError("no logprobs in the answer (was logprobs refused?)")
        # vLLM reports logprobs of the raw distribution, before the choice constraint, so this is the
        # model's own belief in the answer, not 1.0 by construction.
        confidence = math.exp(sum(t.logprob for t in tokens))
        return Prediction(intent=intent.id, confidence=min(1.0, confidence), classifier=self.name)

    def _parse_first_token(self, payload: dict[str, Any]) -> Prediction:
        assert self._first_tokens is not None  # prepare() ran before the request was sent
        tokens = ChatCompletionResponse.model_validate(payload).token_logprobs
        if not tokens:
            raise ValueError("no logprobs in the answer")
        raw = dict.fromkeys(self._taxonomy.ids, 0.0)
        for top in tokens[0].top_logprobs:
            token_id = int(top.token.removeprefix(_TOKEN_ID_PREFIX))
            if token_id in self._first_tokens:
                raw[self._first_tokens[token_id]] = math.exp(top.logprob)
        total = sum(raw.values())
        if total <= 0.0:
            raise ValueError(f"no label's first token among the top {_TOP_LOGPROBS}")
        scores = {k: v / total for k, v in raw.items()}
        best = max(scores, key=scores.__getitem__)
        return Prediction(intent=best, confidence=scores[best], classifier=self.name, scores=scores)

    def _parse_pooling(self, payload: dict[str, Any]) -> Prediction:
        item = PoolingClassifyResponse.model_validate(payload).data[0]
        if len(item.probs) != len(self._taxonomy):
            raise ValueError(f"{len(item.probs)} classes served, taxonomy has {len(self._taxonomy)}")
        total = sum(item.probs)
        if not math.isfinite(total) or total <= 0.0:
            raise ValueError(f"probabilities sum to {total}")
        scores = {intent.id: p / total for intent, p in zip(self._taxonomy, item.probs, strict=True)}
        best = max(scores, key=scores.__getitem__)
        return Prediction(intent=best, confidence=scores[best], classifier=self.name, scores=scores)
