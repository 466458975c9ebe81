"""Settings: every option declared once (``OPTIONS``), resolved once per run, then frozen.

Each :class:`Option` names its setting, environment variable, parser and help text; the CLI's
click options, their ``--help`` and :func:`resolve_settings` are all generated from the table.
Precedence: explicit argument > environment variable > ``[tool.summarize]`` in the nearest
pyproject.toml > the user's config.toml (``summarize.settings_file``) > the default in
:class:`Settings`; :func:`resolve_settings_with_sources` also says where each value came from.
"""

from __future__ import annotations

import difflib
import math
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from .errors import ConfigError
from .redaction import redact_url, register_secret, url_secrets
from .settings_file import SettingsFile, settings_files

EngineName = Literal["auto", "openai", "local", "rules"]
GroundingMode = Literal["off", "warn", "strict"]
JudgeName = Literal["rules", "llm"]
JUDGES: tuple[JudgeName, ...] = ("rules", "llm")
EvidenceMode = Literal["ids", "quotes"]
ENGINES: tuple[EngineName, ...] = ("auto", "openai", "local", "rules")
GROUNDING_MODES: tuple[GroundingMode, ...] = ("off", "warn", "strict")
EVIDENCE_MODES: tuple[EvidenceMode, ...] = ("ids", "quotes")
# Structured-output modes a user may force with --mode; "auto" picks one that fits the endpoint.
MODES = ("auto", "tools", "structured", "json_schema", "json", "md_json")
# The summarize task keeps 1536 tokens for the answer (tasks.article_summary.ANSWER_TOKENS_RESERVE),
# so a smaller context could never hold a prompt; a test keeps the two in step.
MIN_CONTEXT_TOKENS = 2048
# --fail-on: the grounding verdicts that fail a run (summarize.grounding.REJECTED; a test keeps
# the two in step), or any of them.
FAIL_ON_VERDICTS = ("unsupported", "contradicted", "misattributed")
FAIL_ON_ANY = "any"


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know, resolved before any work starts."""

    engine: EngineName = "auto"
    model: str | None = None
    base_url: str | None = None
    api_key: str | None = None
    mode: str = "auto"
    gguf: Path | None = None
    grounding: GroundingMode = "warn"
    fail_on: tuple[str, ...] = ()
    evidence: EvidenceMode = "ids"
    timeout: float = 120.0
    max_attempts: int = 4
    max_retry_seconds: float = 120.0
    max_reasks: int = 2
    context_tokens: int | None = None
    article_timeout: float = 600.0
    max_bytes: int = 5_000_000
    max_page_bytes: int = 10_000_000
    fetch_timeout: float = 30.0
    judge: JudgeName = "rules"
    temperature: float = 0.0
    workers: int = 4
    no_cache: bool = False
    cache_dir: Path | None = None
    cache_max_bytes: int = 1_000_000_000

    @property
    def llm_configured(self) -> bool:
        """True when an OpenAI-compatible endpoint is configured (a key or a base URL)."""
        return bool(self.api_key or self.base_url)

    def with_engine(self, engine: EngineName) -> Settings:
        """A copy of these settings bound to a concrete engine."""
        return replace(self, engine=engine)


# -- parsers: text from the command line or the environment, or a value from the Python API -----
Parser = Callable[[object], object]


def choice(*values: str) -> Parser:
    """One of ``values``."""

    def parse(value: object) -> str:
        text = str(value).strip()
        if text not in values:
            raise ValueError(f"{text!r} is not one of {', '.join(values)}")
        return text

    return parse


def text(value: object) -> str:
    """Any non-empty text."""
    result = str(value).strip()
    if not result:
        raise ValueError("must not be empty")
    return result


def http_url(value: object) -> str:
    """An http:// or https:// URL with a host."""
    url = text(value)
    try:
        parts = urlsplit(url)
        valid = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        valid = False
    if not valid:
        raise ValueError(f"{redact_url(url)!r} is not an http:// or https:// URL")
    return url


def path(value: object) -> Path:
    """A filesystem path (~ expanded)."""
    return value if isinstance(value, Path) else Path(text(value)).expanduser()


