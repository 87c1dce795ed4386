"""Every loadtest module declares its public names in ``__all__``, and they are exactly the public ones."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from types import ModuleType

import pytest

import loadtest


def modules() -> list[str]:
    # scripts/ holds stand-alone programs (one needs torch), not importable modules.
    names = ["loadtest"]
    names += [
        info.name
        for info in pkgutil.walk_packages(loadtest.__path__, "loadtest.")
        if ".scripts" not in info.name
    ]
    return sorted(names)


def defined_here(module: ModuleType) -> set[str]:
    return {
        name
        for name, value in vars(module).items()
        if not name.startswith("_")
        and (inspect.isclass(value) or inspect.isfunction(value))
        and value.__module__ == module.__name__
    }


@pytest.mark.parametrize("name", modules())
def test_module_declares_all_and_every_name_exists(name: str) -> None:
    module = importlib.import_module(name)
    exported = getattr(module, "__all__", None)
    assert exported is not None, f"{name} has no __all__"
    assert not [n for n in exported if not hasattr(module, n)], f"{name}.__all__ names missing objects"
    undeclared = defined_here(module) - set(exported)
    assert not undeclared, f"{name} defines public {sorted(undeclared)} missing from __all__"


def test_the_cli_plugins_are_where_pyproject_says() -> None:
    from loadtest.cli import register as register_loadtest
    from loadtest.cost import register as register_cost

    assert callable(register_loadtest) and callable(register_cost)
