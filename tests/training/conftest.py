"""The ``train_llm`` marker and the rule for its missing dependencies.

Tests marked ``train_llm`` need torch, transformers and ms-swift (the ``train-llm`` extra, ``.venv-train``).
They skip where those are missing, so the light suite runs anywhere, except in a CI run that selected them
(``CI=true`` and ``-m train_llm``): there a missing package is a failure, not a quiet skip.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

TRAIN_LLM_MARKER = "train_llm"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{TRAIN_LLM_MARKER}: needs torch/transformers/ms-swift (.venv-train); real CPU training runs",
    )


def _train_llm_required(config: pytest.Config) -> bool:
    expression = config.getoption("markexpr") or ""
    selected = TRAIN_LLM_MARKER in expression and f"not {TRAIN_LLM_MARKER}" not in expression
    return os.environ.get("CI", "").lower() == "true" and selected


@pytest.fixture(scope="session")
def need(pytestconfig: pytest.Config) -> Callable[[str], ModuleType]:
    """``need("torch")`` imports a train-llm dependency: skip if missing, fail under CI's train_llm run."""

    def importer(name: str) -> ModuleType:
        if _train_llm_required(pytestconfig):
            return importlib.import_module(name)
        return pytest.importorskip(name)

    return importer


class FakeOpenAI:
    """A small OpenAI-compatible server for the data and eval tools' logic (not a model).

    ``chat/completions`` answers a generation request (any system prompt but the serving one) with the next
    string of ``generations``, and a classification request (the serving prompt) with ``labels[user text]``
    or ``default_label``; ``/classify`` (vLLM pooling) puts probability 0.9 on that label's index.
    ``requests`` records every body.
    """

    def __init__(self) -> None:
        from service.prompt import build_system_prompt
        from service.taxonomy import load_taxonomy

        self.taxonomy = load_taxonomy()
        self.serving_system = build_system_prompt(self.taxonomy)
        self.generations: list[str] = []
        self.labels: dict[str, str] = {}
        self.default_label = "其他"
        self.requests: list[dict[str, Any]] = []

    def _label_for(self, body: dict[str, Any]) -> str:
        user = next(m["content"] for m in body["messages"] if m["role"] == "user")
        return self.labels.get(user, self.default_label)

    async def _chat(self, request: Request) -> Response:
        body = await request.json()
        self.requests.append(body)
        system = body["messages"][0]["content"]
        content = self._label_for(body) if system == self.serving_system else self.generations.pop(0)
        choice = {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}
        return JSONResponse(
            {"id": "x", "object": "chat.completion", "model": body["model"], "choices": [choice]}
        )

    async def _classify(self, request: Request) -> Response:
        body = await request.json()
        self.requests.append(body)
        index = self.taxonomy.labels.index(self._label_for(body))
        probs = [0.9 if i == index else 0.02 for i in range(len(self.taxonomy))]
        return JSONResponse({"data": [{"index": 0, "label": self.taxonomy.ids[index], "probs": probs}]})

    def app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/v1/chat/completions", self._chat, methods=["POST"]),
                Route("/classify", self._classify, methods=["POST"]),
            ]
        )


@pytest.fixture
def fake_openai() -> Iterator[tuple[FakeOpenAI, str]]:
    """A running :class:`FakeOpenAI`; yields it and its root URL (the OpenAI base is ROOT/v1)."""
    from support import serve_in_thread

    server = FakeOpenAI()
    with serve_in_thread(server.app()) as url:
        yield server, url
