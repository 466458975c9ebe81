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
from summarize.errors import (
    ArticleTooLongError,
    EndpointError,
    GroundingError,
    InvalidOutputError,
    SummarizeError,
)
from summarize.grounding import check_summary_text
from summarize.llm.recording import body_digest, canonical_body
from summarize.pipeline import Summarizer
from summarize.result import SummaryResult
from tests.conftest import CASSETTE_DIR, RECORDED_SERVER, match_body_digest, scrub_request

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

FICTION_DIR = Path(__file__).resolve().parent.parent / "evals" / "cases"
FICTION_IDS = sorted(path.stem for path in FICTION_DIR.glob("*.txt"))
SECTION_REQUESTS = 6  # the local engine asks for the event, then each list section


def article_path(corpus_dir: Path, article_id: str) -> Path:
    return (
        FICTION_DIR / f"{article_id}.txt"
        if article_id.startswith("fiction_")
        else corpus_dir / f"{article_id}.txt"
    )


def assert_no_invented_evidence(result: SummaryResult) -> None:
    """What a user checks first: every evidence passage and every quoted word is the article's own."""
    text = Path(result.metadata.source).read_text(encoding="utf-8")
    summary = result.summary
    evidence = [*summary.event.evidence]
    for items in (summary.actors, summary.stated_motives, summary.uncertainties):
        for item in items:
            evidence.extend(item.evidence)
    words = [view.quote for view in summary.analyst_views] + [s.text for s in summary.statements]
    assert all(passage in text for passage in evidence), [p for p in evidence if p not in text]
    assert all(quoted in text for quoted in words), [w for w in words if w not in text]
    assert result.grounding is not None
    located = [q for item in result.grounding.items for q in item.quotes]
    assert all(q.status.value == "exact" for q in located), [q for q in located if q.status.value != "exact"]


def assert_replayed_in_full(result: SummaryResult, vcr: Any, record_mode: str) -> None:
    if record_mode == "none":
        assert vcr.all_played, "the engine made fewer requests than were recorded"
    usage = result.metadata.usage
    assert (usage.prompt_tokens, usage.completion_tokens) == recorded_usage(vcr)
    assert usage.requests == len(vcr.responses) >= SECTION_REQUESTS


@pytest.mark.vcr
@pytest.mark.parametrize("article_id", ARTICLE_IDS + FICTION_IDS)
def test_each_article_gets_a_summary_with_no_invented_evidence(
    article_id: str,
    corpus_dir: Path,
    cassette_server: RecordedServer | SharedServer,
    vcr: Any,
    record_mode: str,
) -> None:
    """The default (sentence references, a section at a time) gives every corpus article and every
    fiction case a schema-valid summary whose evidence and quotes are all the article's own words.
    A section the tiny model could not answer validly is left empty and named in a notice."""
    (result,) = run_local(cassette_server, [article_path(corpus_dir, article_id)])
    print(describe(result), result.metadata.notices)

    assert_replayed_in_full(result, vcr, record_mode)
    assert (result.metadata.engine, result.metadata.model, result.metadata.mode) == (
        "local",
        DEFAULT_MODEL.alias,
        LOCAL_MODE,
    )
    assert result.metadata.prompt_version is not None and result.metadata.prompt_version.startswith(
        "summarize-ids-"
    )
    assert_no_invented_evidence(result)
    for notice in result.metadata.notices:
        assert re.match(
            r"(actors|stated_motives|analyst_views|uncertainties|statements) left empty: ", notice
        )


@pytest.mark.vcr
@pytest.mark.parametrize("article_id", ARTICLE_IDS)
def test_verbatim_quotes_are_recorded_for_comparison(
    article_id: str,
    corpus_dir: Path,
    cassette_server: RecordedServer | SharedServer,
    vcr: Any,
    record_mode: str,
) -> None:
    """--evidence quotes on the same articles: the model copies evidence, and grounding says where
    it invented some (what README's token table and the quotes eval are read from)."""
    try:
        (result,) = run_local(cassette_server, [corpus_dir / f"{article_id}.txt"], evidence="quotes")
    except InvalidOutputError as exc:  # the event itself failed: the real reason is reported
        print(f"{article_id}: no summary: {exc}")
        assert "event" in json.dumps(
            json.loads(vcr.requests[-1].body)["response_format"]["schema"]["properties"]
        )
        return
    print(describe(result), result.metadata.notices)

    assert_replayed_in_full(result, vcr, record_mode)
    assert result.metadata.prompt_version is not None and result.metadata.prompt_version.startswith(
        "summarize-quotes-"
    )
    first_user_message = json.loads(vcr.requests[0].body)["messages"][1]["content"]
    assert "[1] " not in first_user_message  # the article as text, not numbered


