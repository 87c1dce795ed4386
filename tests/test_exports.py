"""Every module declares its public names in ``__all__``, and they are exactly the public ones."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from types import ModuleType

import pytest
from fastapi import APIRouter

import service


def modules() -> list[str]:
    names = ["service"]
    for info in pkgutil.walk_packages(service.__path__, "service."):
        names.append(info.name)
    return sorted(names)


def defined_here(module: ModuleType) -> set[str]:
    """Public classes and functions whose home is this module (route endpoints are the router's)."""
    endpoints = {
        route.endpoint
        for value in vars(module).values()
        if isinstance(value, APIRouter)
        for route in value.routes
    }
    return {
        name
        for name, value in vars(module).items()
        if not name.startswith("_")
        and (inspect.isclass(value) or inspect.isfunction(value))
        and value.__module__ == module.__name__
        and value not in endpoints
    }


@pytest.mark.parametrize("name", modules())
def test_module_declares_all_and_every_name_exists(name: str) -> None:
    module = importlib.import_module(name)
    exported = getattr(module, "__all__", None)
    if exported is None:
        assert not defined_here(module), f"{name} defines public names but has no __all__"
        return
    missing = [n for n in exported if not hasattr(module, n)]
    assert not missing, f"{name}.__all__ names {missing}, which do not exist"
    undeclared = defined_here(module) - set(exported)
    assert not undeclared, f"{name} defines public {sorted(undeclared)} missing from __all__"


def test_service_never_imports_training_or_loadtest() -> None:
    import subprocess
    import sys

    code = (
        "import sys, importlib, pkgutil, service\n"
        "for m in pkgutil.walk_packages(service.__path__, 'service.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('training', 'loadtest', 'sklearn', 'torch')]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""
