"""The result cache: an article already summarized the same way is not paid for twice.

- **Key**: SHA-256 over the article text's digest and everything that shapes its result: the
  engine, the model (as the endpoint names it), the endpoint, the structured-output mode, the
  prompt version, the summary schema's version, the grounding mode, the context size and a digest
  of this package's code (a change to the rules or the checker is a new result, even in a
  checkout whose version number did not move).
- **Store**: one SQLite file in the user cache folder (platformdirs), or ``--cache-dir``. WAL and a
  busy timeout make it safe for several runs (processes) at once and for a batch's threads (one
  connection behind a lock). Values are the result's JSON, compressed.
- **Bound**: kept under ``--cache-max-bytes`` by dropping the least recently used results.
- **Never fatal**: a cache that cannot be opened, read or written is reported once
  (``problem``) and the run goes on without it. A stored value that no longer validates is a miss.
- Only results are stored, never failures.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import threading
import time
import zlib
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from pydantic import ValidationError

from .article import Article
from .config import Settings
from .engines.base import Engine
from .prompts import prompt_version
from .result import SummaryResult
from .schema import Summary

FILE_NAME = "results.sqlite3"
# How often (in stores) the size bound is checked: the file may overshoot by this many results.
_CHECK_EVERY = 32
# Eviction frees down to this share of the bound, so that it does not run on every store.
_LOW_WATER = 0.9
# A hit refreshes its entry's last use when that is older than this (seconds): a re-run of a
# whole batch does not turn every read into a write.
_TOUCH_AFTER = 600.0
_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    key TEXT PRIMARY KEY,
    value BLOB NOT NULL,
    size INTEGER NOT NULL,
    used REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS results_used ON results (used);
"""


def default_cache_dir() -> Path:
    """The user cache folder for summarize (``~/.cache/summarize`` on Linux; XDG_CACHE_HOME honoured)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("summarize", appauthor=False))


@cache
def code_version() -> str:
    """A digest of this package's source files."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@cache
def schema_version() -> str:
    """A digest of the summary's JSON Schema (what the model fills)."""
    schema = json.dumps(Summary.model_json_schema(), sort_keys=True)
    return hashlib.sha256(schema.encode()).hexdigest()[:16]


def run_identity(settings: Settings, engine: Engine) -> dict[str, str]:
    """Everything besides the article that decides a result. May ask the endpoint for its model."""
    resolve = getattr(engine, "resolved_model", None)
    model = settings.model or (resolve() if callable(resolve) else None)
    if engine.name == "local":
        model = str(settings.gguf or "bundled")
    return {
        "engine": engine.name,
        "model": model or "",
        "base_url": (settings.base_url or "") if engine.name == "openai" else "",
        "mode": settings.mode,
        "evidence": settings.evidence,
        "prompt_version": prompt_version(settings.evidence),
        "schema_version": schema_version(),
        "grounding": settings.grounding,
        "judge": settings.judge,
        "context_tokens": str(settings.context_tokens or ""),
        "temperature": str(settings.temperature),
        "code": code_version(),
    }


def cache_key(text: str, identity: Mapping[str, str]) -> str:
    """The key of one article's result under one identity."""
    content = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return hashlib.sha256(json.dumps([content, dict(sorted(identity.items()))]).encode()).hexdigest()


class ResultCache:
    """Results by key, in one SQLite file; thread-safe, shareable between processes, size-bounded."""

    def __init__(self, directory: Path, max_bytes: int) -> None:
        self.path = Path(directory) / FILE_NAME
        self.max_bytes = max_bytes
        self.problem: str | None = None  # why the cache was switched off, once it was
        self.hits = 0
        self.stores = 0
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=30.0, check_same_thread=False, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(_SCHEMA)
            self._db = db
        except (OSError, sqlite3.Error) as exc:
            self._switch_off(exc)

    @classmethod
    def open(cls, settings: Settings) -> ResultCache | None:
        """The cache the settings ask for, or None with --no-cache."""
        if settings.no_cache:
            return None
        return cls(settings.cache_dir or default_cache_dir(), settings.cache_max_bytes)

    def _switch_off(self, exc: BaseException) -> None:
        self.problem = f"the result cache at {self.path} is not used: {exc}"
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._db = None

    def get(self, key: str, article: Article) -> SummaryResult | None:
        """The stored result for ``key``, made this article's (source, page), marked cached; or None."""
        started = time.perf_counter()
        with self._lock:
            if self._db is None:
                return None
            try:
                row = self._db.execute("SELECT value, used FROM results WHERE key = ?", (key,)).fetchone()
                if row is None:
                    return None
                now = time.time()
                if now - row[1] > _TOUCH_AFTER:
                    self._db.execute("UPDATE results SET used = ? WHERE key = ?", (now, key))
            except sqlite3.Error as exc:
                self._switch_off(exc)
                return None
        try:
            result = SummaryResult.model_validate_json(zlib.decompress(row[0]))
        except (zlib.error, ValidationError, ValueError):
            return None  # written by an older version, or damaged: summarize again
        self.hits += 1
        metadata = result.metadata.model_copy(
            update={
                "source": article.source,
                "page": article.page,
                "cached": True,
                "seconds": round(time.perf_counter() - started, 3),
            }
        )
        return result.model_copy(update={"metadata": metadata}).with_article_text(article.text)

    def put(self, key: str, result: SummaryResult) -> None:
        """Store a result (its index and cached flag are the run's, so they are not kept)."""
        metadata = result.metadata.model_copy(update={"index": None, "cached": False})
        value = zlib.compress(result.model_copy(update={"metadata": metadata}).model_dump_json().encode(), 6)
        with self._lock:
            if self._db is None:
                return
            try:
                self._db.execute(
                    "INSERT OR REPLACE INTO results (key, value, size, used) VALUES (?, ?, ?, ?)",
                    (key, value, len(value), time.time()),
                )
                self.stores += 1
                if self.stores % _CHECK_EVERY == 1:
                    self._bound()
            except sqlite3.Error as exc:
                self._switch_off(exc)

    def _bound(self) -> None:
        assert self._db is not None
        (total,) = self._db.execute("SELECT total(size) FROM results").fetchone()
        if total <= self.max_bytes:
            return
        excess = total - self.max_bytes * _LOW_WATER
        self._db.execute(
            """DELETE FROM results WHERE key IN (
                SELECT key FROM (SELECT key, size, sum(size) OVER (ORDER BY used, key) AS running FROM results)
                WHERE running - size < ?)""",
            (excess,),
        )

    def size(self) -> tuple[int, int]:
        """(results stored, bytes they take)."""
        with self._lock:
            if self._db is None:
                return 0, 0
            count, total = self._db.execute("SELECT count(*), total(size) FROM results").fetchone()
            return int(count), int(total)

    def close(self) -> None:
        """Close the database (results already stored stay)."""
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
