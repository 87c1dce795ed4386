"""``intent-router loadtest``: an open-loop load test of the gateway, with a report and a plot.

    intent-router loadtest --url http://127.0.0.1:8000/v1/route --rate 200 --duration 30
    intent-router loadtest --url http://127.0.0.1:8000/v1/route --url http://127.0.0.1:8000/healthz \\
        --rate 200 --duration 30 --out out/loadtest
    intent-router loadtest --url http://127.0.0.1:8000/v1/route --step 100:1000:100 --refine 3 \\
        --duration 10 --p99-limit-ms 5

Arrivals are open loop and latency is counted from each request's *scheduled* send time, so a stalled
server cannot hide its delay (no coordinated omission). The generator first measures its own ceiling
against a built-in trivial server (``--no-ceiling`` skips it) and warns when a run comes near it.
Each ``--url`` gets ``--rate`` requests per second on its own schedule, in the same run, so two
endpoints of one server are compared under identical conditions. Only loopback targets are accepted
unless ``--allow-remote`` is given (see :mod:`loadtest.target`). Exit status: 0 when p99 is within the
limit and failures within ``--max-error-share`` (or, with ``--step``, some rate held), 1 when not, 2 for
bad arguments.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from loadtest.arrivals import ArrivalProcess
from loadtest.ceiling import Ceiling, measure_ceiling
from loadtest.errors import LoadTestError
from loadtest.http_request import build_requests, build_templated_requests
from loadtest.mix import find_default_mix, load_mix
from loadtest.plan import Endpoint, RunConfig
from loadtest.plot import write_latency_plot
from loadtest.report import LoadTestReport, describe_machine, format_summary, write_report_json
from loadtest.runner import Progress, run_load
from loadtest.step import StepOutcome, StepSearch, find_max_rate, parse_step_rates
from loadtest.target import Target, parse_target

__all__ = ["add_arguments", "register", "run_loadtest"]

_DEFAULT_OUT = Path("out/loadtest")


def register(subparsers: Any) -> None:
    """Add the ``loadtest`` sub-command to an ``argparse`` sub-parsers object (the CLI's plugin hook)."""
    parser = subparsers.add_parser(
        "loadtest",
        help="open-loop load test of the gateway (loopback only)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_arguments(parser)
    parser.set_defaults(handler=run_loadtest)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    target = parser.add_argument_group("target")
    target.add_argument("--url", action="append", required=True, help="endpoint to load; repeat to compare")
    target.add_argument("--method", choices=("GET", "POST"), help="default: GET for /healthz etc., else POST")
    target.add_argument(
        "--body-template",
        type=Path,
        help='JSON file with "{{text}}" where the utterance goes, for POST targets other than /v1/route '
        "(e.g. vLLM's /classify); default: a RouteRequest",
    )
    target.add_argument(
        "--allow-remote",
        action="store_true",
        help="permit non-loopback targets; load traffic to other machines is forbidden on shared hosts",
    )
    load = parser.add_argument_group("load")
    load.add_argument("--rate", type=float, help="requests per second per URL (open loop)")
    load.add_argument("--duration", type=float, required=True, help="seconds per run (per step with --step)")
    load.add_argument("--arrivals", choices=[p.value for p in ArrivalProcess], default="constant")
    load.add_argument(
        "--mix", type=Path, help="JSONL of {'text': ...}; default data/intents/test.jsonl or built-in"
    )
    load.add_argument(
        "--budget-ms", type=int, default=800, help="request budget, sent in each body (default 800)"
    )
    load.add_argument(
        "--timeout-s", type=float, default=5.0, help="give up on a request after this (default 5)"
    )
    load.add_argument("--max-connections", type=int, default=256, help="per host:port (default 256)")
    load.add_argument("--seed", type=int, default=0, help="for Poisson gaps and the mix order")
    judge = parser.add_argument_group("judging and step mode")
    judge.add_argument("--p99-limit-ms", type=float, help="p99 a run must hold (default: --budget-ms)")
    judge.add_argument("--max-error-share", type=float, default=0.001, help="failures a run may have (0.001)")
    judge.add_argument("--step", help="START:STOP:STEP req/s: find the highest rate holding the p99 limit")
    judge.add_argument("--refine", type=int, default=0, help="bisection steps after --step brackets the knee")
    judge.add_argument("--retries", type=int, default=0, help="re-runs of a failing step before it counts")
    output = parser.add_argument_group("output")
    output.add_argument(
        "--out", type=Path, default=_DEFAULT_OUT, help=f"report directory (default {_DEFAULT_OUT})"
    )
    output.add_argument(
        "--no-ceiling", action="store_true", help="skip measuring the generator's own ceiling"
    )
    output.add_argument("--quiet", action="store_true", help="no progress lines")


def run_loadtest(args: argparse.Namespace) -> int:
    """The ``loadtest`` handler: returns the exit status described in the module docstring."""
    try:
        return _run(args)
    except (LoadTestError, ValueError) as exc:
        print(f"intent-router loadtest: error: {exc}", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace) -> int:
    if args.rate is None and args.step is None:
        raise ValueError("give --rate, or --step START:STOP:STEP")
    rates = parse_step_rates(args.step) if args.step else None
    limit_ms = float(args.p99_limit_ms if args.p99_limit_ms is not None else args.budget_ms)
    targets = [parse_target(url, allow_remote=args.allow_remote, method=args.method) for url in args.url]
    mix_path = args.mix if args.mix is not None else find_default_mix()
    texts = load_mix(mix_path)
    template = args.body_template.read_text(encoding="utf-8") if args.body_template is not None else None
    endpoints = [
        Endpoint(name, target, _requests_for(target, texts, budget_ms=args.budget_ms, template=template))
        for name, target in zip(_endpoint_names(args.url), targets, strict=True)
    ]
    config = RunConfig(
        rate_per_s=args.rate if args.rate is not None else (rates[0] if rates else 1.0),
        duration_s=args.duration,
        arrivals=ArrivalProcess(args.arrivals),
        budget_ms=args.budget_ms,
        timeout_s=args.timeout_s,
        max_connections=args.max_connections,
        seed=args.seed,
    )
    ceiling = _measure_ceiling(endpoints[0].requests, args)
    on_progress = None if args.quiet else _print_progress
    step: StepSearch | None = None
    if rates is not None:
        step = find_max_rate(
            endpoints,
            config,
            rates,
            limit_ms=limit_ms,
            max_error_share=args.max_error_share,
            refine_steps=args.refine,
            retries=args.retries,
            on_step=None if args.quiet else _print_step,
            on_progress=on_progress,
        )
        runs = step.runs
        passed = step.best_rate_per_s is not None
    else:
        run = run_load(endpoints, config, on_progress=on_progress)
        runs = (run,)
        passed = run.p99_holds(limit_ms=limit_ms, max_error_share=args.max_error_share)
    report = LoadTestReport(
        command=tuple(sys.argv),
        machine=describe_machine(),
        mix=str(mix_path) if mix_path is not None else "built-in",
        ceiling=ceiling,
        runs=runs,
        step=step,
    )
    write_report_json(report, args.out / "report.json")
    plotted = write_latency_plot(runs, args.out / "latency.png", limit_ms=limit_ms)
    print(format_summary(report))
    print(f"\nwrote {args.out / 'report.json'}" + (f" and {args.out / 'latency.png'}" if plotted else ""))
    if not plotted:
        print("(latency.png skipped: install matplotlib, e.g. pip install 'intent-router[loadtest]')")
    return 0 if passed else 1


def _requests_for(
    target: Target, texts: tuple[str, ...], *, budget_ms: int, template: str | None
) -> tuple[bytes, ...]:
    if template is not None and target.method == "POST":
        return build_templated_requests(target, texts, body_template=template)
    return build_requests(target, texts, budget_ms=budget_ms)


def _endpoint_names(urls: list[str]) -> list[str]:
    names: list[str] = []
    for url in urls:
        base = url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1] or "root"
        name = base if base not in names else f"{base}-{len(names) + 1}"
        names.append(name)
    return names


def _measure_ceiling(payloads: tuple[bytes, ...], args: argparse.Namespace) -> Ceiling | None:
    if args.no_ceiling:
        return None
    if not args.quiet:
        print("measuring the generator's ceiling against the built-in trivial server…", file=sys.stderr)
    return measure_ceiling(payloads, connections=min(32, args.max_connections))


def _print_progress(progress: Progress) -> None:
    print(
        f"[{progress.elapsed_s:6.1f}/{progress.duration_s:g} s] sent {progress.sent:>7} "
        f"done {progress.completed:>7} in flight {progress.in_flight:>4} failed {progress.failed:>5} "
        f"p99 so far {progress.p99_ms:8.2f} ms",
        file=sys.stderr,
        flush=True,
    )


def _print_step(outcome: StepOutcome) -> None:
    verdict = "holds" if outcome.holds else "fails"
    print(
        f"step {outcome.rate_per_s:g} req/s: p99 {outcome.p99_ms:.2f} ms, "
        f"errors {outcome.error_share:.2%} → {verdict}",
        file=sys.stderr,
        flush=True,
    )
