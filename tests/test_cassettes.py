"""End-to-end runs of the local engine replayed from real recordings of its llama.cpp server.

Every cassette in ``cassettes/`` was recorded from the embedded server running the bundled
SmolLM2-135M model (``cassettes/record.sh``). Replay needs neither llama-cpp-python nor the model:
the engine's server is replaced by :class:`RecordedServer`, and everything else (the OpenAI client,
instructor, the JSON-schema response format, the pipeline) runs for real. A request that differs
from the recorded one in any byte of meaning (prompt, schema, options) has no recording and fails.

The tiny model writes weak summaries; these tests check the machinery, not the summaries'
quality (that is the evals' job), and they print what grounding found so it stays visible.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from summarize.article import read_article
from summarize.config import Settings, resolve_settings
from summarize.engines.llama_server import LlamaServer, ServerConfig
from summarize.engines.local import (
    DEFAULT_CONTEXT_TOKENS,
    DEFAULT_MODEL,
    LOCAL_API_KEY,
    LOCAL_MODE,
    LocalEngine,
    default_gguf,
)
from summarize.errors import EndpointError, GroundingError, InvalidOutputError, SummarizeError
from summarize.grounding import check_summary_text
from summarize.pipeline import Summarizer
from summarize.result import SummaryResult
from tests.conftest import (
    CASSETTE_DIR,
    RECORDED_SERVER,
    body_digest,
    canonical_body,
    match_body_digest,
    scrub_request,
)

ARTICLE_IDS = [
    "000_1ac071ef24be8291",
    "001_e633f8b8a2fc3933",
    "002_1d2bac3a4efa2572",
    "003_e4e09b1ddf54181a",
    "004_8e2c2e1f956deacb",
]
SECRET_PATTERNS = [
    re.compile(r"(?i)\b(authorization|api[-_]key|x-api-key|openai-organization|cookie)\s*:"),
    re.compile(r"(?i)bearer\s+[a-z0-9._-]{8,}"),
    re.compile(r"\bsk-[A-Za-z0-9_-]{16,}"),
    re.compile(re.escape(LOCAL_API_KEY)),
]


class RecordedServer:
    """Stands in for the llama.cpp server while replaying: nothing runs, the cassette answers."""

    config = ServerConfig(
        model_path=Path("<recorded>"), model_alias=DEFAULT_MODEL.alias, context_tokens=DEFAULT_CONTEXT_TOKENS
    )

    def start(self) -> str:
        return RECORDED_SERVER + "/v1"

    def stop(self) -> None:
        pass

    def is_running(self) -> bool:
        return True

    def stderr_tail(self) -> str:
        return "(replaying a cassette: no server)"


class SharedServer:
    """A real server started once per session for recording; engines must not stop it."""

    def __init__(self, server: LlamaServer) -> None:
        self._server = server
        self.config = server.config

    def start(self) -> str:
        return self._server.base_url

    def stop(self) -> None:
        pass  # the session fixture stops it

    def is_running(self) -> bool:
        return self._server.is_running()

    def stderr_tail(self) -> str:
        return self._server.stderr_tail()


@pytest.fixture(scope="session")
def cassette_server(record_mode: str) -> Iterator[RecordedServer | SharedServer]:
    """The recorded stand-in when replaying; the real bundled model when (re-)recording."""
    if record_mode == "none":
        yield RecordedServer()
        return
    server = LlamaServer(
        ServerConfig(
            model_path=default_gguf(), model_alias=DEFAULT_MODEL.alias, context_tokens=DEFAULT_CONTEXT_TOKENS
        )
    )
    server.start()
    try:
        yield SharedServer(server)
    finally:
        server.stop()


def cassette_settings(**overrides: Any) -> Settings:
    """Settings independent of the environment, so a developer's variables cannot change requests."""
    return resolve_settings(environ={}, engine="local", max_attempts=1, **overrides)


def run_local(
    server: RecordedServer | SharedServer, articles: list[Path], **overrides: Any
) -> list[SummaryResult]:
    """Summarize ``articles`` with one LocalEngine, as `summarize --engine local A B ...` does."""
    settings = cassette_settings(**overrides)
    with Summarizer(settings, LocalEngine(settings, server=server)) as summarizer:
        try:
            return [summarizer.summarize(read_article(path)) for path in articles]
        except EndpointError as exc:
            # A request with no recording surfaces as a connection error; show vcrpy's reason.
            cause: BaseException | None = exc
            while cause is not None and "Cassette" not in type(cause).__name__:
                cause = cause.__cause__ or cause.__context__
            pytest.fail(f"no recorded answer for this request: {cause or exc}")