def seconds(value: object) -> float:
    """A finite number of seconds greater than zero."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number of seconds")
    try:
        number = float(str(value).strip()) if not isinstance(value, int | float) else float(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a number of seconds") from None
    if not math.isfinite(number) or number <= 0:
        raise ValueError(f"must be a finite number of seconds greater than 0, not {value!r}")
    return number


def integer(minimum: int, why: str = "") -> Parser:
    """A whole number of at least ``minimum``."""

    def parse(value: object) -> int:
        if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
            raise ValueError(f"{value!r} is not a whole number")
        try:
            number = int(str(value).strip()) if not isinstance(value, int | float) else int(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a whole number") from None
        if number < minimum:
            raise ValueError(f"must be at least {minimum}{why}, not {number}")
        return number

    return parse


_BYTE_UNITS = {"": 1, "k": 1000, "kb": 1000, "m": 1000**2, "mb": 1000**2, "g": 1000**3, "gb": 1000**3}


def flag(value: object) -> bool:
    """On or off: a flag on the command line; 1/0, true/false, yes/no, on/off in the environment."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"{value!r} is not one of 1, 0, true, false, yes, no, on, off")


def byte_count(value: object) -> int:
    """A positive number of bytes: 5000000, 5MB, 500k."""
    raw = str(value).strip().lower().replace("_", "")
    digits = raw.rstrip("kmgb")
    unit = raw[len(digits) :]
    try:
        number = float(digits) * _BYTE_UNITS[unit]
    except (KeyError, ValueError):
        raise ValueError(f"{value!r} is not a number of bytes (e.g. 5000000, 500k, 5MB)") from None
    if not math.isfinite(number) or number < 1:
        raise ValueError(f"must be at least 1 byte, not {value!r}")
    return int(number)


def verdicts(value: object) -> tuple[str, ...]:
    """Comma-separated grounding verdicts (unsupported, contradicted, misattributed) or 'any'."""
    names = value if isinstance(value, tuple | list) else str(value).split(",")
    chosen = [str(name).strip().lower() for name in names if str(name).strip()]
    allowed = (*FAIL_ON_VERDICTS, FAIL_ON_ANY)
    for name in chosen:
        if name not in allowed:
            raise ValueError(f"{name!r} is not one of {', '.join(allowed)}")
    if not chosen:
        raise ValueError(f"name one or more of {', '.join(allowed)}")
    return FAIL_ON_VERDICTS if FAIL_ON_ANY in chosen else tuple(dict.fromkeys(chosen))


@dataclass(frozen=True)
class Option:
    """One setting as the user meets it: flag, environment variable, parser, help."""

    name: str  # the Settings field
    help: str
    parse: Parser
    env: str | None = None
    cli: bool = True  # False: environment and Python API only (the API key)
    choices: tuple[str, ...] = ()
    metavar: str | None = None
    shown_default: str | None = None  # how --help and the README describe the default
    is_flag: bool = False  # a command-line flag that takes no value (--no-cache)

    @property
    def flag(self) -> str:
        """The command-line flag: --base-url for base_url."""
        return "--" + self.name.replace("_", "-")

    @property
    def default_text(self) -> str:
        """The default, in words."""
        if self.shown_default is not None:
            return self.shown_default
        default = next(f.default for f in fields(Settings) if f.name == self.name)
        return "none" if default is None else f"{default:g}" if isinstance(default, float) else str(default)

    def help_text(self) -> str:
        """The help line, with its environment variable and default."""
        env = f"env: {self.env}; " if self.env else ""
        return f"{self.help} [{env}default: {self.default_text}]"


