"""Credentials in URLs are masked wherever a URL is shown."""

from __future__ import annotations

import pytest

from summarize.redaction import redact_page_url as redact_url
from summarize.redaction import redact_urls_in


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("http://user:pass@example.org/a", "http://***@example.org/a"),
        ("https://ghp_TOKEN@example.org/", "https://***@example.org/"),
        ("https://example.org/a?api_key=K&page=2", "https://example.org/a?api_key=***&page=2"),
        (
            "https://example.org/?apiKey=K&api-key=K&X-Api-Key=K",
            "https://example.org/?apiKey=***&api-key=***&X-Api-Key=***",
        ),
        (
            "https://example.org/?token=T&access_token=T&client_secret=S",
            "https://example.org/?token=***&access_token=***&client_secret=***",
        ),
        (
            "https://example.org/?password=P&passwd=P&pwd=P",
            "https://example.org/?password=***&passwd=***&pwd=***",
        ),
        (
            "https://s3.example/o?X-Amz-Signature=abc&sig=x",
            "https://s3.example/o?X-Amz-Signature=***&sig=***",
        ),
        ("https://example.org/cb#access_token=T&state=1", "https://example.org/cb#access_token=***&state=1"),
        ("https://example.org/news/story?id=42", "https://example.org/news/story?id=42"),
        ("http://u:p@[bad/x?secret=S", "http://***@[bad/x?secret=***"),
    ],
)
def test_redact_url(url: str, shown: str) -> None:
    assert redact_url(url) == shown


def test_urls_inside_messages_are_redacted_and_punctuation_kept() -> None:
    message = "Redirect to 'http://a:b@h/x?token=1', then https://h/y?key=2."
    assert redact_urls_in(message) == "Redirect to 'http://***@h/x?token=***', then https://h/y?key=***."
