"""The production classifier: the fine-tuned Qwen3 served by vLLM, asked in one of three ways.

generate     chat completion, temperature 0, output constrained to the labels
             (``structured_outputs.choice``), confidence = product of the answer tokens' probabilities.
first_token  one generated token; the distribution comes from the labels' first tokens among
             ``top_logprobs`` (valid only when the labels' first tokens are distinct).
classify     vLLM's pooling runner (``POST /classify``): one forward pass, softmax over the labels in
             taxonomy order (the served config's ``id2label`` must follow ``data/intents.yaml``).

All three send the same messages (:func:`service.prompt.build_messages`), so the system prompt is a
byte-identical prefix and vLLM's prefix cache serves it.
"""

from __future__ import annotations

import math
from typing import Any

from service.backends import BackendClient
from service.backends.protocol import (
    ChatCompletionRequest,
    ChatCompletionResponse,
    ChatMessage,
    PoolingClassifyRequest,
    PoolingClassifyResponse,
)
from service.classify.base import Prediction
from service.prompt import build_messages
from service.settings import VllmMode
from service.taxonomy import Taxonomy

__all__ = ["VllmClassifier"]

# Qwen3 would otherwise open a <think> block before answering.
_NO_THINKING = {"enable_thinking": False}
_TOP_LOGPROBS = 20  # vLLM's default cap (--max-logprobs) is 20


class VllmClassifier:
    def __init__(self, client: BackendClient, *, taxonomy: Taxonomy, model: str, mode: VllmMode) -> None:
        self.name = f"vllm:{model}"
        self.mode = mode
        self._client = client
        self._taxonomy = taxonomy
        self._model = model
        self._system = build_messages(taxonomy, "")[0]["content"]
        # The pooling endpoint lives at the server root, not under the OpenAI-style /v1 prefix.
        self._classify_url = client.base_url.removesuffix("/v1") + "/classify"

    def _messages(self, text: str) -> list[ChatMessage]:
        return [ChatMessage(role="system", content=self._system), ChatMessage(role="user", content=text)]

    async def classify(self, text: str, *, deadline: float) -> Prediction:
        """Ask vLLM. Raises :class:`service.errors.BackendError` subclasses; see ``BackendClient.post``."""
        if self.mode is VllmMode.CLASSIFY:
            body: PoolingClassifyRequest | ChatCompletionRequest = PoolingClassifyRequest(
                model=self._model, messages=self._messages(text), chat_template_kwargs=_NO_THINKING
            )
            return await self._client.post(self._classify_url, body, self._parse_pooling, deadline=deadline)
        generate = self.mode is VllmMode.GENERATE
        body = ChatCompletionRequest(
            messages=self._messages(text),
            model=self._model,
            logprobs=True,
            # Enough for the longest label; the choice constraint ends generation at a full label.
            max_tokens=16 if generate else 1,
            temperature=0.0,
            top_logprobs=_TOP_LOGPROBS,
            structured_outputs={"choice": list(self._taxonomy.labels)} if generate else None,
            chat_template_kwargs=_NO_THINKING,
        )
        parse = self._parse_generated if generate else self._parse_first_token
        return await self._client.post("chat/completions", body, parse, deadline=deadline)

    def _parse_generated(self, payload: dict[str, Any]) -> Prediction:
        response = ChatCompletionResponse.model_validate(payload)
        answer = response.text.strip()
        try:
            intent = self._taxonomy.by_label(answer)
        except KeyError:
            # The answer itself stays out of the message: errors reach the logs.
            raise ValueError(f"answer of {len(answer)} characters is not one of the labels") from None
        tokens = response.token_logprobs
        confidence = math.exp(sum(t.logprob for t in tokens)) if tokens else 0.0
        return Prediction(
            intent=intent.id,
            confidence=min(1.0, confidence),
            classifier=self.name,
            scores=self._first_token_scores(response),
        )

    def _parse_first_token(self, payload: dict[str, Any]) -> Prediction:
        response = ChatCompletionResponse.model_validate(payload)
        scores = self._first_token_scores(response)
        if not scores:
            raise ValueError("no label's first token among top_logprobs")
        best = max(scores, key=scores.__getitem__)
        return Prediction(intent=best, confidence=scores[best], classifier=self.name, scores=scores)

    def _first_token_scores(self, response: ChatCompletionResponse) -> dict[str, float] | None:
        """Renormalised probabilities of the labels whose first token appears in ``top_logprobs``.

        A label matches the top-logprob token that is the longest prefix of it; labels with no match
        get 0. Returns ``None`` when nothing matched (the distribution is then unknown).
        """
        tokens = response.token_logprobs
        if not tokens:
            return None
        candidates = {t.token: t.logprob for t in tokens[0].top_logprobs} or {
            tokens[0].token: tokens[0].logprob
        }
        raw: dict[str, float] = {}
        for intent in self._taxonomy:
            prefixes = [tok for tok in candidates if tok and intent.label.startswith(tok)]
            raw[intent.id] = math.exp(candidates[max(prefixes, key=len)]) if prefixes else 0.0
        total = sum(raw.values())
        if total <= 0.0:
            return None
        return {k: v / total for k, v in raw.items()}

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
