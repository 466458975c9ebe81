"""Sentence references: the numbered article, the draft schema's checks and its conversion to Summary,
the small-model schema under a grammar, and the section-at-a-time task."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import ValidationError

from summarize.article import Article
from summarize.errors import InvalidOutputError
from summarize.schema_ids import SECTIONS, choices_for, citing, section_model, summary_model, to_summary
from summarize.tasks.article_summary import summarize_with
from summarize.text import AnalysedArticle
from summarize.text.numbered import NumberedArticle
from tests.fakes import ARTICLE, FakeModel, good_summary

TEXT = (
    "Russia pulls out of Qamishli\n\n"
    "Russian forces began leaving the Qamishli base on Monday, officials said.\n\n"
    "“The base is no longer needed,” said Anna Petrova, an analyst at the Example Institute. "
    "She expects more withdrawals.\n\n"
    "Sign up for our newsletter"
)


@pytest.fixture
def numbered() -> NumberedArticle:
    return NumberedArticle.of(AnalysedArticle(TEXT))


def test_the_prompt_numbers_the_headline_and_body_sentences_and_leaves_out_furniture(
    numbered: NumberedArticle,
) -> None:
    assert numbered.lines() == (
        "[1] Russia pulls out of Qamishli\n\n"
        "[2] Russian forces began leaving the Qamishli base on Monday, officials said.\n\n"
        "[3] “The base is no longer needed,” said Anna Petrova, an analyst at the Example Institute.\n"
        "[4] She expects more withdrawals."
    )


def test_cited_words_are_found_forgiving_quote_marks_case_and_edge_punctuation(
    numbered: NumberedArticle,
) -> None:
    span = numbered.locate('"the base is no longer needed,"', 3)

    assert span is not None and span.of(TEXT) == "The base is no longer needed"
    assert numbered.locate("The base is no longer needed", 2) is None
    assert numbered.find("more withdrawals") == [4]


def test_a_sentence_number_that_names_no_sentence_goes_back_to_the_model(numbered: NumberedArticle) -> None:
    event = section_model("ids", "event")
    answer = '{"event": {"what": "Russia left.", "where": null, "when": null, "evidence": [2, 9]}}'

    with (
        citing(numbered),
        pytest.raises(ValidationError, match=r"there is no sentence 9: .* numbered 1 to 4"),
    ):
        event.model_validate_json(answer)


def test_a_quote_from_another_sentence_names_the_right_one(numbered: NumberedArticle) -> None:
    views = section_model("ids", "analyst_views")
    view = {"analyst": "Anna Petrova", "affiliation": None, "view": "No need.", "sentence": 2}

    with citing(numbered):
        with pytest.raises(ValidationError, match="the quote is in sentence 3, not in sentence 2"):
            views.model_validate({"analyst_views": [{**view, "quote": "The base is no longer needed"}]})
        with pytest.raises(ValidationError, match="Sentence 2 reads: Russian forces began"):
            views.model_validate({"analyst_views": [{**view, "quote": "The base is closed"}]})


def test_raw_newlines_in_strings_are_repaired_and_enums_still_read_from_strings() -> None:
    motives = section_model("quotes", "stated_motives")
    answer = '{"stated_motives": [{"actor": "Russia", "motive": "to keep\nits coast", "stated_by": "actor", "evidence": ["x"]}]}'

    parsed = motives.model_validate_json(answer, strict=True)

    assert parsed.stated_motives[0].motive == "to keep\nits coast"  # type: ignore[attr-defined]
    with pytest.raises(ValidationError):
        motives.model_validate_json('{"stated_motives": [}', strict=True)


def test_drafts_become_the_public_summary_with_the_article_sentences_as_evidence(
    numbered: NumberedArticle,
) -> None:
    with citing(numbered):
        drafts = summary_model("ids").model_validate(
            {
                "event": {
                    "what": "Russia began leaving the base.",
                    "where": "",
                    "when": "Monday",
                    "evidence": [2, 2],
                },
                "actors": [
                    {"name": "Russia", "kind": "state", "role": "leaving", "evidence": [2]},
                    {"name": "Russia", "kind": "state", "role": "leaving", "evidence": [2]},
                ],
                "stated_motives": [],
                "analyst_views": [
                    {
                        "analyst": "Anna Petrova",
                        "affiliation": "Example Institute",
                        "view": "The base is not needed.",
                        "sentence": 3,
                        "quote": '"the base is no longer needed"',
                    }
                ],
                "uncertainties": [],
                "statements": [],
            }
        )
    summary = to_summary({s: getattr(drafts, s) for s in SECTIONS}, "ids", numbered)

    assert summary.event.evidence == [
        "Russian forces began leaving the Qamishli base on Monday, officials said."
    ]
    assert (summary.event.where, summary.event.when) == (None, "Monday")
    assert len(summary.actors) == 1  # a repeated item adds nothing
    assert summary.analyst_views[0].quote == "The base is no longer needed"  # the article's own characters


def test_a_small_model_picks_the_event_and_the_quotations_instead_of_writing_them(
    numbered: NumberedArticle,
) -> None:
    article = AnalysedArticle(TEXT)
    choices = choices_for(numbered, article.attributions)
    statements = section_model("ids", "statements", choices).model_json_schema()
    event = section_model("ids", "event", choices).model_json_schema()

    options = statements["properties"]["statements"]["items"]["anyOf"]
    (option,) = [o for o in options if o["properties"]["sentence"]["const"] == 3]
    assert option["properties"]["text"]["const"] == "The base is no longer needed"
    assert option["properties"]["sentence"]["const"] == 3
    assert option["properties"]["speaker"]["const"] == "Anna Petrova"
    assert option["properties"]["kind"]["const"] == "direct"
    assert event["properties"]["event"]["properties"]["sentence"]["enum"] == [1, 2, 3]
    assert list(event["properties"]["event"]["properties"]) == [
        "sentence"
    ]  # no text to write, no place or date


def test_the_small_model_schema_is_a_grammar_llama_cpp_accepts(numbered: NumberedArticle) -> None:
    grammar = pytest.importorskip("llama_cpp.llama_grammar", reason="needs the [local] extra")
    choices = choices_for(numbered, AnalysedArticle(TEXT).attributions)
    for section in SECTIONS:
        schema = section_model("ids", section, choices).model_json_schema()
        assert grammar.LlamaGrammar.from_json_schema(json.dumps(schema), verbose=False) is not None


def test_a_section_at_a_time_asks_six_times_and_leaves_out_a_list_the_model_cannot_answer() -> None:
    good = good_summary()
    answers: list[dict[str, Any]] = [
        {"event": good["event"]},
        {"actors": good["actors"]},
        {"stated_motives": []},
    ]
    answers += [{"analyst_views": [{"analyst": "x"}]}] * 3  # never valid: left out after the re-asks
    answers += [{"uncertainties": good["uncertainties"]}, {"statements": []}]
    model = FakeModel(answers, context_tokens=8192)

    out = summarize_with(model, Article(ARTICLE, "a.txt"))

    assert len(model.calls) == 6 and out.usage.requests == 8
    assert [a.name for a in out.summary.actors] == ["Russia"] and out.summary.analyst_views == []
    assert out.notices == ["analyst_views left empty: the model's answers did not validate after 3 attempts"]
    lede = "Moscow, Russia – Russia has begun withdrawing its forces from Qamishli airport, Reuters reported on Monday."
    assert (out.summary.event.what, out.summary.event.evidence) == (lede, [lede])  # the picked sentence


def test_a_section_at_a_time_fails_the_article_when_the_event_cannot_be_answered() -> None:
    model = FakeModel([{"event": {"what": "x"}}] * 3, context_tokens=8192)

    with pytest.raises(InvalidOutputError):
        summarize_with(model, Article(ARTICLE, "a.txt"))


def test_a_whole_summary_takes_a_long_story_s_many_actors_a_section_at_a_time_caps_them(
    numbered: NumberedArticle,
) -> None:
    """The small caps bound a small model; a capable model's whole summary of a long story keeps
    its twelve actors (only a loop bound of 25 applies)."""
    actor = {"name": "Russia", "kind": "state", "role": "withdrew its forces", "evidence": [2]}
    actors = [{**actor, "name": f"Actor {n}"} for n in range(12)]
    whole = {
        "event": {"what": "Russia left.", "where": None, "when": None, "evidence": [2]},
        "actors": actors,
        **{section: [] for section in SECTIONS if section not in ("event", "actors")},
    }

    with citing(numbered):
        assert len(summary_model("ids").model_validate(whole).actors) == 12  # type: ignore[attr-defined]
        with pytest.raises(ValidationError, match="at most 5 items"):
            section_model("ids", "actors").model_validate({"actors": actors})


def test_a_whole_summary_takes_the_long_roles_a_careful_writer_gives(numbered: NumberedArticle) -> None:
    """Hand-written references hold roles over the small models' caps (an actor's role of 120
    characters, a speaker's role of 90): a capable model's whole summary must take them."""
    role = (
        "Syrian president whose new leadership in Damascus is renegotiating its basing agreements with Moscow"
    )
    speaker_role = "expert in Middle East geopolitics and senior fellow at the Center for American Progress"
    actor = {"name": "Ahmed al-Sharaa", "kind": "person", "role": role + " and Ankara", "evidence": [2]}
    statement = {
        "speaker": "Anna Petrova",
        "role": speaker_role,
        "kind": "direct",
        "sentence": 3,
        "text": "The base is no longer needed",
    }
    whole = {
        "event": {"what": "Russia left.", "where": None, "when": None, "evidence": [2]},
        "actors": [actor],
        "statements": [statement],
        **{section: [] for section in SECTIONS if section not in ("event", "actors", "statements")},
    }

    with citing(numbered):
        summary_model("ids").model_validate(whole)
        with pytest.raises(ValidationError, match="at most 100 characters"):
            section_model("ids", "actors").model_validate({"actors": [actor]})
        with pytest.raises(ValidationError, match="at most 80 characters"):
            section_model("ids", "statements").model_validate({"statements": [statement]})
