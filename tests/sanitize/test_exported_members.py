from __future__ import annotations

from types import ModuleType

import service.sanitize


def test_sanitize_exports_exactly_its_public_names() -> None:
    public = {
        name
        for name in dir(service.sanitize)
        if not name.startswith("_") and not isinstance(getattr(service.sanitize, name), ModuleType)
    }
    assert set(service.sanitize.__all__) == public
