"""The training modules of issue 4 declare exactly their public classes and functions in ``__all__``."""

from __future__ import annotations

import importlib
import inspect

import pytest

MODULES = [
    "training.records",
    "training.dedup",
    "training.split",
    "training.swift_data",
    "training.from_log",
    "training.synth",
    "training.diagnose",
    "training.evaluate",
    "training.sft",
    "training.data_cli",
    "training.train_cli",
    "training.local_classify",
    "training.cli",
]


@pytest.mark.parametrize("name", MODULES)
def test_all_lists_the_public_names_defined_in_the_module(name: str) -> None:
    module = importlib.import_module(name)
    defined = {
        attr
        for attr, value in vars(module).items()
        if not attr.startswith("_")
        and (inspect.isclass(value) or inspect.isfunction(value))
        and value.__module__ == module.__name__
    }
    assert defined <= set(module.__all__), defined - set(module.__all__)
    assert all(hasattr(module, attr) for attr in module.__all__)
