"""The CLI as a user meets it: output formats, several files, bad input, errors and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from summarize import pipeline
from summarize.config import Settings
from summarize.engines.openai_engine import OpenAIEngine
from summarize.engines.registry import EngineChoice
from summarize.llm.pacing import RequestGate
from summarize.schema_export import SCHEMAS_DIR
from tests.fakes import ARTICLE, FakeEndpoint, good_summary

RESULT_SCHEMA = json.loads((SCHEMAS_DIR / "summary_result.schema.json").read_text(encoding="utf-8"))

Run = Callable[..., tuple[int, str, str]]


def route_engines(monkeypatch: pytest.MonkeyPatch, fake: FakeEndpoint) -> None:
    """Make every engine the CLI builds talk to ``fake``."""

    def create(settings: Settings, *, gate: RequestGate | None = None) -> EngineChoice:
        configured = Settings(**{**settings.__dict__, "api_key": "sk-test", "model": "gpt-test"})
        return EngineChoice(
            OpenAIEngine(configured, transport=fake.transport(), sleep=lambda _: None, gate=gate)
        )

    monkeypatch.setattr(pipeline, "create_engine", create)


@pytest.fixture
def endpoint(monkeypatch: pytest.MonkeyPatch) -> FakeEndpoint:
    """Route every engine the CLI builds to one in-memory endpoint."""
    fake = FakeEndpoint([("summary", good_summary()) for _ in range(10)])
    route_engines(monkeypatch, fake)
    return fake


def test_one_file_prints_schema_valid_json(endpoint: FakeEndpoint, run: Run, article: Path) -> None:
    code, out, err = run(str(article))
    assert code == 0, err
    data = json.loads(out)
    jsonschema.validate(data, RESULT_SCHEMA)
    assert data["metadata"]["usage"]["total_tokens"] == 150
    assert data["metadata"]["prompt_version"].startswith("summarize-ids-v1+")
    assert data["grounding"] is not None


def test_stdin_and_markdown(endpoint: FakeEndpoint, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode())))
    code, out, _ = run("-", "--format", "markdown")
    assert code == 0
    assert (
        out.startswith("# Russia began withdrawing") and "## Analyst views" in out and "Anna Petrova" in out
    )


def test_several_files_give_jsonl(endpoint: FakeEndpoint, run: Run, article: Path, tmp_path: Path) -> None:
    second = tmp_path / "second.txt"
    second.write_text(ARTICLE, encoding="utf-8")
    code, out, _ = run(str(article), str(second))
    lines = out.splitlines()
    assert code == 0 and len(lines) == 2
    # Lines come as articles finish; each names its input and its index among the inputs.
    named = sorted((m["index"], m["source"]) for m in (json.loads(line)["metadata"] for line in lines))
    assert named == [(0, str(article)), (1, str(second))]


def test_out_dir_writes_one_file_each(
    endpoint: FakeEndpoint, run: Run, article: Path, tmp_path: Path
) -> None:
    out_dir = tmp_path / "out"
    code, out, _ = run(str(article), "--out", str(out_dir), "--format", "markdown")
    assert code == 0 and out == ""
    assert (out_dir / "article.md").read_text(encoding="utf-8").startswith("# ")


def test_verbose_reports_tokens_on_stderr(endpoint: FakeEndpoint, run: Run, article: Path) -> None:
    code, out, err = run(str(article), "--verbose")
    assert code == 0 and "tokens=100+50=150" in err and "model=gpt-test" in err
    assert "tokens=" not in out


def _bad_inputs(tmp_path: Path) -> dict[str, Path]:
    cases = {
        "empty": b"",
        "whitespace": b" \n\t\n",
        "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "latin1": "Caf\u00e9 au lait, d\u00e9j\u00e0 vu".encode("latin-1"),
    }
    paths = {}
    for name, data in cases.items():
        paths[name] = tmp_path / f"{name}.txt"
        paths[name].write_bytes(data)
    paths["directory"] = tmp_path
    paths["missing"] = tmp_path / "nope.txt"
    return paths


@pytest.mark.parametrize(
    ("case", "needle"),
    [
        ("empty", "empty"),
        ("whitespace", "empty"),
        ("binary", "binary"),
        ("latin1", "UTF-8"),
        ("directory", "directory"),
        ("missing", "no such file"),
    ],
)
def test_bad_input_gives_one_line_and_exit_4(
    endpoint: FakeEndpoint, run: Run, tmp_path: Path, case: str, needle: str
) -> None:
    path = _bad_inputs(tmp_path)[case]
    code, out, err = run(str(path))
    assert code == 4 and out == ""
    assert len(err.strip().splitlines()) == 1 and needle in err and "Traceback" not in err
    assert endpoint.chat_requests == []


def test_a_paragraph_too_long_for_the_context_exits_5(
    endpoint: FakeEndpoint, run: Run, tmp_path: Path
) -> None:
    # Longer articles are summarized in parts (tests/test_chunking.py); one paragraph cannot be split.
    path = tmp_path / "long.txt"
    path.write_text("word " * 20000, encoding="utf-8")
    code, _, err = run(str(path), "--context-tokens", "4096")
    assert code == 5 and "paragraph 1" in err and len(err.strip().splitlines()) == 1
    assert endpoint.chat_requests == []


def test_several_files_go_past_bad_ones_and_report_all(
    endpoint: FakeEndpoint, run: Run, article: Path, tmp_path: Path
) -> None:
    bad = _bad_inputs(tmp_path)
    code, out, err = run(str(bad["empty"]), str(article), str(bad["missing"]), str(article))
    assert code == 4
    assert len(out.splitlines()) == 2  # both good articles were printed
    assert "2 of 4 article(s) failed" in err and "empty" in err and "no such file" in err


def test_endpoint_failure_is_one_line_unless_debug(
    run: Run, article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    route_engines(monkeypatch, FakeEndpoint([("status", 503)] * 8))
    code, _, err = run(str(article), "--max-attempts", "2")
    assert code == 6 and err.count("\n") == 1 and "after 2 attempts" in err
    code, _, err = run(str(article), "--max-attempts", "2", "--debug")
    assert code == 6 and "Traceback" in err


def test_openai_engine_without_configuration_says_how_to_configure(
    run: Run, article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    code, _, err = run(str(article), "--engine", "openai")
    assert code == 3 and "OPENAI_BASE_URL" in err and len(err.strip().splitlines()) == 1


def test_usage_error_exits_2(run: Run) -> None:
    code, _, err = run("--format", "yaml", "x.txt")
    assert code == 2 and "yaml" in err


def test_python_dash_m_help_documents_options() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "summarize", "run", "--help"], capture_output=True, text=True, check=True
    )
    for option in (
        "--format",
        "--out",
        "--engine",
        "--model",
        "--base-url",
        "--mode",
        "--gguf",
        "--grounding",
        "--timeout",
        "--max-attempts",
        "--max-retry-seconds",
        "--max-reasks",
        "--context-tokens",
        "--verbose",
        "--debug",
        "Exit codes",
    ):
        assert option in done.stdout
