"""Typed bodies for the OpenAI-compatible calls we make (vLLM and the fallback model).

Only the fields we send or read are modelled. Requests follow the order of the OpenAI chat-completions
reference (https://platform.openai.com/docs/api-reference/chat/create); vLLM-only extras come last.
Responses ignore unknown fields: servers add fields freely, and we must not break when they do.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "ChatCompletionChunk",
    "ChatCompletionRequest",
    "ChatCompletionResponse",
    "ChatMessage",
    "PoolingClassifyRequest",
    "PoolingClassifyResponse",
    "TokenLogprob",
    "TokenizeRequest",
    "TokenizeResponse",
    "TopLogprob",
]


class _Inbound(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    role: Literal["system", "user", "assistant"]
    content: str


class ChatCompletionRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    messages: list[ChatMessage]
    model: str
    logprobs: bool | None = None
    max_tokens: int | None = Field(default=None, gt=0)
    stream: bool = False
    temperature: float | None = Field(default=None, ge=0.0, le=2.0)
    top_logprobs: int | None = Field(default=None, ge=0, le=20)
    # --- vLLM extras -------------------------------------------------------------------------------
    # `guided_choice` is silently ignored by current vLLM; `structured_outputs` is the field it reads.
    structured_outputs: dict[str, Any] | None = None
    # Logprob tokens come back as "token_id:123": exact ids instead of decoded text, which is ambiguous
    # for tokens that are only part of a UTF-8 character.
    return_tokens_as_token_ids: bool | None = None
    chat_template_kwargs: dict[str, Any] | None = Field(
        default=None, description="e.g. {'enable_thinking': False} so Qwen3 answers without thinking"
    )


class TopLogprob(_Inbound):
    token: str
    logprob: float


class TokenLogprob(_Inbound):
    token: str
    logprob: float
    top_logprobs: list[TopLogprob] = Field(default_factory=list)


class _Logprobs(_Inbound):
    content: list[TokenLogprob] | None = None


class _Message(_Inbound):
    content: str | None = None


class _Choice(_Inbound):
    message: _Message
    logprobs: _Logprobs | None = None
    finish_reason: str | None = None


class ChatCompletionResponse(_Inbound):
    choices: list[_Choice] = Field(min_length=1)

    @property
    def text(self) -> str:
        return self.choices[0].message.content or ""

    @property
    def token_logprobs(self) -> list[TokenLogprob]:
        logprobs = self.choices[0].logprobs
        return list(logprobs.content or ()) if logprobs is not None else []


class _Delta(_Inbound):
    content: str | None = None


class _ChunkChoice(_Inbound):
    delta: _Delta
    finish_reason: str | None = None


class ChatCompletionChunk(_Inbound):
    """One server-sent event of a streamed chat completion (``stream: true``)."""

    choices: list[_ChunkChoice] = Field(default_factory=list)  # the usage-only last chunk has none

    @property
    def text(self) -> str:
        return "".join(choice.delta.content or "" for choice in self.choices[:1])


class PoolingClassifyRequest(BaseModel):
    """vLLM's pooling ``POST /classify`` with chat messages (served with ``--runner pooling``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    model: str
    messages: list[ChatMessage]
    # The default (False) ends the prompt at <|im_end|>, not where the label would start.
    add_generation_prompt: bool = True
    chat_template_kwargs: dict[str, Any] | None = None


class _ClassifyItem(_Inbound):
    label: str | None = None
    probs: list[float] = Field(min_length=1)


class PoolingClassifyResponse(_Inbound):
    data: list[_ClassifyItem] = Field(min_length=1)


class TokenizeRequest(BaseModel):
    """vLLM's ``POST /tokenize`` for plain text."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    model: str
    prompt: str
    add_special_tokens: bool = False


class TokenizeResponse(_Inbound):
    tokens: list[int]
