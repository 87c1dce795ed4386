from __future__ import annotations

from types import ModuleType

import service.guard


def test_guard_exports_exactly_its_public_names() -> None:
    public = {
        name
        for name in dir(service.guard)
        if not name.startswith("_") and not isinstance(getattr(service.guard, name), ModuleType)
    }
    assert set(service.guard.__all__) == public