def recorded_usage(cassette: Any) -> tuple[int, int]:
    """Prompt and completion tokens the real server reported across the cassette's answers."""
    prompt = completion = 0
    for response in cassette.responses:
        usage = json.loads(response["body"]["string"])["usage"]
        prompt += usage["prompt_tokens"]
        completion += usage["completion_tokens"]
    return prompt, completion


def describe(result: SummaryResult) -> str:
    """One line about a result, printed so the tiny model's weakness stays visible in test logs."""
    report = result.grounding
    verdicts = Counter(item.verdict.value for item in report.items) if report is not None else {}
    score = f"{report.score:.2f}" if report is not None else "n/a"
    return (
        f"{Path(result.metadata.source).name}: grounding score {score} {dict(verdicts)}; "
        f"event={result.summary.event.what!r}"
    )


# -- full summaries, replayed ------------------------------------------------------------------


@pytest.mark.vcr
@pytest.mark.parametrize("article_id", ARTICLE_IDS)
def test_each_corpus_article_gives_a_summary_or_says_why_not(
    article_id: str,
    corpus_dir: Path,
    cassette_server: RecordedServer | SharedServer,
    vcr: Any,
    record_mode: str,
) -> None:
    """Whatever the tiny model really answered, the user gets a valid summary or the real reason.

    SmolLM2-135M often loops inside a JSON string until the output limit, or keeps writing
    JSON that misses the schema; the recording holds whichever happened, and this checks
    the engine's handling of it.
    """
    try:
        (result,) = run_local(cassette_server, [corpus_dir / f"{article_id}.txt"])
    except InvalidOutputError as exc:
        print(f"{article_id}: no summary: {exc}")
        last_reply = json.loads(vcr.responses[-1]["body"]["string"])
        if last_reply["choices"][0]["finish_reason"] == "length":
            assert "cut off" in str(exc)
        else:  # every reply failed validation: the first answer and each re-ask
            assert len(vcr.requests) == cassette_settings().max_reasks + 1
        return
    print(describe(result))

    if record_mode == "none":
        assert vcr.all_played, "the engine made fewer requests than were recorded"
    assert (result.metadata.engine, result.metadata.model, result.metadata.mode) == (
        "local",
        DEFAULT_MODEL.alias,
        LOCAL_MODE,
    )
    usage = result.metadata.usage
    assert (usage.prompt_tokens, usage.completion_tokens) == recorded_usage(vcr)
    assert usage.requests == len(vcr.responses)
    assert result.grounding is not None


@pytest.mark.vcr
def test_an_article_gets_a_full_summary(
    corpus_dir: Path, cassette_server: RecordedServer | SharedServer, vcr: Any, record_mode: str
) -> None:
    """At least one corpus article (a short one) comes back as a complete, schema-valid summary."""
    (result,) = run_local(cassette_server, [corpus_dir / "001_e633f8b8a2fc3933.txt"])
    print(describe(result))

    if record_mode == "none":
        assert vcr.all_played
    assert result.metadata.usage.requests == len(vcr.requests) >= 1
    assert result.summary.actors or result.summary.uncertainties or result.summary.analyst_views


@pytest.mark.vcr
def test_several_articles_share_one_server_and_one_failure_does_not_stop_the_run(
    corpus_dir: Path, cassette_server: RecordedServer | SharedServer, vcr: Any, record_mode: str
) -> None:
    paths = [
        corpus_dir / f"{article_id}.txt" for article_id in ("000_1ac071ef24be8291", "001_e633f8b8a2fc3933")
    ]
    settings = cassette_settings()
    outcomes: list[SummaryResult | InvalidOutputError] = []

    with Summarizer(settings, LocalEngine(settings, server=cassette_server)) as summarizer:
        for path in paths:
            try:
                outcomes.append(summarizer.summarize(read_article(path)))
            except InvalidOutputError as exc:  # the CLI reports it and goes on, as here
                outcomes.append(exc)
    for outcome in outcomes:
        print(describe(outcome) if isinstance(outcome, SummaryResult) else f"no summary: {outcome}")

    if record_mode == "none":
        assert vcr.all_played, "the second article's requests did not follow the first's"
    assert len(outcomes) == len(paths)
    assert isinstance(outcomes[-1], SummaryResult)
    assert outcomes[-1].metadata.source == str(paths[-1])


