"""``summarize eval init [DIR]``: a new eval folder from the template shipped inside the package.

The template (``summarize/evaluation/template/``) holds a README, one example article with the
reference written for it, the thresholds, an empty alias list and a CI recipe (a GitHub Actions
workflow and a plain shell line). ``@@EVALS@@`` in the template becomes the folder as the user
named it and ``@@VERSION@@`` this package's version; ``reference.schema.json`` is written from the
Reference model itself, so an editor validates references against the installed version.
Nothing that already exists is overwritten.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from ..errors import ConfigError
from .references import SCHEMA_KEY, Reference

TEMPLATE_PACKAGE = "summarize.evaluation"
TEMPLATE_DIR = "template"
SCHEMA_FILE = "reference.schema.json"
SCHEMA_ID = "https://summarize.invalid/schemas/reference.schema.json"


def reference_json_schema() -> dict[str, object]:
    """The JSON Schema of a reference file, as editors read it (a JSON file may name it in ``$schema``)."""
    schema = Reference.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "summarize eval reference"
    properties = schema.setdefault("properties", {})
    assert isinstance(properties, dict)
    properties[SCHEMA_KEY] = {
        "type": "string",
        "description": "The schema an editor validates this file with (JSON references only).",
    }
    return schema


def render_reference_schema() -> str:
    """The schema file's text."""
    return json.dumps(reference_json_schema(), indent=2, ensure_ascii=False) + "\n"


@dataclass(frozen=True)
class Scaffold:
    """What ``eval init`` wrote."""

    folder: Path
    written: list[Path]
    kept: list[Path]


def _template_files(root: Traversable, prefix: Path = Path()) -> list[tuple[Path, Traversable]]:
    files: list[tuple[Path, Traversable]] = []
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.startswith(("__", ".")):
            continue
        if entry.is_dir():
            files.extend(_template_files(entry, prefix / entry.name))
        else:
            files.append((prefix / entry.name, entry))
    return files


def scaffold_eval_folder(folder: Path, *, shown_as: str, version: str) -> Scaffold:
    """Write the template into ``folder`` (created if needed), keeping any file already there."""
    if folder.exists() and not folder.is_dir():
        raise ConfigError(f"{folder}: exists and is not a folder")
    template = resources.files(TEMPLATE_PACKAGE).joinpath(TEMPLATE_DIR)
    outputs = [(relative, entry.read_text(encoding="utf-8")) for relative, entry in _template_files(template)]
    outputs.append((Path(SCHEMA_FILE), render_reference_schema()))
    written, kept = [], []
    for relative, text in outputs:
        target = folder / relative
        if target.exists():
            kept.append(target)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            text.replace("@@EVALS@@", shown_as).replace("@@VERSION@@", version), encoding="utf-8"
        )
        if target.suffix == ".sh":
            target.chmod(0o755)
        written.append(target)
    return Scaffold(folder, written, kept)
