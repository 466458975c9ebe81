"""``summarize config``: the settings in effect and where each came from; where the config file is.

``summarize config show`` resolves the settings exactly as ``summarize run`` would (its options
included) and prints each with its source: an option, an environment variable, a settings file,
or the default. Secrets never appear: the API key is masked and the base URL shown without
credentials or query values.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from ..config import DEFAULT_SOURCE, OPTIONS, ResolvedSettings, resolve_settings_with_sources
from ..redaction import MASK, printable, redact_url
from ..settings_file import display_path, user_config_path
from .options import settings_options


def setting_name(name: str) -> str:
    """A setting as config files and this command spell it: base-url for base_url."""
    return name.replace("_", "-")


def shown_value(name: str, value: object) -> str | None:
    """A setting's value made safe and readable to print; None when unset."""
    if value is None or value == ():
        return None
    if name == "api_key":
        return MASK
    if name == "base_url":
        return redact_url(str(value))
    if isinstance(value, Path):
        return display_path(value)
    if isinstance(value, tuple):
        return ",".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def settings_rows(resolved: ResolvedSettings) -> list[tuple[str, str, str]]:
    """(setting, value, source) for every option, in table order; defaults in words."""
    rows = []
    for option in OPTIONS:
        source = resolved.sources.get(option.name, DEFAULT_SOURCE)
        value = shown_value(option.name, getattr(resolved.settings, option.name))
        if source == DEFAULT_SOURCE:
            value = option.default_text
        rows.append((setting_name(option.name), value or "none", source))
    return rows


def files_line(resolved: ResolvedSettings) -> str:
    """Which settings files were read, or where they would be."""
    found = [f.label for f in resolved.files]
    kinds = {f.kind for f in resolved.files}
    missing = []
    if "project" not in kinds:
        missing.append("no pyproject.toml with [tool.summarize] here or above")
    if "user" not in kinds:
        missing.append(f"no {display_path(user_config_path())}")
    return "files: " + "; ".join(found + missing)


@click.group("config")
def config_command() -> None:
    """Show the settings in effect and where each comes from; find the config file."""


@config_command.command("show")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: a table; json: {setting: {value, from}} and the files read.",
)
@settings_options()
def show_command(output_format: str, **options: Any) -> None:
    """Print every setting, its value and where it came from (options given here count too)."""
    resolved = resolve_settings_with_sources(**options)
    rows = settings_rows(resolved)
    if output_format == "json":
        document = {
            "settings": {name: {"value": value, "from": source} for name, value, source in rows},
            "files": [f.label for f in resolved.files],
        }
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
        return
    width = [max(len(row[i]) for row in rows) for i in range(2)]
    click.echo(f"{'setting':<{width[0]}}  {'value':<{width[1]}}  from")
    for name, value, source in rows:
        click.echo(printable(f"{name:<{width[0]}}  {value:<{width[1]}}  {source}"))
    click.echo(printable(files_line(resolved)))


@config_command.command("path")
def path_command() -> None:
    """Print where the user config file is (or would be): $SUMMARIZE_CONFIG, else the platform's folder."""
    click.echo(str(user_config_path()))
