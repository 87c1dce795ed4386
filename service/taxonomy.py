"""The intent taxonomy, loaded once from ``data/intents.yaml``.

Serving and training both read it through :func:`load_taxonomy`, so the labels the LLM is trained to
answer with are exactly the labels the gateway constrains it to.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

__all__ = ["DEFAULT_TAXONOMY_PATH", "Intent", "Taxonomy", "TaxonomyError", "load_taxonomy"]

DEFAULT_TAXONOMY_PATH = Path(__file__).resolve().parent.parent / "data" / "intents.yaml"

_ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


class TaxonomyError(ValueError):
    """The taxonomy file is malformed; the message names the entry and the field."""


@dataclass(frozen=True, slots=True)
class Intent:
    id: str
    label: str
    description: str
    examples: tuple[str, ...]
    target: str

    def __post_init__(self) -> None:
        if not _ID.match(self.id):
            raise TaxonomyError(f"intent id {self.id!r} must be snake_case ASCII (metric labels use it)")
        for name in ("label", "description", "target"):
            if not getattr(self, name).strip():
                raise TaxonomyError(f"intent {self.id!r}: {name} is empty")


@dataclass(frozen=True, slots=True)
class Taxonomy:
    intents: tuple[Intent, ...]
    fallback_intent: str

    def __post_init__(self) -> None:
        ids = [i.id for i in self.intents]
        labels = [i.label for i in self.intents]
        if len(ids) < 2:
            raise TaxonomyError("a taxonomy needs at least two intents")
        if len(set(ids)) != len(ids):
            raise TaxonomyError(f"duplicate intent ids in {ids}")
        if len(set(labels)) != len(labels):
            raise TaxonomyError(f"duplicate intent labels in {labels}")
        if self.fallback_intent not in ids:
            raise TaxonomyError(f"fallback_intent {self.fallback_intent!r} is not one of {ids}")

    def __iter__(self) -> Iterator[Intent]:
        return iter(self.intents)

    def __len__(self) -> int:
        return len(self.intents)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.intents)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(i.label for i in self.intents)

    def get(self, intent_id: str) -> Intent:
        """Return the intent with this id; raise ``KeyError`` naming it if there is none."""
        for intent in self.intents:
            if intent.id == intent_id:
                return intent
        raise KeyError(f"unknown intent id {intent_id!r}")

    def by_label(self, label: str) -> Intent:
        """Return the intent whose Chinese label is ``label``; raise ``KeyError`` if none."""
        for intent in self.intents:
            if intent.label == label:
                return intent
        raise KeyError(f"unknown intent label {label!r}")

    def resolve(self, name: str) -> Intent:
        """Accept either an intent id or its Chinese label (data files use both)."""
        try:
            return self.get(name)
        except KeyError:
            return self.by_label(name)


def load_taxonomy(path: Path = DEFAULT_TAXONOMY_PATH) -> Taxonomy:
    """Parse and validate a taxonomy YAML file. Raises :class:`TaxonomyError` naming the problem."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise TaxonomyError(f"cannot read taxonomy {path}: {exc}") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("intents"), list):
        raise TaxonomyError(f"{path}: expected a mapping with an 'intents' list")
    intents = []
    for n, entry in enumerate(raw["intents"]):
        if not isinstance(entry, dict):
            raise TaxonomyError(f"{path}: intents[{n}] is not a mapping")
        missing = {"id", "label", "description", "target"} - entry.keys()
        if missing:
            raise TaxonomyError(f"{path}: intents[{n}] lacks {sorted(missing)}")
        intents.append(
            Intent(
                id=str(entry["id"]),
                label=str(entry["label"]),
                description=str(entry["description"]),
                examples=tuple(str(e) for e in entry.get("examples") or ()),
                target=str(entry["target"]),
            )
        )
    return Taxonomy(intents=tuple(intents), fallback_intent=str(raw.get("fallback_intent", "other")))
