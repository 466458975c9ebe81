"""Dependency direction, checked: one seam to the model, engines behind it, the CLI on top."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "summarize"


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def _modules() -> dict[str, set[str]]:
    return {str(p.relative_to(PACKAGE)): _imports(p) for p in PACKAGE.rglob("*.py")}


def test_only_the_openai_engine_imports_openai_and_instructor() -> None:
    offenders = [
        name
        for name, imports in _modules().items()
        if any(i.split(".")[0] in ("openai", "instructor") for i in imports)
        and name != "engines/openai_engine.py"
    ]
    assert offenders == []


def test_core_modules_do_not_import_the_cli_or_concrete_engines() -> None:
    core = ("schema.py", "result.py", "article.py", "config.py", "errors.py", "prompts.py", "pipeline.py")
    for name in core:
        imports = _modules()[name]
        assert not any("cli" in i.split(".") for i in imports), name
        assert not any(i.endswith(("openai_engine", "local", "rules")) for i in imports), name


def test_nothing_but_cli_and_commands_imports_click() -> None:
    offenders = [
        name
        for name, imports in _modules().items()
        if "click" in {i.split(".")[0] for i in imports}
        and not (name == "cli.py" or name.startswith("commands/"))
    ]
    assert offenders == []


def test_only_the_web_adapters_import_httpx_and_trafilatura() -> None:
    # Plain-text runs never pay for them, and a replacement extractor or client has one place to go.
    allowed = {"httpx": "web/fetching.py", "trafilatura": "web/extraction.py"}
    for name, imports in _modules().items():
        for library, home in allowed.items():
            if library in {i.split(".")[0] for i in imports}:
                assert name == home, f"{name} imports {library}"
