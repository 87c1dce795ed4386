"""The long-tail path: an OpenAI-compatible general model (DeepSeek-V3 by default) answers.

It only ever sees masked text; the pipeline masks its reply again before returning it.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Sequence
from typing import Any

from service.backends import BackendClient
from service.backends.protocol import (
    ChatCompletionChunk,
    ChatCompletionRequest,
    ChatCompletionResponse,
    ChatMessage,
)
from service.errors import BackendBadResponse

__all__ = ["FallbackModel"]


def _delta_text(payload: dict[str, Any]) -> str:
    return ChatCompletionChunk.model_validate(payload).text


def _reply_text(payload: dict[str, Any]) -> str:
    text = ChatCompletionResponse.model_validate(payload).text.strip()
    if not text:
        raise ValueError("empty reply")
    return text


class FallbackModel:
    def __init__(self, client: BackendClient, *, model: str, system_prompt: str, max_tokens: int) -> None:
        self.name = f"fallback:{model}"
        self._client = client
        self._model = model
        self._system = ChatMessage(role="system", content=system_prompt)
        self._max_tokens = max_tokens

    async def reply(self, text: str, *, history: Sequence[ChatMessage] = (), deadline: float) -> str:
        """Return the model's answer to ``text`` (masked) after ``history`` (masked, oldest first).

        Raises :class:`service.errors.BackendError` subclasses on failure or when ``deadline`` passes.
        """
        return await self._client.post(
            "chat/completions", self._request(text, history, stream=False), _reply_text, deadline=deadline
        )

    async def stream_reply(
        self, text: str, *, history: Sequence[ChatMessage] = (), deadline: float
    ) -> AsyncGenerator[str, None]:
        """As :meth:`reply`, as the model writes it: text deltas, in order, unmasked.

        Raises the same errors from the iteration, and :class:`service.errors.BackendBadResponse` at
        the end when the model said nothing.
        """
        said = False
        request = self._request(text, history, stream=True)
        async for delta in self._client.stream("chat/completions", request, _delta_text, deadline=deadline):
            if delta:
                said = True
                yield delta
        if not said:
            raise BackendBadResponse(self._client.name, "empty reply")

    def _request(self, text: str, history: Sequence[ChatMessage], *, stream: bool) -> ChatCompletionRequest:
        return ChatCompletionRequest(
            messages=[self._system, *history, ChatMessage(role="user", content=text)],
            model=self._model,
            max_tokens=self._max_tokens,
            stream=stream,
            temperature=0.3,
        )
