"""Hostile inputs for the review page, and the spans a page must highlight.

Every injection string, if it ever ran, would set ``window.__pwned`` or change the page title;
the tests put each one in the article, in quotes (found and not found), in reasons, in labels,
in the source name and in the notices, and check that it shows as text and nothing runs.
"""

from __future__ import annotations

from summarize.grounding import AlignmentStatus, GroundingReport, ItemGrounding, QuoteAlignment, Verdict
from summarize.result import RunMetadata, SummaryResult, TokenUsage
from summarize.schema import Summary
from summarize.text import Span

INJECTIONS = [
    "<script>window.__pwned=1;document.title='pwned'</script>",
    '"><img src=x onerror="window.__pwned=1">',
    "'><img src=x onerror='window.__pwned=1'>",
    "</style><script>window.__pwned=1</script>",
    "</script><script>window.__pwned=1</script>",
    "</title><script>window.__pwned=1</script>",
    "</textarea><script>window.__pwned=1</script>",
    "</mark></article><script>window.__pwned=1</script>",
    '<svg onload="window.__pwned=1"></svg>',
    "<svg><script>window.__pwned=1</script></svg>",
    '<a href="javascript:window.__pwned=1" id="evil">click</a>',
    "javascript:window.__pwned=1",
    '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
    '<body onload="window.__pwned=1">',
    '<input autofocus onfocus="window.__pwned=1">',
    '<details open ontoggle="window.__pwned=1">x</details>',
    '<object data="javascript:window.__pwned=1"></object>',
    '<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=1">',
    '<base href="javascript:window.__pwned=1//">',
    "<style>body{display:none}</style>",
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<img src="https://evil.example/pixel.png">',
    "<!-- the rest of the page is a comment",
    "<plaintext>",
    "&lt;script&gt;window.__pwned=1&lt;/script&gt;",
    "&#60;img src=x onerror=window.__pwned=1&#62;",
    '<noscript><p title="</noscript><img src=x onerror=window.__pwned=1>">',
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=1>",
    '" data-spans="s1" onmouseover="window.__pwned=1" x="',
    '"><form action="javascript:window.__pwned=1"><button>send</button></form>',
    "{{ 7*7 }}{% raw %}${7*7}",
    "\u2028\u2029</script>\x0b\x0c",
]

SECTIONS = ("event", "actors", "stated_motives", "analyst_views", "uncertainties", "statements")
VERDICTS = list(Verdict)


def injected_article(payload: str) -> str:
    """An article with the payload in its headline, its body and a quotation; CRLF line ends."""
    return (
        f"Minister resigns over {payload} row\r\n\r\n"
        f"The minister resigned on Monday after a row over {payload} in parliament.\r\n\r\n"
        f"“We will not accept {payload},” the opposition leader said. 😀 東京 e\u0301\r\n\r\n"
        "Officials said the inquiry would report next month."
    )


def injected_summary(payload: str) -> Summary:
    """A summary with the payload in every field."""
    return Summary.model_validate(
        {
            "event": {"what": payload, "where": payload, "when": payload, "evidence": [payload]},
            "actors": [{"name": payload, "kind": "person", "role": payload, "evidence": [payload]}],
            "stated_motives": [
                {"actor": payload, "motive": payload, "stated_by": "actor", "evidence": [payload]}
            ],
            "analyst_views": [
                {"analyst": payload, "affiliation": payload, "view": payload, "quote": payload}
            ],
            "uncertainties": [
                {
                    "claim": payload,
                    "reason": "unnamed_source",
                    "attributed_to": payload,
                    "evidence": [payload],
                }
            ],
            "statements": [{"speaker": payload, "role": payload, "kind": "direct", "text": payload}],
        }
    )


def _sentence_at(text: str, offset: int) -> Span:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\r", offset)
    return Span(start, end if end >= 0 else len(text))


def injected_result(article: str, payload: str) -> SummaryResult:
    """One grounded item per section, each verdict used, the payload in labels, reasons and quotes.

    Each item quotes the payload where the article has it (found), quotes words the article lacks
    (not found), and cites the sentence around it as evidence; items overlap and nest.
    """
    first = article.find(payload)
    second = article.find(payload, first + len(payload))
    items = []
    for index, section in enumerate(SECTIONS):
        where = first if index % 2 == 0 else second
        found = Span(where, where + len(payload))
        items.append(
            ItemGrounding(
                section=section,
                index=0,
                label=payload,
                verdict=VERDICTS[index % len(VERDICTS)],
                reasons=[f"claim: {payload}", f"quote not found in the article: “{payload} (made up)”"],
                quotes=[
                    QuoteAlignment(quote=payload, status=AlignmentStatus.exact, span=found, similarity=1.0),
                    QuoteAlignment(
                        quote=f"{payload} (made up)", status=AlignmentStatus.not_found, similarity=0.0
                    ),
                ],
                evidence=[_sentence_at(article, where)],
                attributed_to=payload,
            )
        )
    metadata = RunMetadata(
        source=f"{payload}.txt",
        engine="rules",
        model=payload,
        mode=None,
        prompt_version=None,
        tool_version="0.1.0",
        grounding_mode="warn",
        usage=TokenUsage(prompt_tokens=0, completion_tokens=0, total_tokens=0, requests=0),
        attempts=1,
        reasks=0,
        seconds=0.1,
        notices=[payload],
    )
    report = GroundingReport(items=items, score=0.5)
    return SummaryResult(summary=injected_summary(payload), metadata=metadata, grounding=report)


def located_spans(result: SummaryResult, text: str) -> list[Span]:
    """The distinct spans a review page of ``result`` highlights, in article order.

    Found quotes (each part of an elided quote) and evidence, inside the text.
    """
    spans: set[Span] = set()
    for item in result.grounding.items if result.grounding else []:
        for quote in item.quotes:
            if quote.span is None or quote.status is AlignmentStatus.not_found:
                continue
            parts = [p.span for p in quote.parts if p.span is not None]
            spans.update(parts if quote.parts and len(parts) == len(quote.parts) else [quote.span])
        spans.update(item.evidence)
    return sorted(s for s in spans if 0 <= s.start < s.end <= len(text))
