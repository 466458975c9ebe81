"""HTML files as a user meets them: recognised by content, the story extracted, furniture dropped."""

from __future__ import annotations

import io
import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from summarize.article import read_article
from summarize.errors import NoArticleTextError, UndecodableArticleError
from summarize.evaluation.references import collect_cases
from summarize.web.charsets import decode_page
from summarize.web.news_furniture import furniture_kind
from summarize.web.sniffing import is_url, looks_like_html

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "web"
PAGE = FIXTURES / "norrvik_bridge.html"
EVALS = Path(__file__).resolve().parent.parent / "evals"

Run = Callable[..., tuple[int, str, str]]


def test_a_news_page_becomes_its_story_without_the_furniture() -> None:
    article = read_article(PAGE)
    headline, _, body = article.text.partition("\n\n")
    assert headline == "Norrvik closes Old Harbour Bridge after engineers find cracks"
    assert body.startswith("Norrvik city council closed the Old Harbour Bridge")
    assert "Lena Strand, who runs a bakery" in body
    # The embedded post is a quotation the story relies on: kept, with its author.
    assert "Ferries will leave the north quay every twenty minutes" in body
    assert "Norrvik Harbour Authority (@NorrvikHarbour)" in body
    for furniture in (
        "<",
        "dataLayer",
        "cookies",
        "Sign up",
        "Read more",
        "hidden panel",
        "Have a tip",
        "By Karin Lund",
        "Updated at",
        "Photo:",
        "Most read",
        "About time they fixed",
        "All rights reserved",
    ):
        assert furniture not in article.text, furniture


def test_a_page_carries_its_metadata() -> None:
    page = read_article(PAGE).page
    assert page is not None
    assert page.title == "Norrvik closes Old Harbour Bridge after engineers find cracks"
    assert page.author == "Karin Lund"
    assert page.date == "2024-03-12"
    assert page.site_name == "Norrvik Gazette"
    assert page.url == "https://gazette.norrvik.example/news/old-harbour-bridge-closed"
    assert page.language == "en-GB"


def test_html_is_recognised_by_content_not_by_name(tmp_path: Path) -> None:
    disguised = tmp_path / "story.txt"
    shutil.copy(PAGE, disguised)
    assert "dataLayer" not in read_article(disguised).text
    plain = tmp_path / "story.html"
    plain.write_text("Councils met on Tuesday. The <b> tag is bold in HTML, said the teacher.\n")
    assert read_article(plain).text.startswith("Councils met on Tuesday. The <b> tag")
    assert read_article(plain).page is None


@pytest.mark.parametrize(
    "start",
    [
        "<!DOCTYPE html><title>x</title>",
        "\ufeff  <html><body>",
        '<?xml version="1.0"?>\n<!-- saved --><html xmlns="http://www.w3.org/1999/xhtml">',
        "<head><meta charset=utf-8>",
        "<body><p>Hello</p>",
        "<p>One</p><p>Two</p>",
        "Warning: headers already sent\n<!doctype html><html>",
        "text " + "<div><span><a href='/x'>link</a></span></div>" * 5,
    ],
)
def test_html_starts(start: str) -> None:
    assert looks_like_html(start.encode("utf-8"))


@pytest.mark.parametrize(
    "start",
    [
        "Russia began withdrawing troops from Syria on Monday, officials said.",
        "Support The Moscow Times!\n\nRussia Starts Pulling Forces",
        "Engineers write <div> and </div> around a block, and <p> around a paragraph.",
        "<<< BREAKING >>> The council resigned.",
        "",
    ],
)
def test_text_starts(start: str) -> None:
    assert not looks_like_html(start.encode("utf-8"))


def test_urls_are_http_or_https_only() -> None:
    assert is_url("https://example.org/a") and is_url("HTTP://example.org")
    assert not is_url("example.org/a") and not is_url("ftp://example.org/a") and not is_url("https://")


