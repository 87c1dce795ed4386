"""``intent-router``: one command, many sub-commands.

``serve`` and ``classify`` live here; the rest (``data``, ``train``, ``guard``, ``loadtest``, ``cost``,
…) are plugins found through the ``intent_router.commands`` entry-point group, so this package never
imports ``training`` or ``loadtest``. A plugin is ``register(subparsers)``: it adds its parser and sets
``handler`` to a function ``(argparse.Namespace) -> int``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import sys
import tempfile
from importlib.metadata import entry_points
from pathlib import Path

from pydantic import ValidationError

__all__ = ["build_parser", "main"]


def _serve(args: argparse.Namespace) -> int:
    from service.settings import load_settings

    if args.config is not None:
        # Through the environment, so every uvicorn worker process reads the same file.
        os.environ["INTENT_ROUTER_CONFIG"] = str(args.config.resolve())
    try:
        settings = load_settings()  # validate before forking workers: fail once, clearly
    except (ValidationError, FileNotFoundError) as exc:
        print(f"intent-router: invalid configuration: {exc}", file=sys.stderr)
        return 2
    workers = args.workers or settings.workers
    multiproc_dir = None
    if workers > 1 and "PROMETHEUS_MULTIPROC_DIR" not in os.environ:
        # prometheus-client reads this at import, in each worker; set it before any worker starts.
        multiproc_dir = tempfile.mkdtemp(prefix="intent-router-metrics-")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = multiproc_dir
    import uvicorn

    try:
        uvicorn.run(
            "service.app:create_app",
            factory=True,
            host=args.host,
            port=args.port,
            workers=workers,
            log_config=None,
            log_level=settings.log_level.lower(),
            access_log=False,
            # The voice backend keeps connections open; idle ones should outlive its request gaps.
            timeout_keep_alive=30,
        )
    finally:
        if multiproc_dir is not None:
            shutil.rmtree(multiproc_dir, ignore_errors=True)
    return 0


def _classify(args: argparse.Namespace) -> int:
    from service.app import build_pipeline
    from service.pipeline import Turn
    from service.settings import load_settings

    try:
        settings = load_settings(args.config, decision_log=None)
    except (ValidationError, FileNotFoundError) as exc:
        print(f"intent-router: invalid configuration: {exc}", file=sys.stderr)
        return 2
    from service.api.schemas import ClassifyResponse

    async def run() -> ClassifyResponse:
        parts = build_pipeline(settings)
        try:
            turn = Turn(text=args.text, request_id="cli", budget_ms=settings.budget_ms)
            outcome = await parts.pipeline.classify(turn)
            return ClassifyResponse.from_outcome(outcome, parts.pipeline.taxonomy)
        finally:
            await parts.aclose()

    result = asyncio.run(run())
    if args.json:
        print(result.model_dump_json(indent=2))
    else:
        shown = f"{result.intent} ({result.label}) {result.confidence:.3f}" if result.intent else "-"
        print(f"{result.decision:<8} {shown}  classifier={result.classifier}")
        if result.pii:
            print(f"masked   {result.sanitized_text}")
        if result.guard.blocked:
            print(
                f"guard    blocked: {', '.join(result.guard.reasons) or 'model'} ({result.guard.score:.2f})"
            )
        if result.degraded:
            print(f"degraded {result.degraded_reason}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="intent-router", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", help="run the gateway under uvicorn")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--config", type=Path, help="YAML settings file (environment variables win)")
    serve.add_argument("--workers", type=int, help="uvicorn worker processes (default: WORKERS setting)")
    serve.set_defaults(handler=_serve)

    classify = commands.add_parser("classify", help="sanitize, guard and classify one utterance locally")
    classify.add_argument("text")
    classify.add_argument("--config", type=Path)
    classify.add_argument("--json", action="store_true", help="print the /v1/classify response body")
    classify.set_defaults(handler=_classify)

    for ep in sorted(entry_points(group="intent_router.commands"), key=lambda e: e.name):
        try:
            register = ep.load()
        except (ImportError, AttributeError) as exc:
            # A plugin whose extra is not installed must not take the whole CLI down.
            commands.add_parser(ep.name, help=f"(unavailable: {exc})").set_defaults(
                handler=lambda _a, e=exc, n=ep.name: _unavailable(n, e)
            )
            continue
        register(commands)
    return parser


def _unavailable(name: str, exc: Exception) -> int:
    print(
        f"intent-router {name}: needs a package that is not installed ({exc}); "
        "install the extra, e.g. pip install 'intent-router[train]'",
        file=sys.stderr,
    )
    return 2


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    code: int = args.handler(args)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
