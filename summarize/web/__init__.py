"""Web input: recognising HTML, decoding it, fetching URLs and extracting the article text.

    sniffing.py        is this input HTML? is this argument a URL?
    charsets.py        bytes -> text: BOM, HTTP header, <meta charset>, then detection
    limits.py          FetchLimits: deadline, connect timeout, redirects, size cap (no httpx import)
    fetching.py        httpx within those limits; one clear error per failure
    redact.py          credentials masked in every URL we show
    news_furniture.py  what we know about news pages that trafilatura does not
    extraction.py      trafilatura, tuned, plus news_furniture: HTML -> body text and PageMetadata
    reading.py         the entry points summarize.article uses for HTML and URLs

trafilatura and httpx are imported only by extraction.py and fetching.py, and only when a page is
read, so plain-text runs do not pay for them.
"""
