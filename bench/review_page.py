"""How fast the review page (``--format html``) renders: in Python, and in headless chromium.

For a 5,000-word article (whole corpus paragraphs, as in ``rules_speed.py``) and two results:
the rule-based engine's summary, and a free-text check with one claim per paragraph (every
paragraph highlighted, the densest page we make). Browser columns are milliseconds from navigation
start, from ``performance`` in the page (the page's script done, the load event, a frame drawn
after the load), and the wall time of chromedriver's ``get``; medians of fresh loads. The goal:
the page ready in under 1 s. Needs Debian's chromium and chromium-driver, and selenium.

Run: .venv/bin/python bench/review_page.py [loads]
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rules_speed import build_article
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from summarize import summarize_article
from summarize.grounding import check_summary_text
from summarize.review import render_review_page

WORDS = 5_000
LIMIT_MS = 1_000.0
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
# Navigation start to the end of the page's script, and to the load event, in ms.
TIMING_JS = """
const nav = performance.getEntriesByType('navigation')[0];
return [null, nav.loadEventEnd, document.querySelectorAll('#article mark').length,
        document.querySelectorAll('#article .anchor').length, document.documentElement.getAttribute('data-ready')];
"""
# A frame drawn after the load event (two animation frames): an upper bound on the first paint,
# as it includes chromedriver's round trip after the load (headless chromium reports no paint
# timing entries).
FRAME_JS = """
const done = arguments[arguments.length - 1];
requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now())));
"""
READY_JS = "return performance.getEntriesByName('review-page-ready')[0].startTime"


def browser(profile: str) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    return webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver") or "chromedriver"))


def main(loads: int = 7) -> None:
    article = build_article(WORDS)
    paragraphs = [p for p in article.split("\n\n") if p.strip()]
    cases = {
        "rules summary": lambda: summarize_article(article, engine="rules"),
        "check, 1 claim/paragraph": lambda: check_summary_text(article, "\n".join(paragraphs)),
    }
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-review-page-") as tmp:
        driver = browser(str(Path(tmp) / "profile"))
        try:
            for name, make in cases.items():
                result = make()
                started = time.perf_counter()
                html = render_review_page(article, result, source="bench")
                render_ms = (time.perf_counter() - started) * 1000
                path = Path(tmp) / "page.html"
                path.write_text(html, encoding="utf-8")
                ready, loaded, painted, walls = [], [], [], []
                marks = anchors = 0
                for _ in range(loads):
                    driver.get("about:blank")
                    started = time.perf_counter()
                    driver.get(path.as_uri())  # returns after the load event
                    walls.append((time.perf_counter() - started) * 1000)
                    _, load_end, marks, anchors, flag = driver.execute_script(TIMING_JS)
                    assert flag == "1", "the page's script did not finish"
                    ready.append(driver.execute_script(READY_JS))
                    loaded.append(load_end)
                    painted.append(driver.execute_async_script(FRAME_JS))
                rows.append(
                    (
                        name,
                        len(html) // 1024,
                        anchors,
                        marks,
                        render_ms,
                        *map(statistics.median, (ready, loaded, painted, walls)),
                    )
                )
        finally:
            driver.quit()
    print(
        f"review page, {len(article.split()):,}-word article, median of {loads} fresh loads in headless chromium"
    )
    header = (
        "result",
        "KiB",
        "spans",
        "marks",
        "python ms",
        "script done ms",
        "load event ms",
        "painted ms",
        "driver.get ms",
    )
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
    for name, kib, anchors, marks, render_ms, ready_ms, load_ms, paint_ms, wall_ms in rows:
        verdict = "ok" if max(ready_ms, load_ms, paint_ms) < LIMIT_MS else "OVER 1 s"
        print(
            f"{name} | {kib} | {anchors} | {marks} | {render_ms:.1f} | {ready_ms:.1f} | {load_ms:.1f} | "
            f"{paint_ms:.1f} | {wall_ms:.1f} ({verdict})"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
