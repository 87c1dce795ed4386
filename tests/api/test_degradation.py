"""Slow, failing and lying back-ends never cause a 5xx: the request degrades, inside its budget.

The back-ends here are a small misbehaving server (tests/support.py) on loopback, or a dead port."""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import AbstractContextManager

import httpx
import pytest
from support import FaultServer, post_json

pytestmark = pytest.mark.integration

Gateway = Callable[..., AbstractContextManager[str]]


def route(base: str, text: str = "帮我找个通州的一居室", **extra: object) -> tuple[dict[str, object], float]:
    started = time.monotonic()
    r = post_json(f"{base}/v1/route", {"text": text, **extra})
    elapsed = time.monotonic() - started
    assert r.status_code == 200, r.text
    return r.json(), elapsed


def test_vllm_answer_is_used_when_it_is_healthy(
    gateway: Gateway, fault_server: tuple[FaultServer, str]
) -> None:
    server, url = fault_server
    server.answer = "预约看房"
    with gateway(classifier="vllm", vllm_base_url=url, vllm_model="tiny") as base:
        body, _ = route(base)
    assert body["intent"] == "book_viewing"  # vLLM's answer, not the embedded one
    assert body["classifier"] == "vllm:tiny"
    assert body["degraded"] is False


@pytest.mark.parametrize(
    ("mode", "reason"),
    [("error", "vllm_unavailable"), ("garbage", "vllm_bad_response"), ("wrong_shape", "vllm_bad_response")],
)
def test_failing_vllm_degrades_to_the_embedded_classifier(
    gateway: Gateway, fault_server: tuple[FaultServer, str], mode: str, reason: str
) -> None:
    server, url = fault_server
    server.mode = mode
    with gateway(classifier="vllm", vllm_base_url=url) as base:
        body, _ = route(base)
    assert body["degraded"] is True
    assert body["degraded_reason"] == reason
    assert body["classifier"] == "embedded"
    assert body["intent"] == "find_listing"


def test_off_taxonomy_answer_degrades(gateway: Gateway, fault_server: tuple[FaultServer, str]) -> None:
    server, url = fault_server
    server.answer = "我觉得是找房吧"
    with gateway(classifier="vllm", vllm_base_url=url) as base:
        body, _ = route(base)
    assert body["degraded_reason"] == "vllm_bad_response"


def test_refused_connection_degrades_at_once(gateway: Gateway, dead_url: str) -> None:
    with gateway(classifier="vllm", vllm_base_url=dead_url) as base:
        body, elapsed = route(base)
    assert body["degraded_reason"] == "vllm_unavailable"
    assert elapsed < 0.5


def test_hanging_vllm_is_cut_off_at_the_budget(
    gateway: Gateway, fault_server: tuple[FaultServer, str]
) -> None:
    server, url = fault_server
    server.mode = "hang"
    with gateway(classifier="vllm", vllm_base_url=url, budget_ms=300) as base:
        body, elapsed = route(base)
        metrics = httpx.get(f"{base}/metrics").text
    assert body["degraded_reason"] == "vllm_timeout"
    assert 0.29 <= elapsed < 0.6
    assert body["timings_ms"]["classify"] >= 290
    assert 'intent_router_budget_exceeded_total{stage="classify"}' in metrics


def test_per_request_budget_overrides_the_default(
    gateway: Gateway, fault_server: tuple[FaultServer, str]
) -> None:
    server, url = fault_server
    server.mode = "hang"
    with gateway(classifier="vllm", vllm_base_url=url, budget_ms=2000) as base:
        body, elapsed = route(base, budget_ms=100)
    assert body["degraded_reason"] == "vllm_timeout"
    assert elapsed < 0.5


