"""Recording an endpoint's HTTP exchanges once and replaying them offline (cassettes).

A :class:`RecordingTransport` goes under the model client, where any transport may go: in
``record`` mode it sends each request to the real endpoint and keeps the answer, in ``replay``
mode it answers from the recordings and never opens a socket, and in ``record-missing`` mode it
replays what it has and records the rest. Recordings are grouped in named cassettes (the eval
keeps one per article), one YAML file each in a folder; the cassette in use is a context
variable, so a caller says which one a block of requests belongs to (:meth:`CassetteShelf.use`).

What a cassette keeps, and why:
- requests are matched on method, path (relative to the base URL, so the host and port may
  change) and the SHA-256 of the canonical JSON body: any change to the prompt, the schema, the
  model or a setting changes the digest, and a stale recording fails instead of answering;
- no header is kept, request or response, but the answer's content type: authorization, API
  keys, cookies, dates and request ids never reach the file; registered secrets are masked in
  every stored string all the same (an endpoint may echo a key in an error);
- transient failures (408, 409, 429, 5xx) are not kept: the client retried them, and a replay
  should neither sleep nor fail where the recorded run went on;
- each body is stored as readable data, so a re-recording shows in a review as a diff of the
  prompt and the answer; its digest is checked on load, so a hand-edited cassette is refused.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import httpx2 as httpx
import yaml

from ..errors import ConfigError, StaleRecordingError
from ..redaction import redact
from .transport import MAX_RESPONSE_BYTES, proxy_for

RecordMode = Literal["record", "replay", "record-missing"]
RECORD_MODES: tuple[RecordMode, ...] = ("record", "replay", "record-missing")
CASSETTE_VERSION = 1
CASSETTE_SUFFIX = ".yaml"
# Where a replayed client believes it is talking; nothing is ever sent there (.invalid never resolves).
REPLAY_BASE_URL = "http://recorded.invalid/v1"
_HEADER = (
    "# A recording of real HTTP requests and the endpoint's answers (summarize eval --record).\n"
    "# Never edit it by hand: the digests are checked. Re-record instead.\n"
)
_SCHEMA_KEYS = frozenset({"tools", "tool_choice", "response_format", "functions", "function_call"})

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def canonical_body(content: bytes | str | None) -> str:
    """A request body as canonical JSON (sorted keys, no spaces), or as text when it is not JSON."""
    if not content:
        return ""
    text = content.decode("utf-8", "replace") if isinstance(content, bytes) else content
    try:
        return json.dumps(json.loads(text), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    except ValueError:
        return text


def body_digest(content: bytes | str | None) -> str:
    """SHA-256 of the canonical body: equal for the same request, whatever its key order."""
    return hashlib.sha256(canonical_body(content).encode("utf-8")).hexdigest()


def is_transient(status: int) -> bool:
    """The statuses the client retries (summarize.llm.client), which a cassette does not keep."""
    return status in (408, 409, 429) or status >= 500


def _parse(content: bytes) -> tuple[str, Any]:
    """('json', value) when the bytes are JSON, else ('text', the text)."""
    text = content.decode("utf-8", "replace")
    try:
        return "json", json.loads(text)
    except ValueError:
        return "text", text


def _masked(value: Any) -> Any:
    """``value`` with every registered secret masked in every string inside it."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, list):
        return [_masked(item) for item in value]
    if isinstance(value, dict):
        return {key: _masked(item) for key, item in value.items()}
    return value


