"""Where a user's eval lives and how it is configured: ``--evals DIR``, a ``[tool.summarize.eval]``
table in the project's ``pyproject.toml``, or an ``evals/`` folder found upward from the working
directory.

The table holds project defaults for ``summarize eval`` (its options win, then the environment
variables of the settings they name, then the table):

    [tool.summarize.eval]
    evals = "evals"                  # the eval folder, relative to pyproject.toml
    engine = "openai"                # auto | openai | local | rules
    model = "gpt-4o-mini"
    base_url = "http://localhost:11434/v1"
    judge = "meaning"
    price = { prompt = 0.15, completion = 0.60 }   # USD per million tokens: the report shows cost
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from ..config import OPTIONS_BY_NAME
from ..errors import ConfigError
from .references import find_evals_dir
from .report import Price

PYPROJECT = "pyproject.toml"


class EvalConfig(BaseModel):
    """The ``[tool.summarize.eval]`` table."""

    model_config = ConfigDict(extra="forbid")

    evals: Path | None = None
    engine: str | None = None
    model: str | None = None
    base_url: str | None = None
    judge: str | None = None
    price: Price | None = None


@dataclass(frozen=True)
class EvalProject:
    """The eval folder a run uses and the project configuration it came with."""

    evals_dir: Path
    config: EvalConfig
    pyproject: Path | None = None


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml at or above ``start``."""
    for folder in (start, *start.parents):
        candidate = folder / PYPROJECT
        if candidate.is_file():
            return candidate
    return None


def load_eval_config(pyproject: Path) -> EvalConfig:
    """The ``[tool.summarize.eval]`` table of ``pyproject`` (empty when it has none); paths made absolute."""
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{pyproject}: cannot read it ({exc})", original=exc) from exc
    table = data.get("tool", {}).get("summarize", {}).get("eval", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{pyproject}: [tool.summarize.eval] must be a table")
    try:
        config = EvalConfig.model_validate(table)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ConfigError(
            f"{pyproject}: [tool.summarize.eval] {where}: {first['msg']}", original=exc
        ) from exc
    if config.evals is not None and not config.evals.is_absolute():
        config = config.model_copy(update={"evals": pyproject.parent / config.evals})
    return config


def resolve_project(evals: Path | None, start: Path | None = None) -> EvalProject:
    """``--evals DIR`` if given, else the pyproject table's folder, else ``evals/`` found upward."""
    here = (start or Path.cwd()).resolve()
    pyproject = find_pyproject(here)
    config = load_eval_config(pyproject) if pyproject is not None else EvalConfig()
    chosen = evals or config.evals
    if chosen is not None:
        if not chosen.is_dir():
            raise ConfigError(f"{chosen}: no such eval folder; create one with: summarize eval init {chosen}")
        return EvalProject(chosen, config, pyproject)
    return EvalProject(find_evals_dir(here), config, pyproject)


def project_default(
    name: str, given: object, config: EvalConfig, environ: Mapping[str, str] | None = None
) -> object:
    """An option's value: the command line's, else None when its environment variable is set
    (resolve_settings reads it), else the project table's."""
    if given is not None:
        return given
    env = os.environ if environ is None else environ
    option = OPTIONS_BY_NAME.get(name)
    if option is not None and option.env and env.get(option.env, "").strip():
        return None
    return getattr(config, name, None)
