"""The review page in a real browser: Debian's chromium, headless, driven by selenium.

Every injection string goes into the article, the quotes, the reasons, the labels, the source
and the notices; the page must show each as text, run nothing but its own script, fetch nothing,
and still work. Screenshots go to pytest's tmp dir; ``UPDATE_SCREENSHOTS=1`` also refreshes
``docs/review-page.png`` for the README.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from summarize import summarize_article
from summarize.grounding import check_summary_text
from summarize.review import render_review_page
from tests.conftest import CORPUS_DIR, REPO_ROOT
from tests.review_pages import INJECTIONS, injected_article, injected_result, located_spans

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
except ImportError:  # pragma: no cover - the [dev] extra installs it
    webdriver = None  # type: ignore[assignment]

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
MISSING = [
    what
    for what, there in (
        ("chromium (apt-get install chromium)", CHROMIUM),
        ("chromedriver (apt-get install chromium-driver)", CHROMEDRIVER),
        ("selenium (pip install -e '.[dev]')", webdriver),
    )
    if not there
]
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(bool(MISSING), reason=f"needs a headless browser: {', '.join(MISSING)} not installed"),
]
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,900",
]
ARTICLE = CORPUS_DIR / "000_1ac071ef24be8291.txt"
# A summary with a wrong date, a misattributed quote, a made-up quote: every kind of finding.
CHECKED_SUMMARY = """Russian troops have withdrawn from Qamishli airbase in Syria, with video footage showing troops loading up aircraft.
Russia has stationed personnel at the base since 2015.
Caroline Rose said: "I'd be careful of framing this as Russia simply 'losing' the Middle East."
Hellyer said Moscow's ability to stay in Syria indicated "a degree of resilience" in Russia's international position.
Rose said Russia "has decided to leave Syria for good".
"""
# Everything a test asks of the page, read in one round trip.
STATE_JS = """
const article = document.getElementById('article');
const all = [...document.querySelectorAll('*')];
return {
  pwned: typeof window.__pwned,
  title: document.title,
  ready: document.documentElement.getAttribute('data-ready'),
  text: article.textContent,
  tags: [...new Set(all.map(e => e.localName))].sort(),
  handlers: all.flatMap(e => [...e.attributes].map(a => a.name)).filter(n => n.startsWith('on')),
  anchors: [...article.querySelectorAll('.anchor')].map(a => a.id),
  marks: [...article.querySelectorAll('mark')].map(m => [m.getAttribute('data-spans'), m.textContent]),
  items: document.querySelectorAll('.item-button').length,
  scripts: document.scripts.length,
  resources: performance.getEntriesByType('resource').length,
  shown: getComputedStyle(document.body).display !== 'none' && article.getClientRects().length > 0,
  labels: [...document.querySelectorAll('.item-button .label')].map(e => e.textContent),
  missing: document.querySelectorAll('.not-found').length,
};
"""
IN_VIEW_JS = """
const r = arguments[0].getBoundingClientRect();
const box = document.getElementById('article').getBoundingClientRect();
return r.bottom > box.top && r.top < box.bottom && r.top >= 0 && r.bottom <= window.innerHeight;
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM or ""
    for flag in FLAGS:
        options.add_argument(flag)
    with tempfile.TemporaryDirectory(prefix="review-page-chromium-") as profile:
        options.add_argument(f"--user-data-dir={profile}")
        driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
        try:
            yield driver
        finally:
            driver.quit()


def html_title(text: str) -> str:
    """``document.title`` of a <title> holding ``text``: ASCII whitespace collapsed and stripped."""
    return " ".join(re.split(r"[\t\n\f\r ]+", text)).strip(" ")


def open_page(browser: Any, html: str, path: Path) -> dict[str, Any]:
    path.write_text(html, encoding="utf-8")
    browser.get(path.as_uri())
    state: dict[str, Any] = browser.execute_script(STATE_JS)
    return state


def spans_in_order(state: dict[str, Any], text: str, spans: list[Any]) -> None:
    """One anchor per located span, s1..sN in article order, each highlight reading its span."""
    assert state["anchors"] == [f"s{n + 1}" for n in range(len(spans))]
    for number, span in enumerate(spans):
        covered = "".join(t for ids, t in state["marks"] if f"s{number + 1}" in ids.split())
        assert covered == span.of(text)


@pytest.fixture(scope="module")
def corpus_summary() -> tuple[str, Any]:
    text = ARTICLE.read_text(encoding="utf-8")
    return text, summarize_article(text, source=ARTICLE.name, engine="rules")


def test_a_real_summary_highlights_every_span_in_order(
    browser: Any, corpus_summary: tuple[str, Any], tmp_path: Path
) -> None:
    text, result = corpus_summary
    state = open_page(browser, render_review_page(text, result), tmp_path / "summary.html")
    assert state["ready"] == "1"
    assert state["text"] == text
    assert state["items"] == len(result.grounding.items)
    spans_in_order(state, text, located_spans(result, text))
    browser.save_screenshot(str(tmp_path / "summary.png"))