@pytest.mark.vcr
def test_unsupported_quotes_are_reasked_in_strict_mode(
    corpus_dir: Path, cassette_server: RecordedServer | SharedServer, vcr: Any
) -> None:
    """The tiny model's made-up evidence fails grounding: strict mode re-asks once with the reasons,
    and when the second answer is no better the run fails, never printing an ungrounded event:
    exit 8 when the event is still unsupported, exit 7 when the re-ask's answer was cut off
    (what the recording holds decides which)."""
    with pytest.raises((GroundingError, InvalidOutputError)) as raised:
        run_local(cassette_server, [corpus_dir / "001_e633f8b8a2fc3933.txt"], grounding="strict")
    print(raised.value)

    last_reply = json.loads(vcr.responses[-1]["body"]["string"])
    if last_reply["choices"][0]["finish_reason"] == "length":
        assert isinstance(raised.value, InvalidOutputError) and "cut off" in str(raised.value)
    else:
        assert isinstance(raised.value, GroundingError) and raised.value.exit_code == 8
        assert "does not support the summary's event" in str(raised.value)
    assert len(vcr.requests) == 2
    reask = json.dumps(json.loads(vcr.requests[1].body)["messages"])
    assert "which the article does not support" in reask


@pytest.mark.vcr
def test_a_forced_mode_is_sent_as_asked_and_invalid_output_is_reported(
    corpus_dir: Path, cassette_server: RecordedServer | SharedServer, vcr: Any
) -> None:
    """--mode json drops the schema grammar (plain JSON); without it the tiny model's JSON misses
    the schema (or runs to the output cap), and the run fails with exit 7 after the re-ask."""
    settings = cassette_settings(mode="json", max_reasks=1)

    engine = LocalEngine(settings, server=cassette_server)
    with engine, pytest.raises(InvalidOutputError) as raised:
        engine.summarize(read_article(corpus_dir / "001_e633f8b8a2fc3933.txt"))
    print(raised.value)

    assert raised.value.exit_code == 7
    assert json.loads(vcr.requests[0].body)["response_format"] == {"type": "json_object"}
    last_reply = json.loads(vcr.responses[-1]["body"]["string"])
    if last_reply["choices"][0]["finish_reason"] == "length":
        assert "cut off" in str(raised.value)
    else:
        assert "did not match the schema after 2 attempt(s)" in str(raised.value)
        assert len(vcr.requests) == 2


# -- the recordings themselves -----------------------------------------------------------------


def cassette_files() -> list[Path]:
    return sorted(CASSETTE_DIR.glob("*.yaml"))


def secrets_in(text: str) -> list[str]:
    """Every substring of ``text`` that looks like a credential or an auth header."""
    return [match.group(0) for pattern in SECRET_PATTERNS for match in pattern.finditer(text)]


def test_secret_scanner_catches_keys_and_auth_headers() -> None:
    planted = "headers:\n  Authorization: [Bearer sk-proj-abcdefghijklmnop1234]\n  api-key: [x]\n"

    assert len(secrets_in(planted)) >= 3
    assert secrets_in('content-type: [application/json]\nbody: \'{"model": "smollm2"}\'') == []


def test_no_cassette_holds_a_secret() -> None:
    files = cassette_files()
    assert files, f"no cassettes in {CASSETTE_DIR}: record them with cassettes/record.sh"
    leaks = {path.name: found for path in files if (found := secrets_in(path.read_text(encoding="utf-8")))}
    assert leaks == {}


def test_cassettes_are_readable_recordings_of_the_local_server() -> None:
    for path in cassette_files():
        interactions = yaml.safe_load(path.read_text(encoding="utf-8"))["interactions"]
        assert interactions, path.name
        for interaction in interactions:
            request, response = interaction["request"], interaction["response"]
            assert request["uri"] == RECORDED_SERVER + "/v1/chat/completions", path.name
            assert set(request["headers"]) <= {"content-type"}, path.name
            body = json.loads(request["body"])  # decoded, readable JSON, not bytes or gzip
            assert body["model"] == DEFAULT_MODEL.alias, path.name
            assert json.loads(response["body"]["string"])["object"] == "chat.completion", path.name