def test_charsets_follow_the_evidence() -> None:
    cyrillic = '<meta charset="windows-1251"><p>Совет закрыл мост</p>'
    assert "Совет закрыл мост" in decode_page(cyrillic.encode("cp1251"), "p")
    legacy = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>café – 5 €</p>'
    assert "café – 5 €" in decode_page(legacy.encode("cp1252"), "p")  # ISO-8859-1 read as windows-1252
    # The HTTP header beats the page; a BOM beats both.
    assert "Žižek" in decode_page("<p>Žižek</p>".encode("cp1250"), "p", header_charset="windows-1250")
    assert decode_page("\ufeff<p>ok</p>".encode("utf-16-le"), "p", header_charset="latin-1") == "<p>ok</p>"
    # Valid UTF-8 wins over a server's default ISO-8859-1.
    assert "naïve" in decode_page("<p>naïve</p>".encode(), "p", header_charset="iso-8859-1")
    # A wrong declaration is not trusted: detection reads the page.
    undeclared = "<p>Le conseil municipal a fermé le pont après la découverte de fissures graves.</p>"
    assert "découverte" in decode_page(undeclared.encode("cp1252"), "p", header_charset="utf-8")


def test_a_page_that_cannot_be_decoded_is_a_clear_error() -> None:
    junk = bytes(range(128, 256)) * 40
    with pytest.raises(UndecodableArticleError, match="character set"):
        decode_page(b"<html><body>" + junk, "junk.html")
    with pytest.raises(UndecodableArticleError, match="binary"):
        decode_page(b"<html>\x00\x01\x02", "nul.html")


def test_a_page_with_no_story_is_a_clear_error(tmp_path: Path) -> None:
    front = tmp_path / "front.html"
    front.write_text(
        "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        "<div class='newsletter'><p>Sign up for our newsletter.</p></div>"
        "<footer>© 2024 Gazette</footer></body></html>"
    )
    with pytest.raises(NoArticleTextError, match="no article text found"):
        read_article(front)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Get the latest updates right in your inbox. Subscribe to our newsletters.", "sign-up"),
        ("Click here to subscribe to The Daily Newsletter", "sign-up"),
        ("Have a tip? Jane Doe may be reached at jane@example.com. Follow her on Twitter.", "contact line"),
        ("12 Comments", "comments"),
        ("Advertisement", "advertising marker"),
        ("Story continues below advertisement", "advertising marker"),
        ("Share this article", "share label"),
        ("READ MORE: Council approves budget", "teaser"),
        ("Updated at 1:23 p.m.", "time stamp"),
        ("Published 3 hours ago", "time stamp"),
        ("Posted on Nov. 18, 2019 | 10:02 AM EST", "time stamp"),
        ("Last updated: Tuesday 12 March 2024 09:15 GMT", "time stamp"),
        ("Photo: Jane Doe/Getty Images", "photo credit"),
        ("By Jane Doe and John Roe", "byline"),
        ("Write to Jane Doe at jane.doe@example.com", "contact line"),
        ("- Order Reprints", "share label"),
        ("Print Article", "share label"),
        ("Copyright ©2024 Gazette Media, Inc. All Rights Reserved", "copyright line"),
        ("Support our independent journalism: donate to us today.", "donation appeal"),
        (
            "Get access to the region's fastest growing financial subscription service for as little as "
            "5 a month in the first year. Use the code SAVE. The service offers you all the research, "
            "ideas, insights and analysis you need for your investments, every day of the week.",
            "sales pitch",
        ),
    ],
)
def test_news_furniture_lines(line: str, kind: str) -> None:
    assert furniture_kind(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "Netflix said subscriptions rose by 9 million, beating forecasts.",
        "The charity said donations fell by a third during the recession.",
        "Police said the man could be reached by boat only.",
        "By the end of the day, 40 people had been rescued.",
        "Comments from the minister drew criticism from the opposition on Monday.",
        "Updated figures published on Monday show that inflation rose to 4.1% in March, the fastest pace "
        "since 2008.",
        "Share prices fell 3% on Tuesday.",
        "The copyright lawsuit was filed in 2019.",
        "Write to your MP, she urged.",
        "Print media lost 5% of its readers.",
        "The company told us that it now has 9 million subscribers.",
        "Published in 1851, the novel sold 3,000 copies.",
        "Updated guidance will follow on 3 May.",
        "Police said they would follow him on his way home.",
        "The detectives have a tip from a neighbour.",
        '"Subscribe to the newsletter and you will see," the founder said of the strategy.',
        "Our members donated 2 million to the hospital, the union said.",
    ],
)
def test_reporting_is_not_furniture(line: str) -> None:
    assert furniture_kind(line) is None


