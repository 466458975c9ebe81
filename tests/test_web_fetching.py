"""URLs against a real HTTP server on 127.0.0.1 started by the test: every failure one clear line.

The server's slow handlers are bounded (a few hundred bytes, a few seconds at most) and stop when
the test ends, so nothing outlives the test even if the client under test misbehaves.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from summarize.article import read_article
from summarize.errors import (
    NoArticleTextError,
    NotAWebPageError,
    PageFetchError,
    PageTooLargeError,
)
from summarize.web.limits import FetchLimits

PAGE = (Path(__file__).resolve().parent / "fixtures" / "web" / "norrvik_bridge.html").read_bytes()
LATIN_PAGE = (
    '<!doctype html><html lang="fr"><head><meta charset="windows-1252"><title>Le pont ferm\u00e9</title>'
    "</head><body><article><h1>Le pont ferm\u00e9</h1><p>Le conseil municipal de Norrvik a ferm\u00e9 le "
    "pont du vieux port mardi apr\u00e8s la d\u00e9couverte de fissures dans deux piliers d\u2019acier. "
    "\u00ab Nous ne jouerons pas avec la s\u00e9curit\u00e9 \u00bb, a d\u00e9clar\u00e9 la maire. "
    "Les r\u00e9parations co\u00fbteront 2 millions \u20ac et dureront quatre mois.</p></article></body></html>"
).encode("cp1252")
BOILERPLATE_PAGE = (
    b"<!doctype html><html><head><title>Gazette</title></head><body>"
    b"<nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"
    b"<div class='cookie-banner'>We use cookies. <button>Accept</button></div>"
    b"<div class='promo'><p>Sign up for our newsletter and get the news in your inbox.</p></div>"
    b"<footer>&copy; 2024 Gazette. All rights reserved.</footer></body></html>"
)
TRICKLE_BYTES = 200  # at 0.25 s a byte: 50 s, far past any deadline the tests set
STALL_SECONDS = 20


class _Pages(BaseHTTPRequestHandler):
    stop: threading.Event

    def log_message(self, format: str, *args: object) -> None:  # keep pytest's output clean
        pass

    def _send(self, status: int, body: bytes, content_type: str = "text/html", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        try:
            if path == "/article":
                self._send(200, PAGE, "text/html; charset=utf-8")
            elif path == "/latin":
                self._send(200, LATIN_PAGE, "text/html")
            elif path == "/plain":
                self._send(
                    200,
                    "Une dépêche en texte brut, sans balises.".encode("cp1252"),
                    "text/plain; charset=windows-1252",
                )
            elif path == "/boilerplate":
                self._send(200, BOILERPLATE_PAGE)
            elif path == "/pdf":
                self._send(200, b"%PDF-1.7 ...", "application/pdf")
            elif path == "/loop":
                self._send(302, b"", Location="/loop")
            elif path == "/moved":
                self._send(301, b"", Location="/article")
            elif path == "/missing":
                self._send(404, b"<h1>Not found</h1>")
            elif path == "/broken":
                self._send(500, b"<h1>Internal error</h1>")
            elif path == "/huge":
                self._send(200, b"<p>" + b"x" * 50_000 + b"</p>")
            elif path == "/huge-unannounced":
                self._stream_unannounced()
            elif path == "/trickle":
                self._trickle()
            elif path == "/stall":
                self.stop.wait(STALL_SECONDS)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as it should

    def _stream_unannounced(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()  # no Content-Length: the body runs until the connection closes
        self.close_connection = True
        self.wfile.write(b"<html><body><p>")
        for _ in range(100):
            if self.stop.is_set():
                return
            self.wfile.write(b"y" * 1000)

    def _trickle(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(TRICKLE_BYTES))
        self.end_headers()
        for _ in range(TRICKLE_BYTES):
            if self.stop.wait(0.25):
                return
            self.wfile.write(b"a")
            self.wfile.flush()


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The base URL of a fresh local server; proxies from the environment are ignored."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    stop = threading.Event()
    handler = type("Pages", (_Pages,), {"stop": stop})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        stop.set()
        httpd.shutdown()
        httpd.server_close()


Run = Callable[..., tuple[int, str, str]]


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("summarize: error: "), err
    assert "Traceback" not in err
    return lines[0]


def test_a_url_is_summarized_with_its_page_metadata(server: str, run: Run) -> None:
    code, out, err = run(f"{server}/moved", "--engine", "rules")
    assert code == 0, err
    metadata = json.loads(out)["metadata"]
    assert metadata["source"] == f"{server}/moved"
    assert metadata["page"]["url"] == f"{server}/article"  # where the redirect led
    assert metadata["page"]["title"] == "Norrvik closes Old Harbour Bridge after engineers find cracks"


def test_a_non_utf8_page_is_decoded_by_its_meta_charset(server: str) -> None:
    article = read_article(f"{server}/latin")
    assert "découverte de fissures dans deux piliers d’acier" in article.text
    assert "2 millions €" in article.text
    assert article.page is not None and article.page.language == "fr"


def test_plain_text_urls_are_read_with_the_header_charset(server: str) -> None:
    assert read_article(f"{server}/plain").text == "Une dépêche en texte brut, sans balises."


@pytest.mark.parametrize(
    ("path", "options", "error", "code", "says"),
    [
        ("/missing", (), PageFetchError, 11, "HTTP 404 Not Found"),
        ("/broken", (), PageFetchError, 11, "HTTP 500 Internal Server Error"),
        ("/loop", (), PageFetchError, 11, "more than 5 redirects"),
        ("/pdf", (), NotAWebPageError, 4, "sent application/pdf, not an HTML page or plain text"),
        ("/huge", ("--max-page-bytes", "10000"), PageTooLargeError, 4, "larger than the 10,000-byte cap"),
        ("/huge-unannounced", ("--max-page-bytes", "10000"), PageTooLargeError, 4, "cut off"),
        ("/boilerplate", (), NoArticleTextError, 4, "no article text found in this page"),
    ],
)
def test_each_failure_is_one_line_with_its_exit_code(
    server: str, run: Run, path: str, options: tuple[str, ...], error: type[Exception], code: int, says: str
) -> None:
    assert error.exit_code == code  # type: ignore[attr-defined]
    exit_code, out, err = run(f"{server}{path}", "--engine", "rules", *options)
    assert (exit_code, out) == (code, "")
    assert says in one_error_line(err)


def test_a_trickling_server_cannot_hold_the_run(server: str, run: Run) -> None:
    started = time.monotonic()
    code, _, err = run("extract", f"{server}/trickle", "--fetch-timeout", "1")
    elapsed = time.monotonic() - started
    assert code == 11 and "no complete answer within 1 s" in one_error_line(err)
    # The page would take 50 s to arrive; the total deadline ends the download (slack for a busy CI).
    assert elapsed < 10


def test_a_silent_server_cannot_hold_the_run(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(PageFetchError, match="no complete answer"):
        read_article(f"{server}/stall", fetch_limits=FetchLimits(total_seconds=1))
    assert time.monotonic() - started < STALL_SECONDS / 2


def test_an_unreachable_host_is_a_fetch_error(run: Run) -> None:
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code, _, err = run("extract", f"http://127.0.0.1:{port}/")
    assert code == 11 and "cannot connect" in one_error_line(err)


def test_credentials_never_reach_a_message_or_the_output(server: str, run: Run) -> None:
    host = server.removeprefix("http://")
    secret_url = f"http://reader:hunter2@{host}/missing?api_key=SECRETKEY&page=2&access_token=TOKEN9"
    code, out, err = run(secret_url, "--engine", "rules")
    line = one_error_line(err)
    assert code == 11
    assert f"http://***@{host}/missing?api_key=***&page=2&access_token=***" in line
    for secret in ("reader", "hunter2", "SECRETKEY", "TOKEN9"):
        assert secret not in err + out
    # Several URLs: the failure list at the end is redacted too, and a good page's source as well.
    good = f"http://reader:hunter2@{host}/article?token=TOKEN9"
    code, out, err = run(good, secret_url, "--engine", "rules")
    assert code == 11
    assert json.loads(out.splitlines()[0])["metadata"]["source"] == f"http://***@{host}/article?token=***"
    for secret in ("hunter2", "SECRETKEY", "TOKEN9"):
        assert secret not in err + out


def test_debug_tracebacks_do_not_leak_credentials_either(server: str, run: Run) -> None:
    host = server.removeprefix("http://")
    code, _, err = run(f"http://u:hunter2@{host}/broken?password=PW", "--engine", "rules", "--debug")
    assert code == 11 and "Traceback" in err
    assert "hunter2" not in err and "password=PW" not in err


def test_the_size_cap_comes_from_the_environment_too(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZE_MAX_PAGE_BYTES", "1000")
    with pytest.raises(PageTooLargeError):
        read_article(f"{server}/article", fetch_limits=FetchLimits.resolve())
    assert read_article(f"{server}/article", fetch_limits=FetchLimits.resolve(max_bytes=10**7)).page


def test_out_names_a_url_result_after_the_page(server: str, run: Run, tmp_path: Path) -> None:
    code, _, err = run(f"{server}/article?token=TOKEN9", "--engine", "rules", "--out", str(tmp_path))
    assert code == 0, err
    [written] = tmp_path.iterdir()
    assert written.name == "article.json" and "TOKEN9" not in written.read_text()
