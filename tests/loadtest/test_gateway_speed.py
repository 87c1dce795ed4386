"""The gateway-speed script: it edits only its own section of docs/benchmarks.md, and runs end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from loadtest.benchmarks_doc import DOCS_SECTION, replace_docs_section
from loadtest.gateway_speed import main

OTHERS = "# Benchmarks\n\nIntro.\n\n## Embedded classifier\n\nTheirs.\n\n## vLLM on CPU\n\nAlso theirs.\n"


def test_the_section_is_appended_when_absent_and_other_sections_are_kept(tmp_path: Path) -> None:
    docs = tmp_path / "benchmarks.md"
    docs.write_text(OTHERS, encoding="utf-8")
    replace_docs_section(docs, f"{DOCS_SECTION}\n\nOurs, first.\n")
    assert docs.read_text(encoding="utf-8") == OTHERS + f"\n{DOCS_SECTION}\n\nOurs, first.\n"


def test_only_our_section_is_replaced_when_present(tmp_path: Path) -> None:
    docs = tmp_path / "benchmarks.md"
    middle = OTHERS.replace("## vLLM on CPU", f"{DOCS_SECTION}\n\nOld numbers.\n\n## vLLM on CPU")
    docs.write_text(middle, encoding="utf-8")
    replace_docs_section(docs, f"{DOCS_SECTION}\n\nNew numbers.\n")
    text = docs.read_text(encoding="utf-8")
    assert "Old numbers" not in text and "New numbers" in text
    assert text.replace(f"{DOCS_SECTION}\n\nNew numbers.\n\n", "") == OTHERS


def test_the_file_is_created_when_missing(tmp_path: Path) -> None:
    docs = tmp_path / "docs" / "benchmarks.md"
    replace_docs_section(docs, f"{DOCS_SECTION}\n\nOurs.\n")
    assert docs.read_text(encoding="utf-8") == f"# Benchmarks\n\n{DOCS_SECTION}\n\nOurs.\n"


@pytest.mark.integration
def test_a_short_run_against_the_real_gateway_writes_every_output(tmp_path: Path) -> None:
    docs = tmp_path / "benchmarks.md"
    argv = [
        "--rate", "40", "--duration", "0.5", "--warmup", "0.1",
        "--cpu-duration", "0.5", "--cpu-rates", "40,80",
        "--step", "40:40:40", "--step-duration", "0.25", "--refine", "0", "--limit-ms", "1000",
        "--out", str(tmp_path / "out"), "--write-docs", "--docs", str(docs),
    ]  # fmt: skip
    status = main(argv)
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["route"]["ok"] == summary["healthz"]["ok"] == 20
    # /proc counts CPU in 10 ms ticks: 20 requests are enough to see the route's ~2 ms each, not to rank them.
    assert [rate for rate, _, _ in summary["cpu_us_per_request"]] == [40, 80]
    assert all(route > 0 and healthz >= 0 for _, route, healthz in summary["cpu_us_per_request"])
    assert summary["max_rate_per_s"] == 40
    assert status in (0, 1)  # the goal's verdict depends on the machine's load, not on the script
    assert DOCS_SECTION in docs.read_text(encoding="utf-8")
    assert (tmp_path / "out" / "report.json").exists() and (tmp_path / "out" / "latency.png").exists()