OPTIONS: tuple[Option, ...] = (
    Option(
        "engine",
        "auto: an LLM endpoint when one is configured, else the offline rule-based engine.",
        choice(*ENGINES),
        env="SUMMARIZE_ENGINE",
        choices=ENGINES,
    ),
    Option(
        "model",
        "Model name at the endpoint.",
        text,
        env="SUMMARIZE_MODEL",
        metavar="NAME",
        shown_default="gpt-4o-mini on OpenAI; the first model the endpoint lists elsewhere",
    ),
    Option(
        "base_url",
        "OpenAI-compatible endpoint, e.g. http://localhost:11434/v1. The API key is sent to it.",
        http_url,
        env="OPENAI_BASE_URL",
        metavar="URL",
        shown_default="OpenAI's API",
    ),
    Option("api_key", "API key (local servers need none).", text, env="OPENAI_API_KEY", cli=False),
    Option(
        "mode",
        "Structured-output mode: tools (OpenAI), structured (OpenAI json_schema), json_schema "
        "(llama.cpp grammar), json (Ollama), md_json; auto picks one.",
        choice(*MODES),
        env="SUMMARIZE_MODE",
        choices=MODES,
    ),
    Option(
        "gguf",
        "GGUF model file for --engine local.",
        path,
        env="SUMMARIZE_GGUF",
        metavar="PATH",
        shown_default="the bundled SmolLM2-135M",
    ),
    Option(
        "grounding",
        "off; warn: report what the article supports; strict: drop unsupported items "
        "(LLM engines re-ask once first, and an unsupported event fails the article).",
        choice(*GROUNDING_MODES),
        env="SUMMARIZE_GROUNDING",
        choices=GROUNDING_MODES,
    ),
    Option(
        "judge",
        "Who decides whether a claim's evidence supports it: rules (offline, deterministic) or llm "
        "(the configured endpoint, or --engine local); the rules find the evidence either way.",
        choice(*JUDGES),
        env="SUMMARIZE_JUDGE",
        choices=JUDGES,
    ),
    Option(
        "fail_on",
        "Exit 8 when grounding gives any item one of these verdicts (comma-separated: unsupported, "
        "contradicted, misattributed, or any); the result is still written.",
        verdicts,
        env="SUMMARIZE_FAIL_ON",
        metavar="VERDICTS",
        shown_default="never",
    ),
    Option(
        "evidence",
        "How an LLM cites the article: ids (sentence numbers; the article's own sentences become the "
        "evidence) or quotes (copied word for word).",
        choice(*EVIDENCE_MODES),
        env="SUMMARIZE_EVIDENCE",
        choices=EVIDENCE_MODES,
    ),
    Option(
        "timeout",
        "Seconds one request may take in all, from connecting to the last byte of the answer.",
        seconds,
        env="SUMMARIZE_TIMEOUT",
        metavar="S",
    ),
    Option(
        "max_attempts",
        "Attempts per article on transient failures.",
        integer(1),
        env="SUMMARIZE_MAX_ATTEMPTS",
        metavar="N",
    ),
    Option(
        "max_retry_seconds",
        "Total time budget for those retries.",
        seconds,
        env="SUMMARIZE_MAX_RETRY_SECONDS",
        metavar="S",
    ),
    Option(
        "max_reasks",
        "Re-asks after invalid or schema-violating output.",
        integer(0),
        env="SUMMARIZE_MAX_REASKS",
        metavar="N",
    ),
    Option(
        "context_tokens",
        "The model's context window; longer articles are refused before any request.",
        integer(MIN_CONTEXT_TOKENS, " (1536 tokens are kept for the answer)"),
        env="SUMMARIZE_CONTEXT_TOKENS",
        metavar="N",
        shown_default="unknown (local: 8192)",
    ),
    Option(
        "article_timeout",
        "Seconds one article may take in all: every request, re-ask and wait between retries.",
        seconds,
        env="SUMMARIZE_ARTICLE_TIMEOUT",
        metavar="S",
    ),
    Option(
        "max_bytes",
        "Largest article read (file or stdin), in bytes; 500k and 5MB work too.",
        byte_count,
        env="SUMMARIZE_MAX_BYTES",
        metavar="N",
        shown_default="5MB",
    ),
    Option(
        "max_page_bytes",
        "Largest web page downloaded from a URL, in bytes; 500k and 10MB work too.",
        byte_count,
        env="SUMMARIZE_MAX_PAGE_BYTES",
        metavar="N",
        shown_default="10MB",
    ),
    Option(
        "fetch_timeout",
        "Seconds a whole page download may take, from connecting to the last byte.",
        seconds,
        env="SUMMARIZE_FETCH_TIMEOUT",
        metavar="S",
    ),
    Option(
        "workers",
        "Articles summarized at once against an OpenAI-compatible endpoint (the rule-based and local "
        "engines take one at a time).",
        integer(1),
        env="SUMMARIZE_WORKERS",
        metavar="N",
    ),
    Option(
        "no_cache",
        "Neither read nor write the result cache.",
        flag,
        env="SUMMARIZE_NO_CACHE",
        is_flag=True,
        shown_default="off",
    ),
    Option(
        "cache_dir",
        "Folder of the result cache (an SQLite file, safe to share between runs at once).",
        path,
        env="SUMMARIZE_CACHE_DIR",
        metavar="DIR",
        shown_default="the user cache folder, e.g. ~/.cache/summarize",
    ),
    Option(
        "cache_max_bytes",
        "Size the result cache is kept under; the least recently used results go first.",
        byte_count,
        env="SUMMARIZE_CACHE_MAX_BYTES",
        metavar="N",
        shown_default="1GB",
    ),
)
OPTIONS_BY_NAME = {option.name: option for option in OPTIONS}


