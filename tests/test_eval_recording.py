"""Record once, replay in CI: `summarize eval --record / --replay / --record-missing` end to end.

Every recording here is made by the CLI from a real HTTP server on 127.0.0.1 answering real
requests (tests/summary_server.py); replays run with that server stopped and every socket
connection refused, so nothing but the cassettes can answer.
"""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path
from typing import Any

import pytest
import yaml

from summarize.cli import main
from summarize.evaluation.scaffold import scaffold_eval_folder
from tests.summary_server import eval_folder_answers, serve_answers

REPO_CASES = Path(__file__).resolve().parent.parent / "evals" / "cases"
API_KEY = "sk-test-recording-secret-0123456789"
EXTRA_CASES = ("fiction_norrvik_bridge", "fiction_kestrel_mine")


@pytest.fixture
def evals(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scaffolded eval folder with three articles, in a project with no endpoint configured."""
    for name in (
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "SUMMARIZE_MODEL",
        "SUMMARIZE_ENGINE",
        "CI",
        "SUMMARIZE_MODE",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "evals"
    scaffold_eval_folder(folder, shown_as="evals", version="0")
    for case in EXTRA_CASES:
        for suffix in (".txt", ".yaml"):
            shutil.copy(REPO_CASES / f"{case}{suffix}", folder / "cases" / f"{case}{suffix}")
    return folder


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The CLI in-process: exit code, stdout, stderr."""
    with pytest.raises(SystemExit) as exited:
        main(["eval", *args])
    out, err = capsys.readouterr()
    return int(exited.value.code or 0), out, err


def refuse_connections(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """From now on every socket connection in this process fails; returns the addresses tried."""
    attempts: list[Any] = []

    def refuse(self: socket.socket, address: Any) -> None:
        attempts.append(address)
        raise ConnectionRefusedError(f"no network in a replay: {address}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


def record(
    evals: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *extra: str
) -> dict[str, Any]:
    """Record the folder against the reference server (with an API key set); returns what the server saw."""
    monkeypatch.setenv("OPENAI_API_KEY", API_KEY)
    with serve_answers(eval_folder_answers(evals)) as (url, log):
        code, _, err = run(capsys, "--evals", str(evals), "--record", "--base-url", url, *extra)
    monkeypatch.delenv("OPENAI_API_KEY")
    assert code == 0, err
    return {"bodies": log.chat_bodies, "authorizations": log.authorizations, "err": err}


def test_recording_stores_each_article_without_headers_or_secrets_and_replays_offline(
    evals: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = record(evals, capsys, monkeypatch, "--update-baseline")

    cassettes = sorted(p.name for p in (evals / "cassettes").glob("*.yaml"))
    assert cassettes == [
        "endpoint.yaml",
        "example_ferry_fares.yaml",
        *(f"{c}.yaml" for c in sorted(EXTRA_CASES)),
    ]
    assert all(auth == f"Bearer {API_KEY}" for auth in seen["authorizations"])  # the key was really sent
    for path in (evals / "cassettes").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert API_KEY not in text and "Bearer" not in text and "req-volatile" not in text, path.name
        assert "authorization" not in text.lower() and "x-request-id" not in text.lower(), path.name
    ferry = yaml.safe_load((evals / "cassettes" / "example_ferry_fares.yaml").read_text(encoding="utf-8"))
    (interaction,) = ferry["interactions"]
    assert interaction["request"]["path"] == "chat/completions"  # the host and port are not kept
    assert "Lindqvist Ferries" in json.dumps(interaction["request"]["body"])  # readable, for review diffs
    recorded_report = json.loads((evals / "baseline" / "openai.json").read_text(encoding="utf-8"))

    attempts = refuse_connections(monkeypatch)
    monkeypatch.setenv("CI", "true")
    code, _, err = run(capsys, "--evals", str(evals), "--markdown", "reports/pr.md")

    assert code == 0, err
    assert attempts == []
    assert "replaying, offline" in err
    replayed = json.loads(Path("reports/eval-openai.json").read_text(encoding="utf-8"))
    assert replayed["recording"] == "replay" and replayed["model"] == "reference-model"
    assert replayed["totals"]["sections"] == recorded_report["totals"]["sections"]
    assert replayed["totals"]["tokens"] == recorded_report["totals"]["tokens"] > 0
    summary = Path("reports/pr.md").read_text(encoding="utf-8")
    assert summary.startswith("## ✅ summarize eval passed") and "replayed from recordings" in summary


def test_a_changed_article_makes_its_recording_stale_and_the_line_names_file_and_article(
    evals: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    record(evals, capsys, monkeypatch)
    article = evals / "cases" / "fiction_norrvik_bridge.txt"
    article.write_text(
        article.read_text(encoding="utf-8").replace("9,000 vehicles", "9,500 vehicles"), encoding="utf-8"
    )
    monkeypatch.setenv("CI", "1")

    code, _, err = run(capsys, "--evals", str(evals))

    assert code == 13
    (line,) = [line for line in err.splitlines() if line.startswith("summarize: error:")]
    cassette = evals / "cassettes" / "fiction_norrvik_bridge.yaml"
    assert f"{cassette}: stale recording of 'fiction_norrvik_bridge'" in line
    assert "the messages (the prompt or the article)" in line and "--record-missing" in line


def test_a_changed_model_or_setting_is_named_in_the_stale_line(
    evals: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    record(evals, capsys, monkeypatch)

    code, _, err = run(capsys, "--evals", str(evals), "--replay", "--model", "bigger-model")

    assert code == 13
    assert "the model ('reference-model' recorded, 'bigger-model' now)" in err
    assert "(2 more stale: " in err  # every article is checked, not only the first


def test_record_missing_records_only_what_is_stale_or_new(
    evals: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    record(evals, capsys, monkeypatch)
    cassettes = evals / "cassettes"
    before = {p.name: p.read_bytes() for p in cassettes.glob("*.yaml")}
    article = evals / "cases" / "fiction_kestrel_mine.txt"
    article.write_text(
        article.read_text(encoding="utf-8").replace("600 workers", "650 workers"), encoding="utf-8"
    )
    reference = evals / "cases" / "fiction_kestrel_mine.yaml"
    reference.write_text(
        reference.read_text(encoding="utf-8").replace("600 workers", "650 workers"), encoding="utf-8"
    )

    monkeypatch.setenv("OPENAI_API_KEY", API_KEY)
    with serve_answers(eval_folder_answers(evals)) as (url, log):
        code, _, err = run(capsys, "--evals", str(evals), "--record-missing", "--base-url", url)
    assert code == 0, err
    assert len(log.chat_bodies) == 1  # only the changed article reached the endpoint
    assert "recorded 1 article(s)" in err and "fiction_kestrel_mine" in err
    after = {p.name: p.read_bytes() for p in cassettes.glob("*.yaml")}
    changed = sorted(name for name in after if after[name] != before.get(name))
    assert changed == ["fiction_kestrel_mine.yaml"]

    monkeypatch.delenv("OPENAI_API_KEY")
    monkeypatch.setenv("CI", "1")
    code, _, err = run(capsys, "--evals", str(evals))
    assert code == 0, err


def test_a_hand_edited_cassette_is_refused(
    evals: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    record(evals, capsys, monkeypatch)
    cassette = evals / "cassettes" / "example_ferry_fares.yaml"
    cassette.write_text(
        cassette.read_text(encoding="utf-8").replace("Lindqvist Ferries will", "Lindqvist Ferry will", 1),
        encoding="utf-8",
    )

    code, _, err = run(capsys, "--evals", str(evals), "--replay")

    assert code == 3
    assert f"{cassette} interaction 1: the request body does not match its digest" in err


def test_replay_without_recordings_says_how_to_record(
    evals: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--evals", str(evals), "--replay")

    assert code == 3
    assert "no recordings to replay; record them once with: summarize eval --record" in err


def test_recording_needs_an_endpoint_and_an_http_engine(
    evals: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--evals", str(evals), "--record")
    assert code == 3 and "--record needs a real endpoint" in err

    code, _, err = run(capsys, "--evals", str(evals), "--record", "--engine", "rules")
    assert code == 3 and "the rules engine makes no HTTP requests" in err


def test_the_llm_judge_is_recorded_and_replayed_too(
    evals: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = record(evals, capsys, monkeypatch, "--judge", "llm")
    judged = [b for b in seen["bodies"] if "same fact" in json.dumps(b).lower()]
    assert judged, "the llm judge asked nothing"

    monkeypatch.setenv("CI", "1")
    code, _, err = run(capsys, "--evals", str(evals), "--judge", "llm")

    assert code == 0, err
    assert "replaying, offline" in err


# -- the transport itself -----------------------------------------------------------------------


def _engine(shelf: Any, base_url: str, **settings: Any) -> Any:
    from summarize.config import resolve_settings
    from summarize.engines.openai_engine import OpenAIEngine
    from summarize.llm.recording import RecordingTransport

    resolved = resolve_settings(environ={}, engine="openai", base_url=base_url, api_key=API_KEY, **settings)
    return OpenAIEngine(
        resolved, transport=RecordingTransport(shelf, base_url=base_url), sleep=lambda _: None
    )


def test_transient_failures_are_not_recorded_and_echoed_keys_are_masked(tmp_path: Path) -> None:
    from summarize.article import article_from_text
    from summarize.errors import EndpointError
    from summarize.llm.recording import REPLAY_BASE_URL, Cassette, CassetteShelf
    from tests.fakes import ARTICLE, good_summary
    from tests.loopback import serve

    shelf = CassetteShelf(tmp_path, "record")
    with serve([("status", 429, {"Retry-After": "0"}), ("summary", good_summary()), ("echo_auth", 401)]) as (
        url,
        _,
    ):
        engine = _engine(shelf, url, mode="json", model="loopback-model")
        with shelf.use("retried"):
            recorded = engine.summarize(article_from_text(ARTICLE))
        with shelf.use("refused"), pytest.raises(EndpointError):
            engine.summarize(article_from_text(ARTICLE + " More."))
        engine.close()

    retried = Cassette.load(tmp_path / "retried.yaml", "retried")
    assert retried is not None and [i.status for i in retried.interactions] == [200]
    refused = (tmp_path / "refused.yaml").read_text(encoding="utf-8")
    assert "status: 401" in refused and API_KEY not in refused and "Bearer ***" in refused

    replay = CassetteShelf(tmp_path, "replay")
    engine = _engine(replay, REPLAY_BASE_URL, mode="json", model="loopback-model")
    with replay.use("retried"):
        assert engine.summarize(article_from_text(ARTICLE)).summary == recorded.summary
    engine.close()