def test_summarize_a_page_reads_the_story_and_keeps_the_page_metadata(run: Run) -> None:
    code, out, err = run(str(PAGE), "--engine", "rules")
    assert code == 0, err
    result = json.loads(out)
    assert result["summary"]["event"]["what"].startswith("Norrvik")
    assert "<" not in json.dumps(result["summary"])
    assert result["metadata"]["page"]["site_name"] == "Norrvik Gazette"
    assert result["grounding"]["score"] > 0


def test_extract_prints_the_text_and_json_adds_the_metadata(run: Run) -> None:
    code, out, _ = run("extract", str(PAGE))
    assert code == 0
    assert out.startswith("Norrvik closes Old Harbour Bridge after engineers find cracks\n\nNorrvik city")
    code, out, _ = run("extract", str(PAGE), "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert {key: data[key] for key in ("title", "author", "date", "site_name", "language")} == {
        "title": "Norrvik closes Old Harbour Bridge after engineers find cracks",
        "author": "Karin Lund",
        "date": "2024-03-12",
        "site_name": "Norrvik Gazette",
        "language": "en-GB",
    }
    assert data["url"].startswith("https://gazette.norrvik.example/") and data["source"] == str(PAGE)
    assert data["text"] == read_article(PAGE).text


def test_extract_reads_stdin_and_plain_text(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(PAGE.read_bytes())))
    code, out, _ = run("extract", "-")
    assert code == 0 and out.startswith("Norrvik closes Old Harbour Bridge")
    text = tmp_path / "a.txt"
    text.write_text("A plain article. It stays as it is.\n")
    code, out, _ = run("extract", str(text), "--format", "json")
    assert code == 0 and json.loads(out)["title"] is None
    assert json.loads(out)["text"] == "A plain article. It stays as it is.\n"


def test_extract_on_a_page_without_a_story_exits_4_with_one_line(run: Run, tmp_path: Path) -> None:
    page = tmp_path / "menu.html"
    page.write_text("<!doctype html><html><body><nav><a href='/'>Home</a></nav></body></html>")
    code, out, err = run("extract", str(page))
    assert code == 4 and out == ""
    assert err.strip().splitlines() == [f"summarize: error: {page}: " + err.split(f"{page}: ", 1)[1].strip()]
    assert "no article text found" in err and "Traceback" not in err


def test_check_reads_an_html_article(run: Run, tmp_path: Path) -> None:
    summary = tmp_path / "summary.txt"
    summary.write_text("Norrvik city council closed the Old Harbour Bridge on Tuesday.\n")
    code, out, _ = run("check", str(PAGE), str(summary))
    assert code == 0 and out.startswith("supported")


def test_eval_pairs_a_saved_page_with_its_reference(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(PAGE, corpus / "fiction_norrvik_bridge.html")
    shutil.copy(EVALS / "cases" / "fiction_norrvik_bridge.yaml", corpus)
    [case] = collect_cases([corpus], EVALS)
    assert case.article.page is not None
    assert "Mayor Ingrid Halvorsen" in case.article.text and "<p>" not in case.article.text