def resolve_settings(
    environ: Mapping[str, str] | None = None,
    *,
    config_files: Sequence[SettingsFile] | None = None,
    **overrides: object,
) -> Settings:
    """Build frozen Settings from explicit arguments, then environment variables, then settings
    files, then defaults.

    ``None`` in ``overrides`` means "not given", so what lies below applies. ``config_files``
    defaults to the files that apply here (``settings_file.settings_files``); ``()`` reads none.
    Invalid values raise ConfigError naming the option, variable or file.
    """
    return resolve_settings_with_sources(environ, config_files=config_files, **overrides).settings


# -- where each setting came from ------------------------------------------------------------------
DEFAULT_SOURCE = "default"


@dataclass(frozen=True)
class ResolvedSettings:
    """Settings, and for each one where its value came from: '--model', 'env OPENAI_BASE_URL',
    a settings file's label, or 'default'."""

    settings: Settings
    sources: dict[str, str] = field(default_factory=dict)
    files: tuple[SettingsFile, ...] = ()


_OTHER_TABLES = frozenset({"eval"})


def _file_values(files: Sequence[SettingsFile]) -> dict[str, tuple[object, SettingsFile]]:
    """Option name -> (raw value, file), the highest-precedence file winning; every key and value
    is checked, so a mistake in a file is found even while something else overrides it."""
    values: dict[str, tuple[object, SettingsFile]] = {}
    names = [option.name for option in OPTIONS]
    for settings_file in reversed(files):  # lowest precedence first, so higher ones overwrite
        for key, value in settings_file.values.items():
            name = key.replace("-", "_")
            if name in _OTHER_TABLES and isinstance(value, dict):
                continue  # [tool.summarize.eval] belongs to `summarize eval`, which reads it itself
            if name not in OPTIONS_BY_NAME:
                close = difflib.get_close_matches(name, names, n=1)
                hint = f" (did you mean {close[0].replace('_', '-')!r}?)" if close else ""
                raise ConfigError(f"{settings_file.label}: unknown setting {key!r}{hint}")
            if name == "api_key" and settings_file.kind == "project":
                raise ConfigError(
                    f"{settings_file.label}: api_key does not belong in a project file that is "
                    "shared or committed; set OPENAI_API_KEY or put it in your user config file"
                )
            try:  # checked even when a higher file or the environment overrides it
                OPTIONS_BY_NAME[name].parse(value)
            except ValueError as exc:
                shown = "" if name == "api_key" else f"={value!r}"
                raise ConfigError(f"{settings_file.label}: {key}{shown}: {exc}", original=exc) from exc
            values[name] = (value, settings_file)
    return values


def resolve_settings_with_sources(
    environ: Mapping[str, str] | None = None,
    *,
    config_files: Sequence[SettingsFile] | None = None,
    **overrides: object,
) -> ResolvedSettings:
    """:func:`resolve_settings`, saying where each value came from."""
    env = os.environ if environ is None else environ
    known = {f.name for f in fields(Settings)}
    unknown = set(overrides) - known
    if unknown:
        raise TypeError(f"unknown setting(s): {', '.join(sorted(unknown))}")
    files = tuple(settings_files(env) if config_files is None else config_files)
    from_files = _file_values(files)
    values: dict[str, object] = {k: v for k, v in overrides.items() if v is not None}
    sources: dict[str, str] = {}
    for option in OPTIONS:
        given = values.get(option.name)
        # Where the value came from (for `config show`), and how an error names it.
        origin, label = (option.flag if option.cli else option.name), option.name
        if given is None and option.env:
            raw = env.get(option.env, "").strip()
            given, origin, label = (raw or None), f"env {option.env}", option.env
        if given is None and option.name in from_files:
            given, settings_file = from_files[option.name]
            origin = settings_file.label
            label = f"{settings_file.label}: {option.name.replace('_', '-')}"
        if given is None:
            continue
        try:
            values[option.name] = option.parse(given)
        except ValueError as exc:
            shown = "" if option.name == "api_key" else f"={given!r}"
            raise ConfigError(f"{label}{shown}: {exc}", original=exc) from exc
        sources[option.name] = origin
    settings = Settings(**values)  # type: ignore[arg-type]
    register_secret(settings.api_key)
    for secret in url_secrets(settings.base_url):
        register_secret(secret)
    return ResolvedSettings(settings, sources, files)
