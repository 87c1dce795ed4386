"""Fixtures shared by every test package; the machinery lives in ``support.py``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import pytest
from support import FaultServer, free_port, serve_in_thread


@pytest.fixture
def fault_server() -> Iterator[tuple[FaultServer, str]]:
    """A running :class:`FaultServer`; yields it and its ``/v1`` base URL."""
    server = FaultServer()
    with serve_in_thread(server.app()) as url:
        yield server, f"{url}/v1"
    server.release.set()


@pytest.fixture
def dead_url() -> str:
    """A loopback URL where nothing listens (connections are refused)."""
    return f"http://127.0.0.1:{free_port()}/v1"


@pytest.fixture
def gateway(tmp_path: Path) -> Callable[..., AbstractContextManager[str]]:
    """``gateway(**settings)`` → a context manager serving ``create_app(settings)`` under uvicorn in a
    thread; yields the base URL. The decision log goes to ``tmp_path`` and the fallback model to a
    dead port unless given."""
    from service.app import create_app
    from service.settings import load_settings

    @contextmanager
    def start(**overrides: Any) -> Iterator[str]:
        overrides.setdefault("decision_log", tmp_path / "decisions.db")
        overrides.setdefault("fallback_base_url", f"http://127.0.0.1:{free_port()}/v1")
        with serve_in_thread(create_app(load_settings(**overrides))) as url:
            yield url

    return start
