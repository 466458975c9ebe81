"""Shared test configuration: corpus location and the cassette (vcrpy / pytest-recording) rules.

Cassettes in ``cassettes/`` are recordings of the real embedded llama.cpp server. They replay
with record mode ``none`` (pytest-recording's default), so a request that has no recording fails
instead of reaching the network. Re-record them all with ``cassettes/record.sh``.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from summarize.llm.recording import body_digest
from tests.cli_runner import Run, cli_runner
from tests.fakes import ARTICLE

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = REPO_ROOT.parent / "shared" / "corpus" / "qamishli"
CASSETTE_DIR = REPO_ROOT / "cassettes"
# Every recording is stored under this host: the server's port changes on each run, and a
# stable URI keeps re-recorded cassettes diffable.
RECORDED_SERVER = "http://llama-server.local"
# Only these headers survive recording; everything else is volatile (date, request ids,
# x-stainless-* client versions) or secret (authorization, api-key).
KEPT_REQUEST_HEADERS = frozenset({"content-type"})
KEPT_RESPONSE_HEADERS = frozenset({"content-type"})


def match_body_digest(live: Any, recorded: Any) -> None:
    """vcrpy matcher: fail loudly when the live request body differs from the recorded one."""
    live_digest, recorded_digest = body_digest(live.body), body_digest(recorded.body)
    if live_digest != recorded_digest:
        raise AssertionError(
            f"request body digest {live_digest[:12]} != recorded {recorded_digest[:12]}: the prompt, schema "
            "or request options changed since the cassette was recorded; re-record with cassettes/record.sh"
        )


def scrub_request(request: Any) -> Any:
    """Drop probes of the server's readiness, pin the host, keep only non-volatile headers."""
    if request.path.rstrip("/").endswith("/v1/models"):
        return None
    scrubbed = copy.deepcopy(request)
    query = urlparse(request.uri).query
    scrubbed.uri = RECORDED_SERVER + request.path + (f"?{query}" if query else "")
    for name in list(scrubbed.headers):
        if name.lower() not in KEPT_REQUEST_HEADERS:
            del scrubbed.headers[name]
    return scrubbed


def scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    """Keep only non-volatile response headers (the body is already decoded by vcrpy)."""
    response["headers"] = {
        name: value for name, value in response["headers"].items() if name.lower() in KEPT_RESPONSE_HEADERS
    }
    return response


def pytest_recording_configure(config: pytest.Config, vcr: Any) -> None:
    """Register the body-digest matcher with pytest-recording's VCR instance."""
    vcr.register_matcher("body_digest", match_body_digest)


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, Any]:
    """Replay-by-default cassette settings shared by every cassette test."""
    return {
        "decode_compressed_response": True,
        "match_on": ["method", "path", "body_digest"],
        "before_record_request": scrub_request,
        "before_record_response": scrub_response,
    }


@pytest.fixture(scope="module")
def vcr_cassette_dir() -> str:
    """All cassettes live in the repository's cassettes/ folder."""
    return str(CASSETTE_DIR)


@pytest.fixture(autouse=True)
def private_result_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own result cache: none reads or fills the user's, nor another test's."""
    folder = tmp_path_factory.mktemp("result-cache")
    monkeypatch.setenv("SUMMARIZE_CACHE_DIR", str(folder))
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder / "xdg"))
    return folder


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared real-article corpus (never copied into the project)."""
    if not (CORPUS_DIR / "manifest.json").is_file():
        # Failing, not skipping: a missing corpus would otherwise hide every cassette test.
        pytest.fail(f"the article corpus is missing: expected {CORPUS_DIR}/manifest.json")
    return CORPUS_DIR


@pytest.fixture(autouse=True)
def no_user_settings_file(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs without the developer's own ~/.config/summarize/config.toml (platformdirs
    honours XDG_CONFIG_HOME), so a personal endpoint never leaks into a test."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("xdg-config")))
    monkeypatch.delenv("SUMMARIZE_CONFIG", raising=False)


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """``run(*args) -> (exit code, stdout, stderr)`` of ``summarize ARGS``, in-process."""
    return cli_runner(capsys)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    """The fake endpoint's article (tests/fakes.py) as a file."""
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def no_endpoint_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No endpoint, engine, model, mode, worker count or cache switch from the developer's shell."""
    for name in (
        "OPENAI_BASE_URL",
        "OPENAI_API_KEY",
        "SUMMARIZE_ENGINE",
        "SUMMARIZE_MODEL",
        "SUMMARIZE_MODE",
        "SUMMARIZE_WORKERS",
        "SUMMARIZE_NO_CACHE",
    ):
        monkeypatch.delenv(name, raising=False)
