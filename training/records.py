"""Labelled utterances on disk: JSONL rows ``{"text", "label", "source"}``, read with every problem named.

A row's ``label`` may be an intent id or its Chinese label; it is stored back as the id. ``source`` says where
a row came from (``synthetic:...``, ``log:...``, ``handwritten``) and defaults to ``""``. Reading never
masks: the data tools keep what the file holds, and :func:`training.swift_data.export_swift` masks on export,
as serving masks before classifying.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from service.taxonomy import Taxonomy

__all__ = ["Example", "RowProblem", "read_examples", "validate_examples", "write_examples"]

MAX_TEXT_CHARS = 512  # a voice turn; anything longer is a transcription or paste accident


@dataclass(frozen=True, slots=True)
class Example:
    text: str  # the utterance as stored (not masked)
    label: str  # intent id, already resolved against the taxonomy
    source: str = ""  # provenance, free-form

    def __post_init__(self) -> None:
        if not self.text.strip():
            raise ValueError("an example needs non-empty text")

    def to_json(self) -> str:
        return json.dumps({"text": self.text, "label": self.label, "source": self.source}, ensure_ascii=False)


@dataclass(frozen=True, slots=True)
class RowProblem:
    path: Path
    line: int  # 1-based line number in ``path``
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def _parse_row(raw: str, taxonomy: Taxonomy) -> Example | str:
    """Return the example, or a message saying what is wrong with the row."""
    try:
        row = json.loads(raw)
    except json.JSONDecodeError as exc:
        return f"not JSON ({exc.msg})"
    if not isinstance(row, dict):
        return f"expected an object, got {type(row).__name__}"
    text, label, source = row.get("text"), row.get("label"), row.get("source", "")
    unknown = sorted(set(row) - {"text", "label", "source"})
    if unknown:
        return f"unknown fields {unknown}"
    if not isinstance(text, str) or not text.strip():
        return "'text' must be a non-empty string"
    if len(text) > MAX_TEXT_CHARS:
        return f"'text' has {len(text)} characters, more than {MAX_TEXT_CHARS}"
    if not isinstance(label, str):
        return "'label' must be a string (an intent id or its Chinese label)"
    if not isinstance(source, str):
        return "'source' must be a string"
    try:
        intent = taxonomy.resolve(label)
    except KeyError:
        return f"unknown label {label!r}; expected one of {list(taxonomy.ids)} or {list(taxonomy.labels)}"
    return Example(text=text, label=intent.id, source=source)


def validate_examples(path: Path, taxonomy: Taxonomy) -> tuple[list[Example], list[RowProblem]]:
    """Read every row of ``path``; return the good examples and one problem per bad row (blank lines skip).

    Raises ``OSError`` if the file cannot be read.
    """
    examples: list[Example] = []
    problems: list[RowProblem] = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        parsed = _parse_row(raw, taxonomy)
        if isinstance(parsed, Example):
            examples.append(parsed)
        else:
            problems.append(RowProblem(path, n, parsed))
    return examples, problems


def read_examples(path: Path, taxonomy: Taxonomy) -> list[Example]:
    """Read ``path``; raise ``ValueError`` listing the first bad rows (file:line: why) if any is bad."""
    examples, problems = validate_examples(path, taxonomy)
    if problems:
        shown = "\n".join(str(p) for p in problems[:10])
        more = f"\n… and {len(problems) - 10} more" if len(problems) > 10 else ""
        raise ValueError(f"{len(problems)} bad rows in {path}:\n{shown}{more}")
    return examples


def write_examples(path: Path, examples: Iterable[Example]) -> int:
    """Write examples as JSONL (parents created); return how many were written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [example.to_json() for example in examples]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return len(lines)
