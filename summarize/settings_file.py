"""Settings files: the user's ``config.toml`` and a ``[tool.summarize]`` table in ``pyproject.toml``.

- The user file is ``config.toml`` in the platform's user config folder (platformdirs:
  ``~/.config/summarize/config.toml`` on Linux, honouring ``XDG_CONFIG_HOME``), or the file named
  by ``SUMMARIZE_CONFIG`` (which must then exist).
- The project table is ``[tool.summarize]`` in the nearest ``pyproject.toml`` above the working
  folder that has one (as ruff finds ``[tool.ruff]``); other ``pyproject.toml`` files are skipped.

This module only finds and reads the files; ``summarize.config`` checks their keys and values
against the options table and ranks them: option > environment > project > user > default.
A file that is not valid TOML is a ConfigError naming the file, line and column.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from .errors import ConfigError

APP_NAME = "summarize"
USER_FILE_NAME = "config.toml"
CONFIG_ENV = "SUMMARIZE_CONFIG"
PROJECT_FILE_NAME = "pyproject.toml"


@dataclass(frozen=True)
class SettingsFile:
    """One settings file that applies to this run: where it is, what kind, and its raw values."""

    path: Path
    kind: str  # "project" or "user"
    values: Mapping[str, object] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """How messages name the file: its path, with the home folder shown as ~."""
        return display_path(self.path) + (" [tool.summarize]" if self.kind == "project" else "")


def display_path(path: Path) -> str:
    """``path`` with the home folder written as ~ (shorter, and the same on every machine)."""
    home = Path.home()
    try:
        return "~/" + path.relative_to(home).as_posix()
    except ValueError:
        return str(path)


def user_config_path(environ: Mapping[str, str] | None = None) -> Path:
    """Where the user's config.toml is (or would be): $SUMMARIZE_CONFIG, else platformdirs' folder."""
    env = os.environ if environ is None else environ
    named = env.get(CONFIG_ENV, "").strip()
    if named:
        return Path(named).expanduser()
    return platformdirs.user_config_path(APP_NAME) / USER_FILE_NAME


def _read_toml(path: Path) -> dict[str, object]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{display_path(path)}: not valid TOML: {exc}", original=exc) from exc
    except OSError as exc:
        raise ConfigError(f"{display_path(path)}: cannot be read ({exc.strerror})", original=exc) from exc


def read_user_file(environ: Mapping[str, str] | None = None) -> SettingsFile | None:
    """The user's config.toml, or None when there is none (SUMMARIZE_CONFIG must name a file)."""
    env = os.environ if environ is None else environ
    path = user_config_path(env)
    if not path.is_file():
        if env.get(CONFIG_ENV, "").strip():
            raise ConfigError(f"{CONFIG_ENV}={str(path)!r}: no such file")
        return None
    return SettingsFile(path, "user", _read_toml(path))


def read_project_file(start: Path | None = None) -> SettingsFile | None:
    """``[tool.summarize]`` of the nearest pyproject.toml that has one, from ``start`` upwards."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        path = candidate / PROJECT_FILE_NAME
        if not path.is_file():
            continue
        tool = _read_toml(path).get("tool")
        table = tool.get(APP_NAME) if isinstance(tool, dict) else None
        if table is None:
            continue
        if not isinstance(table, dict):
            raise ConfigError(f"{display_path(path)}: [tool.summarize] must be a table")
        return SettingsFile(path, "project", table)
    return None


def settings_files(environ: Mapping[str, str] | None = None, start: Path | None = None) -> list[SettingsFile]:
    """The settings files that apply, highest precedence first (project, then user)."""
    return [f for f in (read_project_file(start), read_user_file(environ)) if f is not None]