def test_a_checked_summary_shows_every_finding(browser: Any, tmp_path: Path) -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    result = check_summary_text(text, CHECKED_SUMMARY)
    state = open_page(browser, render_review_page(text, result, source=ARTICLE.name), tmp_path / "check.html")
    assert state["ready"] == "1" and state["text"] == text
    verdicts = [b.text for b in browser.find_elements(By.CSS_SELECTOR, ".item-button .badge")]
    assert verdicts[:3] == ["contradicted", "misattributed", "unsupported"]
    assert state["missing"] == 1  # the made-up quote, listed as not found
    first = browser.find_element(By.CSS_SELECTOR, ".item-button")
    first.click()
    browser.save_screenshot(str(tmp_path / "check.png"))
    if os.environ.get("UPDATE_SCREENSHOTS"):
        browser.save_screenshot(str(REPO_ROOT / "docs" / "review-page.png"))


def test_selecting_an_item_scrolls_to_each_of_its_passages(
    browser: Any, corpus_summary: tuple[str, Any], tmp_path: Path
) -> None:
    text, result = corpus_summary
    open_page(browser, render_review_page(text, result), tmp_path / "page.html")
    buttons = browser.find_elements(By.CSS_SELECTOR, ".item-button")
    # The last item: the one furthest from where the list and the article start.
    button = buttons[-1]
    spans = button.get_attribute("data-spans").split()
    assert spans
    for span in [*spans, spans[0]]:  # each passage in turn, then back to the first
        button.click()
        current = browser.find_elements(By.CSS_SELECTOR, "#article mark.current")
        assert current
        assert {span} <= set(current[0].get_attribute("data-spans").split())
        assert browser.execute_script(IN_VIEW_JS, current[0])
    assert browser.switch_to.active_element == button  # Enter again goes on; Tab to the next item
    link = browser.find_elements(By.CSS_SELECTOR, "a.goto")[-1]
    link.click()
    target = link.get_attribute("data-span")
    assert browser.switch_to.active_element.get_attribute("id") == target
    mark = browser.find_element(By.CSS_SELECTOR, f'#article mark[data-spans~="{target}"]')
    assert browser.execute_script(IN_VIEW_JS, mark)
    mark.click()  # and back: the most severe item citing the passage
    assert browser.switch_to.active_element.get_attribute("id") == mark.get_attribute("data-items").split()[0]


def test_the_items_are_reachable_by_keyboard(
    browser: Any, corpus_summary: tuple[str, Any], tmp_path: Path
) -> None:
    text, result = corpus_summary
    open_page(browser, render_review_page(text, result), tmp_path / "page.html")
    body = browser.find_element(By.CSS_SELECTOR, "body")
    body.send_keys(Keys.TAB)
    first = browser.switch_to.active_element
    assert first.get_attribute("class") == "item-button"
    first.send_keys(Keys.ENTER)
    status = browser.find_element(By.ID, "status").text
    assert status.startswith("Passage 1 of ")
    assert browser.find_elements(By.CSS_SELECTOR, "#article mark.current")
    first.send_keys(Keys.TAB)
    assert browser.switch_to.active_element.tag_name in ("a", "button")
    browser.switch_to.active_element.send_keys(Keys.ESCAPE)
    assert browser.find_elements(By.CSS_SELECTOR, "#article mark.current") == []


PAGE_TAGS = [
    "a", "article", "body", "button", "dd", "div", "dl", "dt", "h1", "h2", "head", "header", "html",
    "li", "main", "mark", "meta", "nav", "ol", "p", "q", "script", "span", "strong", "style", "title", "ul",
]  # fmt: skip


@pytest.mark.parametrize("payload", INJECTIONS)
def test_no_injection_runs_or_breaks_the_page(browser: Any, payload: str, tmp_path: Path) -> None:
    article = injected_article(payload)
    result = injected_result(article, payload)
    state = open_page(browser, render_review_page(article, result), tmp_path / "injected.html")
    assert state["pwned"] == "undefined"
    assert state["title"] == html_title(f"Review: {payload}.txt")  # the title the page set, as text
    assert state["ready"] == "1"  # the page's own script ran to its end
    assert state["scripts"] == 1 and state["resources"] == 0
    assert set(state["tags"]) <= set(PAGE_TAGS), state["tags"]
    assert state["handlers"] == []
    assert state["shown"]
    assert state["text"] == article
    assert state["items"] == 6 and state["missing"] == 6
    assert state["labels"] == [payload] * 6
    spans_in_order(state, article, located_spans(result, article))
    browser.find_elements(By.CSS_SELECTOR, ".item-button")[0].click()
    assert browser.execute_script("return typeof window.__pwned") == "undefined"


def test_a_hostile_article_through_the_real_pipeline(browser: Any, tmp_path: Path) -> None:
    article = "\n\n".join(f"The minister said {payload} on Monday." for payload in INJECTIONS)
    result = summarize_article(article, engine="rules")
    state = open_page(browser, render_review_page(article, result), tmp_path / "hostile.html")
    assert state["pwned"] == "undefined" and state["ready"] == "1"
    assert set(state["tags"]) <= set(PAGE_TAGS) and state["handlers"] == []
    assert state["text"] == article
    spans_in_order(state, article, located_spans(result, article))
    browser.save_screenshot(str(tmp_path / "hostile.png"))