@dataclass
class Interaction:
    """One request and the answer it got."""

    method: str
    path: str  # relative to the base URL: "chat/completions"
    digest: str
    body: Any  # the request's JSON (or text)
    status: int
    content_type: str
    answer: Any  # the answer's JSON, or its text when answer_is_json is False
    answer_is_json: bool = True

    def response(self) -> httpx.Response:
        """The recorded answer as an HTTP response."""
        raw = json.dumps(self.answer, ensure_ascii=False) if self.answer_is_json else str(self.answer)
        return httpx.Response(
            self.status, headers={"content-type": self.content_type}, content=raw.encode("utf-8")
        )

    def to_data(self) -> dict[str, Any]:
        return {
            "request": {"method": self.method, "path": self.path, "digest": self.digest, "body": self.body},
            "response": {
                "status": self.status,
                "content_type": self.content_type,
                ("json" if self.answer_is_json else "text"): self.answer,
            },
        }

    @classmethod
    def from_data(cls, data: Any, where: str) -> Interaction:
        try:
            request, response = data["request"], data["response"]
            body = request.get("body")
            interaction = cls(
                method=str(request["method"]),
                path=str(request["path"]),
                digest=str(request["digest"]),
                body=body,
                status=int(response["status"]),
                content_type=str(response.get("content_type", "application/json")),
                answer=response["json"] if "json" in response else response["text"],
                answer_is_json="json" in response,
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ConfigError(f"{where}: not a recorded interaction ({exc!r})", original=exc) from exc
        stored = body if isinstance(body, str) else json.dumps(body)
        if body is not None and body_digest(stored) != interaction.digest:
            raise ConfigError(
                f"{where}: the request body does not match its digest: the cassette was edited by hand; "
                "re-record it"
            )
        return interaction


def _literal_strings(dumper: Any, value: str) -> Any:
    # Prompts and articles are long and multi-line: block scalars keep a re-recording's diff readable.
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


class _CassetteDumper(_Dumper):  # type: ignore[misc]
    pass


_CassetteDumper.add_representer(str, _literal_strings)


@dataclass
class Cassette:
    """The recorded interactions of one name (one eval article), in the order they happened."""

    path: Path
    name: str
    interactions: list[Interaction] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path, name: str) -> Cassette | None:
        """The cassette at ``path``; None when there is no file. A damaged file is a ConfigError."""
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read the recording ({exc})", original=exc) from exc
        try:
            data = yaml.load(text, Loader=_Loader)
        except yaml.YAMLError as exc:
            raise ConfigError(f"{path}: the recording is not valid YAML ({exc})", original=exc) from exc
        if not isinstance(data, dict) or data.get("version") != CASSETTE_VERSION:
            raise ConfigError(f"{path}: not a version-{CASSETTE_VERSION} summarize recording; re-record it")
        items = data.get("interactions") or []
        interactions = [
            Interaction.from_data(item, f"{path} interaction {index}") for index, item in enumerate(items, 1)
        ]
        return cls(path, name, interactions)

    def save(self) -> None:
        """Write the cassette atomically (a temporary file renamed over the old one)."""
        data = {
            "version": CASSETTE_VERSION,
            "name": self.name,
            "interactions": [item.to_data() for item in self.interactions],
        }
        text = _HEADER + yaml.dump(
            data, Dumper=_CassetteDumper, sort_keys=False, allow_unicode=True, width=100_000
        )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


@dataclass
class _Session:
    """The cassette in use for one block of requests: what was recorded before, what is kept now."""

    name: str
    path: Path
    old: Cassette | None
    new: list[Interaction] = field(default_factory=list)
    used: set[int] = field(default_factory=set)
    recorded: int = 0
    # Requests so far per (method, path), to compare a stale one with its recorded counterpart.
    routes: dict[tuple[str, str], int] = field(default_factory=dict)


class CassetteShelf:
    """A folder of cassettes, one per name; ``use(name)`` routes the requests of a block to one."""

    def __init__(self, folder: Path, mode: RecordMode, *, rerecord_hint: str = "re-record it") -> None:
        if mode not in RECORD_MODES:
            raise ValueError(f"unknown record mode {mode!r}")
        self.folder = folder
        self.mode = mode
        self.rerecord_hint = rerecord_hint
        self._session: ContextVar[_Session | None] = ContextVar(f"cassette:{folder}", default=None)
        self.recorded_names: list[str] = []

    def path_for(self, name: str) -> Path:
        """The cassette file of ``name``."""
        return self.folder / f"{name}{CASSETTE_SUFFIX}"

    @contextmanager
    def use(self, name: str) -> Iterator[None]:
        """Requests inside the block belong to cassette ``name``; recording modes save it on exit."""
        path = self.path_for(name)
        old = None if self.mode == "record" else Cassette.load(path, name)
        session = _Session(name, path, old)
        token = self._session.set(session)
        try:
            yield
        finally:
            self._session.reset(token)
            # record-missing rewrites a cassette only when something changed: a new recording, or
            # recorded requests the run no longer makes (dropped, so no stale answer lingers).
            if self.mode == "record" or (
                self.mode == "record-missing" and (old is None or session.new != old.interactions)
            ):
                Cassette(path, name, session.new).save()
                self.recorded_names.append(name)

    # -- called by the transport -------------------------------------------------------------------
    def current(self) -> _Session | None:
        """The cassette in use, if any."""
        return self._session.get()

    def lookup(self, session: _Session, method: str, path: str, digest: str) -> Interaction | None:
        """The first unused recorded interaction for this request (the same request may recur)."""
        if session.old is None:
            return None
        fallback = None
        for index, item in enumerate(session.old.interactions):
            if (item.method, item.path, item.digest) != (method, path, digest):
                continue
            if index not in session.used:
                session.used.add(index)
                return item
            fallback = item
        return fallback

    def stale(self, session: _Session, method: str, path: str, body: bytes) -> StaleRecordingError:
        """The error for a request that has no recording, saying what changed where it can."""
        if session.old is None:
            return StaleRecordingError(
                f"{session.path}: {session.name!r} has no recording yet; {self.rerecord_hint}",
                path=str(session.path),
                name=session.name,
            )
        same_route = [item for item in session.old.interactions if (item.method, item.path) == (method, path)]
        position = session.routes.get((method, path), 0)  # this request's number on its route
        if position > len(same_route):
            what = f"the run made more {path} requests than the {len(same_route)} recorded"
        else:
            change = describe_change(body, same_route[position - 1].body)
            what = f"request {position} to {path} differs from the recording in {change}"
        return StaleRecordingError(
            f"{session.path}: stale recording of {session.name!r}: {what}; {self.rerecord_hint}",
            path=str(session.path),
            name=session.name,
        )


