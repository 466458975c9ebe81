"""Exporting the JSON Schema of every public model into schemas/ (``python -m summarize.schema_export``)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

from .result import SummaryResult
from .schema import Summary

SCHEMAS_DIR = Path(__file__).resolve().parent.parent / "schemas"


def public_models() -> dict[str, type[BaseModel]]:
    """File stem -> model, for every model a user receives or writes."""
    from .compare import Comparison
    from .grounding import CheckResult, GroundingReport
    from .page import ExtractedArticle

    return {
        "summary": Summary,
        "summary_result": SummaryResult,
        "grounding_report": GroundingReport,
        "check_result": CheckResult,
        "extracted_article": ExtractedArticle,
        "comparison": Comparison,
    }


def render_schemas() -> dict[str, str]:
    """File name -> JSON Schema text, exactly as it is written to disk."""
    from .evaluation.scaffold import render_reference_schema

    rendered = {
        f"{stem}.schema.json": json.dumps(model.model_json_schema(), indent=2, ensure_ascii=False) + "\n"
        for stem, model in public_models().items()
    }
    # The eval reference files users write (YAML or JSON); editors validate them with it.
    rendered["reference.schema.json"] = render_reference_schema()
    return rendered


def export_schemas(directory: Path = SCHEMAS_DIR) -> list[Path]:
    """Write every schema file and remove stale ones; returns the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    rendered = render_schemas()
    for stale in directory.glob("*.schema.json"):
        if stale.name not in rendered:
            stale.unlink()
    written = []
    for name, text in rendered.items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in export_schemas(Path(sys.argv[1]) if len(sys.argv) > 1 else SCHEMAS_DIR):
        print(path)