def test_breaker_opens_and_later_calls_skip_vllm(
    gateway: Gateway, fault_server: tuple[FaultServer, str]
) -> None:
    server, url = fault_server
    server.mode = "error"
    with gateway(classifier="vllm", vllm_base_url=url, breaker_failures=3, breaker_reset_s=60) as base:
        reasons = [route(base)[0]["degraded_reason"] for _ in range(5)]
        ready = httpx.get(f"{base}/readyz").json()
    assert reasons == ["vllm_unavailable"] * 3 + ["vllm_circuit_open"] * 2
    assert len(server.requests) == 3
    vllm = next(b for b in ready["backends"] if b["name"] == "vllm")
    assert vllm["breaker"] == "open"
    assert ready["ready"] is True  # the embedded classifier still answers


def test_cascade_asks_vllm_only_below_the_threshold(
    gateway: Gateway, fault_server: tuple[FaultServer, str]
) -> None:
    server, url = fault_server
    with gateway(classifier="cascade", vllm_base_url=url, cascade_threshold=1.0) as base:
        body, _ = route(base)
    assert len(server.requests) == 1  # nothing clears a threshold of 1.0
    assert body["classifier"].startswith("vllm:")
    with gateway(classifier="cascade", vllm_base_url=url, cascade_threshold=0.0) as base:
        body, _ = route(base)
    assert len(server.requests) == 1  # everything clears 0.0: vLLM not asked again
    assert body["classifier"] == "embedded"


def test_fallback_reply_is_returned_masked(gateway: Gateway, fault_server: tuple[FaultServer, str]) -> None:
    server, url = fault_server
    server.answer = "您可以打13912345678联系我们"
    with gateway(fallback_base_url=url, fallback_model="big") as base:
        body, _ = route(base, text="今天天气怎么样")
    assert body["decision"] == "fallback"
    assert body["reply"] == "您可以打<PHONE_1>联系我们"
    assert body["degraded"] is False
    assert server.requests[0]["model"] == "big"


def test_fallback_sees_masked_text_and_history(
    gateway: Gateway, fault_server: tuple[FaultServer, str]
) -> None:
    server, url = fault_server
    server.answer = "好的"
    history = [{"role": "user", "content": "我手机13812345678"}, {"role": "assistant", "content": "收到"}]
    with gateway(fallback_base_url=url) as base:
        route(base, text="我的邮箱是zhang.san@example.com，今天天气怎么样", history=history)
    sent = str(server.requests[0]["messages"])
    assert "13812345678" not in sent and "zhang.san@example.com" not in sent
    assert "<PHONE_1>" in sent and "<EMAIL_1>" in sent


def test_hanging_fallback_yields_the_apology_inside_its_budget(
    gateway: Gateway, fault_server: tuple[FaultServer, str]
) -> None:
    server, url = fault_server
    server.mode = "hang"
    with gateway(fallback_base_url=url, budget_ms=200, fallback_budget_ms=400) as base:
        body, elapsed = route(base, text="今天天气怎么样")
    assert body["decision"] == "fallback"
    assert body["degraded_reason"] == "fallback_timeout"
    assert body["reply"] == "抱歉，这个问题我暂时回答不了，我帮您转人工客服好吗？"
    assert 0.39 <= elapsed < 0.8


def test_both_backends_down_every_answer_is_200_degraded_inside_the_budget(
    gateway: Gateway, dead_url: str
) -> None:
    with gateway(
        classifier="vllm", vllm_base_url=dead_url, fallback_base_url=dead_url, budget_ms=800
    ) as base:
        for text in ("帮我找个通州的一居室", "附近有什么好玩的地方", "你会唱歌吗", "合同可以提前解约吗"):
            body, elapsed = route(base, text=text)
            assert body["degraded"] is True
            assert elapsed < 0.8
            if body["decision"] == "fallback":
                assert body["reply"]


def test_without_a_fallback_model_the_long_tail_gets_the_apology(gateway: Gateway) -> None:
    with gateway(fallback_base_url=None) as base:
        body, _ = route(base, text="今天天气怎么样")
    assert body["decision"] == "fallback"
    assert body["reply"] == "抱歉，这个问题我暂时回答不了，我帮您转人工客服好吗？"
    assert body["degraded_reason"] == "fallback_unconfigured"