def describe_change(live: bytes, recorded: Any) -> str:
    """What differs between a live request body and a recorded one, in a few words."""
    kind, now = _parse(live)
    if kind != "json" or not isinstance(now, dict) or not isinstance(recorded, dict):
        return "its body"
    changed = []
    for key in sorted(set(now) | set(recorded)):
        before, after = recorded.get(key), now.get(key)
        if before == after:
            continue
        if key == "messages":
            changed.append("the messages (the prompt or the article)")
        elif key in _SCHEMA_KEYS:
            changed.append(f"the output schema ({key})")
        elif key == "model":
            changed.append(f"the model ({before!r} recorded, {after!r} now)")
        elif len(repr(before)) + len(repr(after)) < 80:
            changed.append(f"{key} ({before!r} recorded, {after!r} now)")
        else:
            changed.append(key)
    return ", ".join(changed) or "its body"


class RecordingTransport(httpx.BaseTransport):
    """Records to, replays from, or fills in a :class:`CassetteShelf`; the real endpoint only when recording."""

    def __init__(
        self, shelf: CassetteShelf, *, base_url: str | None, real: httpx.BaseTransport | None = None
    ) -> None:
        self.shelf = shelf
        self._base_path = urlsplit(base_url or "https://api.openai.com/v1").path.rstrip("/")
        self._real = real
        if real is None and shelf.mode != "replay":
            real = self._real = httpx.HTTPTransport(proxy=proxy_for(base_url))
        # The guarded transport above bounds every socket operation by wrapping its inner
        # transport's connection pool; handing it the real pool keeps that bound when recording.
        self._pool = getattr(real, "_pool", None)

    def _relative(self, path: str) -> str:
        if self._base_path and path.startswith(self._base_path + "/"):
            path = path[len(self._base_path) :]
        return path.lstrip("/")

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        session = self.shelf.current()
        if session is None:
            return self._outside_cassettes(request)
        body = request.read()
        method, path, digest = request.method, self._relative(request.url.path), body_digest(body)
        session.routes[method, path] = session.routes.get((method, path), 0) + 1
        if self.shelf.mode != "record":
            found = self.shelf.lookup(session, method, path, digest)
            if found is not None:
                session.new.append(found)
                return found.response()
            if self.shelf.mode == "replay":
                raise self.shelf.stale(session, method, path, body)
        assert self._real is not None
        response = self._real.handle_request(request)
        try:
            content = self._read(response)
        finally:
            response.close()
        if not is_transient(response.status_code):
            kind, answer = _parse(content)
            _, sent = _parse(body)
            session.new.append(
                Interaction(
                    method=method,
                    path=path,
                    digest=digest,
                    body=_masked(sent) if body else None,
                    status=response.status_code,
                    content_type=response.headers.get("content-type", "application/json"),
                    answer=_masked(answer),
                    answer_is_json=kind == "json",
                )
            )
            session.recorded += 1
        return httpx.Response(response.status_code, headers=response.headers, content=content)

    def _outside_cassettes(self, request: httpx.Request) -> httpx.Response:
        # Requests outside any cassette (probing the endpoint before the first article) are
        # passed through unrecorded when recording; a replay must never make one.
        if self._real is None:
            raise StaleRecordingError(
                f"{self.shelf.folder}: a {request.method} {request.url.path} request outside any "
                f"recording; {self.shelf.rerecord_hint}",
                path=str(self.shelf.folder),
                name="",
            )
        return self._real.handle_request(request)

    @staticmethod
    def _read(response: httpx.Response) -> bytes:
        chunks, size = [], 0
        for chunk in response.iter_raw():
            size += len(chunk)
            if size > MAX_RESPONSE_BYTES:
                break  # the guarded transport above refuses it; no need to keep more
            chunks.append(chunk)
        return b"".join(chunks)

    def close(self) -> None:
        if self._real is not None:
            self._real.close()
