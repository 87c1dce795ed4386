"""The long-tail path: an OpenAI-compatible general model (DeepSeek-V3 by default) answers.

It only ever sees masked text; the pipeline masks its reply again before returning it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from service.backends import BackendClient
from service.backends.protocol import ChatCompletionRequest, ChatCompletionResponse, ChatMessage

__all__ = ["FallbackModel"]


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
        body = ChatCompletionRequest(
            messages=[self._system, *history, ChatMessage(role="user", content=text)],
            model=self._model,
            max_tokens=self._max_tokens,
            temperature=0.3,
        )
        return await self._client.post("chat/completions", body, _reply_text, deadline=deadline)
