"""Dependency direction, declared as layer rules and checked on every module's imports (AST, no deps).

Each rule names a part of the package (a module, or a folder ending in '/') and what inside
``summarize`` it may import (``allow``) or must not import (``deny``); third-party packages
that only one part may touch are listed in ``OWNERS``. Imports inside functions count too.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "summarize"
ROOT = "summarize"


@dataclass(frozen=True)
class Rule:
    """What the modules under ``scope`` may (allow) or must not (deny) import from summarize."""

    scope: str
    why: str
    allow: frozenset[str] | None = None  # None: anything not denied
    deny: frozenset[str] = field(default_factory=frozenset)


def _set(*names: str) -> frozenset[str]:
    return frozenset(names)


# Modules everything may use: they import nothing above themselves.
FOUNDATION = _set("errors", "usage", "redaction")
RULES = [
    Rule("errors.py", "the exception tree is the bottom of the package", allow=_set()),
    Rule("usage.py", "a plain data type", allow=_set()),
    Rule("redaction.py", "scrubbing secrets needs nothing else", allow=_set()),
    Rule(
        "text/",
        "the analysed document is shared by everything, so it depends on nothing",
        allow=_set("errors", "text"),
    ),
    Rule(
        "config.py",
        "settings are resolved before any engine exists",
        allow=FOUNDATION | _set("settings_file"),
    ),
    Rule("settings_file.py", "settings files are read before the options know them", allow=FOUNDATION),
    Rule(
        "article.py",
        "reading input is below every engine",
        allow=FOUNDATION | _set("config", "text", "page", "web"),
    ),
    Rule(
        "web/",
        "reading web pages needs only the foundation",
        allow=FOUNDATION | _set("web", "page", "article", "text", "config"),
    ),
    Rule(
        "llm/",
        "the model seam speaks our types and knows no task, engine or command",
        allow=FOUNDATION | _set("llm", "config", "retrying"),
    ),
    Rule(
        "tasks/",
        "tasks build messages and call the seam; they own no lifecycle",
        allow=FOUNDATION
        | _set(
            "tasks",
            "llm.types",
            "engines.base",
            "schema",
            "schema_ids",
            "article",
            "prompts",
            "fencing",
            "text",
        )
        | _set("config"),
    ),
    Rule(
        "engines/", "engines sit below the API and the CLI", deny=_set("cli", "commands", "pipeline", "batch")
    ),
    Rule(
        "prompts.py",
        "templates know nothing of engines",
        deny=_set("engines", "llm.client", "cli", "commands"),
    ),
    Rule(
        "pipeline.py",
        "the API never reaches into the CLI or a concrete engine",
        deny=_set("cli", "commands", "engines.openai_engine", "engines.local", "engines.rules", "llm.client"),
    ),
    Rule("batch.py", "batch rules are API, not CLI", deny=_set("cli", "commands", "llm.client")),
    Rule(
        "grounding/",
        "grounding checks text, whatever wrote it",
        deny=_set("engines", "llm", "tasks", "cli", "commands"),
    ),
    Rule("evaluation/", "the eval drives the API, not the CLI", deny=_set("cli", "commands", "llm.client")),
    Rule("concurrency.py", "the thread pool knows nothing of articles", allow=_set()),
    Rule(
        "chunking.py",
        "splitting and merging are API over any engine",
        deny=_set("cli", "commands", "engines.openai_engine", "engines.local", "engines.rules", "llm"),
    ),
    Rule(
        "cache.py",
        "the cache stores results, whatever made them",
        deny=_set("cli", "commands", "llm", "batch", "pipeline"),
    ),
    Rule("ray_batch.py", "Ray runs the batch API, not the CLI", deny=_set("cli", "commands", "llm.client")),
]
# Third-party packages only these parts may import.
OWNERS = {
    "openai": _set("llm/client.py"),
    "instructor": _set("llm/client.py"),
    "httpx2": _set("llm/"),
    "httpcore2": _set("llm/"),
    "click": _set("cli.py", "commands/"),
    "platformdirs": _set("settings_file.py", "cache.py"),
    "httpx": _set("web/fetching.py"),
    "trafilatura": _set("web/extraction.py"),
    # The parser runs in the text layer; readers of its parses may name its token types.
    "spacy": _set("text/parse.py", "grounding/relations.py", "compare/", "extractive/"),
    "ray": _set("ray_batch.py"),
    "sqlite3": _set("cache.py"),
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Absolute names of everything ``path`` imports (relative imports resolved)."""
    here = _module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def package_imports(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Path relative to the package ('engines/local.py') -> absolute names it imports."""
    return {p.relative_to(package).as_posix(): _imports(p) for p in sorted(package.rglob("*.py"))}


def _in_scope(path: str, scope: str) -> bool:
    return path.startswith(scope) if scope.endswith("/") else path == scope


def _internal(name: str) -> str | None:
    """'summarize.llm.types' -> 'llm.types'; None for third-party names and the bare package."""
    if name == ROOT or not name.startswith(ROOT + "."):
        return None
    return name[len(ROOT) + 1 :]


def _matches(name: str, targets: frozenset[str]) -> bool:
    return any(name == t or name.startswith(t + ".") for t in targets)


def violations(modules: dict[str, set[str]]) -> list[str]:
    """Every import that breaks a rule, as 'path imports name (why)'."""
    found = []
    for path, imports in modules.items():
        for name in sorted(imports):
            top = name.split(".")[0]
            if top in OWNERS and not any(_in_scope(path, scope) for scope in OWNERS[top]):
                found.append(f"{path} imports {name} (only {', '.join(sorted(OWNERS[top]))} may)")
            internal = _internal(name)
            if internal is None:
                continue
            for rule in RULES:
                if not _in_scope(path, rule.scope):
                    continue
                if (rule.allow is not None and not _matches(internal, rule.allow)) or _matches(
                    internal, rule.deny
                ):
                    found.append(f"{path} imports {name} ({rule.why})")
    return sorted(set(found))


def test_the_package_follows_its_layer_rules() -> None:
    assert violations(package_imports()) == []


def test_every_rule_scope_exists_or_is_planned() -> None:
    paths = package_imports()
    planned: set[str] = set()
    for scope in [rule.scope for rule in RULES] + [s for scopes in OWNERS.values() for s in scopes]:
        assert scope in planned or any(_in_scope(path, scope) for path in paths), scope


def test_the_checker_catches_each_kind_of_violation() -> None:
    planted = {
        "engines/rules.py": {"summarize.cli", "summarize.schema"},
        "grounding/report.py": {"openai", "summarize.errors"},
        "text/document.py": {"summarize.errors", "summarize.grounding.alignment"},
        "pipeline.py": {"click"},
        "llm/client.py": {"openai", "instructor", "httpx2", "summarize.errors"},
    }

    found = violations(planted)

    assert found == [
        "engines/rules.py imports summarize.cli (engines sit below the API and the CLI)",
        "grounding/report.py imports openai (only llm/client.py may)",
        "pipeline.py imports click (only cli.py, commands/ may)",
        "text/document.py imports summarize.grounding.alignment "
        "(the analysed document is shared by everything, so it depends on nothing)",
    ]


def test_relative_imports_are_resolved_to_absolute_names(tmp_path: Path) -> None:
    imports = _imports(PACKAGE / "engines" / "local.py")

    assert "summarize.llm.client" in imports and "summarize.engines.llama_server" in imports
