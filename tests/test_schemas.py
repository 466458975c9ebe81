"""The exported JSON Schemas are current, and real output validates against them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from summarize.schema import Summary
from summarize.schema_export import SCHEMAS_DIR, render_schemas
from tests.fakes import good_summary


def test_exported_schemas_are_not_stale() -> None:
    for name, text in render_schemas().items():
        path = SCHEMAS_DIR / name
        assert path.is_file(), f"{name} missing: run python -m summarize.schema_export"
        assert path.read_text(encoding="utf-8") == text, (
            f"{name} is stale: run python -m summarize.schema_export"
        )
    on_disk = {p.name for p in Path(SCHEMAS_DIR).glob("*.schema.json")}
    assert on_disk == set(render_schemas())


def _walk(schema: dict[str, object], path: str = "") -> list[str]:
    """Every property of every object in the schema that lacks a description."""
    missing = []
    for key, definition in schema.get("$defs", {}).items():  # type: ignore[union-attr]
        missing += _walk(definition, key)
    for name, prop in schema.get("properties", {}).items():  # type: ignore[union-attr]
        if "description" not in prop and "$ref" not in prop:
            missing.append(f"{path}.{name}")
    return missing


def test_every_summary_field_is_described_for_the_model() -> None:
    assert _walk(Summary.model_json_schema()) == []


def test_summary_forbids_extra_fields_and_requires_evidence() -> None:
    data = good_summary()
    data["actors"][0]["nickname"] = "x"
    with pytest.raises(ValidationError):
        Summary.model_validate(data)
    data = good_summary()
    data["actors"][0]["evidence"] = []
    with pytest.raises(ValidationError):
        Summary.model_validate(data)


def test_schema_file_is_the_one_instructor_sends() -> None:
    exported = json.loads((SCHEMAS_DIR / "summary.schema.json").read_text(encoding="utf-8"))
    assert exported == Summary.model_json_schema()
