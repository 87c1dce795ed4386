"""What the gateway adds on top of calling vLLM directly, per classify mode (issue 7).

    # two vLLM servers on loopback: the generative checkpoint, and a pooling one (classify mode)
    .venv/bin/python -m loadtest.vllm_overhead --chat-url http://127.0.0.1:8000 \\
        --pool-url http://127.0.0.1:8001 --model tiny --rate 5 --duration 20

For each mode (generate, first_token, classify), in order:

1. start ``intent-router serve`` with ``CLASSIFIER=vllm`` in that mode, pointed at the right server (the
   fallback model at a dead loopback port, so nothing leaves this machine);
2. build both request sets from the same utterances: the gateway's ``/v1/classify`` body, and the body
   the gateway itself sends vLLM (:meth:`service.classify.vllm.VllmClassifier.build_request`), so the
   direct calls are byte-for-byte the model work the gateway asks for;
3. warm up, then offer ``--rate`` req/s to *each* of the two in one interleaved open-loop run;
4. report p50/p99 of both and their difference, the gateway's own stage timings, and degraded counts.

The difference is the gateway's overhead: sanitize, guard, JSON in and out, one more HTTP hop on
loopback. On a 2-core machine vLLM and the gateway share the CPU, so the numbers move with load; the
load average is printed with them.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import httpx

from loadtest.gateway_speed import start_gateway
from loadtest.http_request import TEXT_PLACEHOLDER, build_requests, build_templated_requests
from loadtest.mix import find_default_mix, load_mix
from loadtest.plan import Endpoint, RunConfig
from loadtest.result import EndpointResult
from loadtest.runner import run_load
from loadtest.target import parse_target
from service.backends import BackendClient
from service.breaker import CircuitBreaker
from service.classify.vllm import VllmClassifier
from service.settings import VllmMode
from service.taxonomy import load_taxonomy

__all__ = ["ModeOverhead", "main", "measure_mode"]


@dataclasses.dataclass(frozen=True, slots=True)
class ModeOverhead:
    mode: str
    direct: EndpointResult
    gateway: EndpointResult

    def row(self) -> str:
        d, g = self.direct.latency, self.gateway.latency
        stages = self.gateway.server.stages
        classify = stages["classify"].p50_ms if "classify" in stages else float("nan")
        total = stages["total"].p50_ms if "total" in stages else float("nan")
        return (
            f"| {self.mode} | {d.p50_ms:.1f} / {d.p99_ms:.1f} | {g.p50_ms:.1f} / {g.p99_ms:.1f} | "
            f"{g.p50_ms - d.p50_ms:+.1f} / {g.p99_ms - d.p99_ms:+.1f} | {classify:.1f} / {total:.1f} | "
            f"{self.gateway.server.degraded} | {self.direct.failed + self.gateway.failed} |"
        )


HEADER = (
    "| mode | vLLM direct p50 / p99 ms | via gateway p50 / p99 ms | overhead p50 / p99 ms | "
    "gateway classify / total p50 ms | degraded | failed |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
)


def _direct_template(mode: VllmMode, base_url: str, model: str) -> tuple[str, str]:
    """(absolute URL, JSON body template) of what the gateway sends vLLM in ``mode``."""
    client = BackendClient(
        "vllm", base_url=base_url, breaker=CircuitBreaker("vllm", failure_threshold=1, reset_s=1)
    )
    classifier = VllmClassifier(client, taxonomy=load_taxonomy(), model=model, mode=mode)
    url, body = classifier.build_request("@@TEXT@@")
    template = body.model_dump_json(exclude_none=True).replace('"@@TEXT@@"', TEXT_PLACEHOLDER)
    absolute = url if url.startswith("http") else f"{base_url}/{url}"
    return absolute, template


@contextmanager
def _gateway_for(mode: VllmMode, base_url: str, model: str, out: Path) -> Iterator[str]:
    settings = {
        "INTENT_ROUTER_CLASSIFIER": "vllm",
        "INTENT_ROUTER_VLLM_MODE": mode.value,
        "INTENT_ROUTER_VLLM_BASE_URL": base_url,
        "INTENT_ROUTER_VLLM_MODEL": model,
        # Overhead, not degradation, is measured: a slow CPU answer must not be cut off.
        "INTENT_ROUTER_BUDGET_MS": "10000",
        "INTENT_ROUTER_FALLBACK_BUDGET_MS": "10000",
        "INTENT_ROUTER_BREAKER_FAILURES": "1000",
    }
    with start_gateway(settings, log_path=out / f"gateway-{mode.value}.log") as (url, _pid):
        yield url


def measure_mode(
    mode: VllmMode, *, server_url: str, model: str, texts: tuple[str, ...], config: RunConfig, out: Path
) -> ModeOverhead:
    """Run the interleaved comparison for one mode; see the module docstring."""
    base_url = f"{server_url}/v1"
    direct_url, template = _direct_template(mode, base_url, model)
    with _gateway_for(mode, base_url, model, out) as gateway_url:
        gateway_target = parse_target(f"{gateway_url}/v1/classify")
        direct_target = parse_target(direct_url)
        gateway = Endpoint("gateway", gateway_target, build_requests(gateway_target, texts, budget_ms=10_000))
        direct = Endpoint(
            "direct", direct_target, build_templated_requests(direct_target, texts, body_template=template)
        )
        run_load([direct, gateway], dataclasses.replace(config, duration_s=min(5.0, config.duration_s)))
        result = run_load([direct, gateway], config)
    by_name = {e.name: e for e in result.endpoints}
    return ModeOverhead(mode=mode.value, direct=by_name["direct"], gateway=by_name["gateway"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chat-url", required=True, help="vLLM server root for generate/first_token")
    parser.add_argument("--pool-url", help="vLLM pooling server root for classify (skipped if absent)")
    parser.add_argument("--model", default="tiny", help="served model name")
    parser.add_argument("--rate", type=float, default=5.0, help="req/s to each of direct and gateway")
    parser.add_argument("--duration", type=float, default=20.0)
    parser.add_argument("--mix", type=Path)
    parser.add_argument("--out", type=Path, default=Path("out/vllm-overhead"))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for url in filter(None, (args.chat_url, args.pool_url)):
        httpx.get(f"{url}/health", timeout=5).raise_for_status()
    texts = load_mix(args.mix if args.mix is not None else find_default_mix())
    config = RunConfig(rate_per_s=args.rate, duration_s=args.duration, budget_ms=10_000, timeout_s=30.0)
    load_before = os.getloadavg()
    modes = [(VllmMode.GENERATE, args.chat_url), (VllmMode.FIRST_TOKEN, args.chat_url)]
    if args.pool_url:
        modes.append((VllmMode.CLASSIFY, args.pool_url))
    rows = [
        measure_mode(m, server_url=u, model=args.model, texts=texts, config=config, out=args.out)
        for m, u in modes
    ]
    table = "\n".join([HEADER, *(r.row() for r in rows)])
    print(table)
    when = datetime.now(UTC).isoformat(timespec="minutes")
    command = " ".join([Path(sys.executable).name, "-m", "loadtest.vllm_overhead", *sys.argv[1:]])
    print(f"\n{when}, rate {args.rate:g}/s each for {args.duration:g} s, ", end="")
    print(f"load average {load_before[0]:.1f} → {os.getloadavg()[0]:.1f}; command: {command}")
    (args.out / "overhead.json").write_text(
        json.dumps([dataclasses.asdict(r) for r in rows], default=str, indent=2), encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
