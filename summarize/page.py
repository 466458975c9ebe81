"""What a web page says about itself (PageMetadata), and an article as ``summarize extract`` prints it."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class PageMetadata(BaseModel):
    """Metadata of the web page an article was extracted from; every field is null when unknown."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str | None = Field(default=None, description="The page's headline (og:title, h1 or <title>).")
    author: str | None = Field(default=None, description="The byline's author(s), '; '-separated.")
    date: str | None = Field(default=None, description="Publication date, YYYY-MM-DD.")
    site_name: str | None = Field(default=None, description="The publication's name (og:site_name).")
    url: str | None = Field(
        default=None,
        description="Where the page was read: the final URL after redirects, else the page's canonical "
        "URL; credentials are redacted.",
    )
    language: str | None = Field(default=None, description="Declared language (<html lang>), e.g. 'en'.")


class ExtractedArticle(PageMetadata):
    """An article read from a page, URL or file: the page's metadata, where it came from, and its text."""

    source: str = Field(description="The path or URL given (credentials redacted), or '<stdin>'.")
    text: str = Field(
        description="The article text, the one every span refers to: the headline, a blank line, the body."
    )
