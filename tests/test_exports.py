"""Every module declares its public names in ``__all__``, and they are exactly the public ones.

Both importable packages: ``service`` (a module with nothing public of its own may omit ``__all__``) and
``loadtest`` (every module declares one; ``loadtest/scripts`` holds stand-alone programs, not modules).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from types import ModuleType

import pytest
from fastapi import APIRouter

import loadtest
import service

# package -> whether each of its modules must declare __all__ even when it defines nothing public
_ROOTS = {service: False, loadtest: True}


def modules(*, packages_only: bool = False) -> list[tuple[str, bool]]:
    found = []
    for root, require_all in _ROOTS.items():
        names = [root.__name__] + [
            info.name
            for info in pkgutil.walk_packages(root.__path__, f"{root.__name__}.")
            if ".scripts" not in info.name and (info.ispkg or not packages_only)
        ]
        found += [(name, require_all) for name in names]
    return sorted(found)


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


@pytest.mark.parametrize(("name", "require_all"), modules())
def test_module_declares_all_and_every_name_exists(name: str, require_all: bool) -> None:
    module = importlib.import_module(name)
    exported = getattr(module, "__all__", None)
    if exported is None:
        assert not require_all, f"{name} has no __all__"
        assert not defined_here(module), f"{name} defines public names but has no __all__"
        return
    missing = [n for n in exported if not hasattr(module, n)]
    assert not missing, f"{name}.__all__ names {missing}, which do not exist"
    undeclared = defined_here(module) - set(exported)
    assert not undeclared, f"{name} defines public {sorted(undeclared)} missing from __all__"


@pytest.mark.parametrize("name", [name for name, _ in modules(packages_only=True)])
def test_package_exports_exactly_its_public_names(name: str) -> None:
    # A package's __init__ re-exports its stages' names: nothing public may be left off __all__.
    package = importlib.import_module(name)
    if not hasattr(package, "__all__"):
        return
    public = {
        n for n in dir(package) if not n.startswith("_") and not isinstance(getattr(package, n), ModuleType)
    }
    assert set(package.__all__) == public


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