# -- the body digest ---------------------------------------------------------------------------


def test_body_digest_ignores_key_order_but_not_content() -> None:
    recorded = '{"model": "m", "messages": [{"role": "user", "content": "Summarize A"}]}'
    reordered = '{"messages": [{"content": "Summarize A", "role": "user"}], "model": "m"}'
    changed = '{"model": "m", "messages": [{"role": "user", "content": "Summarize B"}]}'

    assert canonical_body(recorded) == canonical_body(reordered)
    assert body_digest(recorded) == body_digest(reordered)
    assert body_digest(recorded) != body_digest(changed)


def test_a_changed_prompt_finds_no_recording(
    corpus_dir: Path, vcr_config: dict[str, Any], record_mode: str
) -> None:
    """Replaying a real cassette with a different request must fail, not return the stale answer."""
    if record_mode != "none":
        pytest.skip("checks replay only")
    import vcr as vcrpy

    recorder = vcrpy.VCR(record_mode="none", **vcr_config)
    recorder.register_matcher("body_digest", match_body_digest)
    cassette = CASSETTE_DIR / "test_an_article_gets_a_full_summary.yaml"
    settings = cassette_settings(temperature=0.5)  # any change to the request body
    engine = LocalEngine(settings, server=RecordedServer())
    with recorder.use_cassette(str(cassette)), pytest.raises(SummarizeError) as raised:
        engine.summarize(read_article(corpus_dir / "001_e633f8b8a2fc3933.txt"))
    engine.close()

    chain: list[str] = []
    cause: BaseException | None = raised.value
    while cause is not None:
        chain.append(f"{type(cause).__name__}: {cause}")
        cause = cause.__cause__ or cause.__context__
    assert any("CannotOverwriteExistingCassetteException" in link for link in chain), chain
    assert any("body_digest" in link for link in chain), chain


def test_scrubbing_pins_the_host_and_drops_probes_and_headers() -> None:
    from vcr.request import Request

    live = Request(
        "POST",
        "http://127.0.0.1:40123/v1/chat/completions",
        b"{}",
        {"Authorization": "Bearer sk-local", "Content-Type": "application/json", "X-Stainless-Os": "Linux"},
    )
    probe = Request("GET", "http://127.0.0.1:40123/v1/models", None, {})

    scrubbed = scrub_request(live)

    assert scrubbed.uri == RECORDED_SERVER + "/v1/chat/completions"
    assert dict(scrubbed.headers) == {"Content-Type": "application/json"}
    assert live.headers["Authorization"] == "Bearer sk-local"  # the live request is left intact
    assert scrub_request(probe) is None


# -- the llm judge, replayed ---------------------------------------------------------------------


@pytest.mark.vcr
def test_the_llm_judge_gives_one_typed_verdict_per_claim_on_the_article_s_passage(
    corpus_dir: Path, cassette_server: RecordedServer | SharedServer, vcr: Any
) -> None:
    """``summarize check --judge llm --engine local``: each claim goes to the real model with the
    passage the rules chose; whatever the tiny model answers is a typed verdict with its reason,
    and the claim keeps the article spans it was judged on. (Its verdicts' quality is the
    verifier bench's business: this checks the machinery on a real recording.)"""
    settings = cassette_settings(judge="llm")
    engine = LocalEngine(settings, server=cassette_server)
    article = read_article(corpus_dir / "001_e633f8b8a2fc3933.txt")
    summary = (
        "Bridzhe said the Qamishli air base is not needed anymore.\n"
        "Bridzhe said Russia will also leave Tartus and Khmeimim.\n"
    )
    try:
        result = check_summary_text(article.text, summary, judge=engine)
    finally:
        engine.close()
    for claim in result.claims:
        print(f"{claim.verdict.value}: {claim.claim} | {claim.reasons}")
    assert len(result.claims) == 2 and len(vcr.requests) == 2
    for claim, request in zip(result.claims, vcr.requests, strict=True):
        assert claim.reasons and claim.reasons[-1].startswith("judge: ")
        sent = json.loads(request.body)["messages"][-1]["content"]
        assert claim.claim in sent and claim.evidence[0].of(article.text)[:40] in sent
