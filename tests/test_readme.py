"""The README documents what the code does: every setting, and the two first commands."""

from __future__ import annotations

from support import ROOT

from service.settings import Settings

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_in_the_config_table() -> None:
    internal = {"prometheus_multiproc_dir"}  # set by `serve --workers`, not by people
    missing = [
        n for n in Settings.model_fields if n not in internal and f"INTENT_ROUTER_{n.upper()}" not in README
    ]
    assert not missing


def test_readme_starts_with_the_run_and_test_commands() -> None:
    head = README.split("## ", 1)[0]
    assert "make run" in head and "make test" in head