@pytest.mark.vcr
def test_an_article_gets_a_full_summary(
    corpus_dir: Path, cassette_server: RecordedServer | SharedServer, vcr: Any, record_mode: str
) -> None:
    """A short corpus article comes back complete: the event with its sentences, and the people in it."""
    (result,) = run_local(cassette_server, [corpus_dir / "001_e633f8b8a2fc3933.txt"])
    print(describe(result), result.metadata.notices)

    assert_replayed_in_full(result, vcr, record_mode)
    assert_no_invented_evidence(result)
    assert result.summary.event.evidence and result.summary.event.what
    assert result.summary.actors or result.summary.statements or result.summary.analyst_views
    first = json.loads(vcr.requests[0].body)
    assert list(first["response_format"]["schema"]["properties"]) == ["event"]  # a section at a time
    assert "As a genius expert" not in json.dumps(first["messages"])  # no schema dump: the grammar has it


@pytest.mark.vcr
def test_several_articles_share_one_server_and_one_failure_does_not_stop_the_run(
    corpus_dir: Path,
    cassette_server: RecordedServer | SharedServer,
    vcr: Any,
    record_mode: str,
    tmp_path: Path,
) -> None:
    """One engine summarizes articles in turn; an article whose one paragraph is too long for the
    model's context (so it cannot be summarized in parts either) is refused before any request
    (exit 5), and the next article is summarized all the same."""
    first, second = (corpus_dir / f"{a}.txt" for a in ("000_1ac071ef24be8291", "001_e633f8b8a2fc3933"))
    too_long = tmp_path / "too_long.txt"
    fiction = " ".join(
        " ".join(p.read_text(encoding="utf-8").split()) for p in sorted(FICTION_DIR.glob("*.txt"))
    )
    too_long.write_text(" ".join([fiction] * 6), encoding="utf-8")  # one paragraph of about 8,800 words
    settings = cassette_settings()
    outcomes: list[SummaryResult | SummarizeError] = []

    with Summarizer(settings, LocalEngine(settings, server=cassette_server)) as summarizer:
        for path in (first, too_long, second):
            try:
                outcomes.append(summarizer.summarize(read_article(path)))
            except SummarizeError as exc:  # the CLI reports it and goes on, as here
                outcomes.append(exc)
    for outcome in outcomes:
        print(describe(outcome) if isinstance(outcome, SummaryResult) else f"no summary: {outcome}")

    if record_mode == "none":
        assert vcr.all_played, "the last article's requests did not follow the first's"
    done, refused, last = outcomes
    assert isinstance(done, SummaryResult) and isinstance(last, SummaryResult)
    assert isinstance(refused, ArticleTooLongError) and refused.exit_code == 5
    assert last.metadata.source == str(second)
    assert done.metadata.usage.requests + last.metadata.usage.requests == len(vcr.requests)


@pytest.mark.vcr
def test_unsupported_quotes_are_reasked_in_strict_mode(
    corpus_dir: Path, cassette_server: RecordedServer | SharedServer, vcr: Any
) -> None:
    """With verbatim quotes (--evidence quotes) the tiny model invents evidence. Strict mode checks
    each section's answer against the article and re-asks once, with the reasons, for a section
    with unsupported items; what is still unsupported is dropped, and an unsupported event fails
    the article (exit 8). The user never gets an unsupported item. (With sentence references the
    recorded answers for this article leave strict mode nothing to re-ask.)"""
    result: SummaryResult | None = None
    try:
        (result,) = run_local(
            cassette_server, [corpus_dir / "001_e633f8b8a2fc3933.txt"], grounding="strict", evidence="quotes"
        )
    except GroundingError as exc:
        print(exc)
        assert exc.exit_code == 8 and "does not support the summary's event" in str(exc)
    if result is not None:
        print(describe(result), result.metadata.notices)
        assert result.grounding is not None
        assert all(
            item.verdict.value in ("supported", "partially_supported") for item in result.grounding.items[1:]
        )
    bodies = [json.dumps(json.loads(r.body)["messages"]) for r in vcr.requests]
    reasks = [body for body in bodies if "which the article does not support" in body]
    assert reasks, "no section was re-asked with the grounding reasons"
    assert len(vcr.requests) >= SECTION_REQUESTS + len(reasks)


@pytest.mark.vcr
def test_a_forced_mode_is_sent_as_asked_and_invalid_output_is_reported(
    corpus_dir: Path, cassette_server: RecordedServer | SharedServer, vcr: Any
) -> None:
    """--mode json drops the schema grammar (plain JSON, the schema in the prompt instead); the
    tiny model then writes JSON that misses the schema, and the run fails with exit 7 after the
    re-ask, or, where it does answer, the answer is validated like any other."""
    settings = cassette_settings(mode="json", max_reasks=1)

    engine = LocalEngine(settings, server=cassette_server)
    with engine:
        try:
            output = engine.summarize(read_article(corpus_dir / "001_e633f8b8a2fc3933.txt"))
            print("answered:", output.summary.event.what, output.notices)
        except InvalidOutputError as exc:
            print(exc)
            assert exc.exit_code == 7
            assert "cut off" in str(exc) or "did not match the schema after 2 attempt(s)" in str(exc)
    first = json.loads(vcr.requests[0].body)
    assert first["response_format"] == {"type": "json_object"}
    assert "As a genius expert" in json.dumps(
        first["messages"]
    )  # without a grammar, the schema is in the prompt


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
