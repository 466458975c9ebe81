"""The one exception tree of the package; the CLI maps each branch to an exit code in one place.

    SummarizeError                      any failure the tool reports (exit_code attribute)
    ├── ConfigError                     nothing usable is configured (exit 3)
    ├── InputError                      the article cannot be read as text (exit 4)
    │   ├── ArticleNotFoundError
    │   ├── NotAFileError
    │   ├── EmptyArticleError           empty or whitespace only
    │   │   └── NoArticleTextError      nothing to read: invisible characters, punctuation, furniture,
    │   │                               a web page with no article text in it (menus, sign-ups only)
    │   ├── ArticleTooLargeError        more bytes than --max-bytes
    │   ├── UndecodableArticleError     binary, or neither UTF-8 nor UTF-16/32 with a BOM; a web page
    │   │                               in no charset we can decode
    │   ├── NotAWebPageError            a URL that answers with neither HTML nor plain text
    │   ├── PageTooLargeError           a web page over the size cap
    │   ├── PageFetchError              the URL could not be fetched: network, timeout, redirects,
    │   │                               HTTP error status (exit 11)
    │   └── ArticleTooLongError         longer than the model's context (exit 5)
    ├── EngineError                     the engine could not produce a summary (exit 6)
    │   ├── EndpointError               transient failures outlasted the retry budget, or a
    │   │                               non-transient refusal (auth, bad request, no such model)
    │   ├── LocalServerError            the embedded llama.cpp server failed to start or died
    │   └── InvalidOutputError          the model's output failed validation after every re-ask (exit 7)
    ├── GroundingError                  strict grounding left nothing supported (exit 8)
    ├── GroundingProblemsError          --fail-on: an item has a verdict it names; the result was
    │                                   still written (exit 8, as grounding failures are)
    ├── EvalGateError                   the eval gate failed (exit 9 or 12, saying which)
    │   ├── EvalFloorError              a score is under its floor in thresholds.yaml (exit 9; also
    │   │                               when a regression failed too)
    │   └── EvalRegressionError         every floor held, but a score fell more than the tolerance
    │                                   below the committed baseline (exit 12)
    ├── StaleRecordingError             a replayed eval met a request its recordings do not hold: the
    │                                   prompt, the schema, the model or a setting changed since they
    │                                   were recorded, or an article is new (exit 13); ``path`` names
    │                                   the cassette, ``name`` the article
    └── OutputError                     a result could not be written (full disk, file size limit,
                                        permissions); the batch stops there (exit 10)

Every exception carries context: ``original`` (the underlying exception, if any) and
``attempts`` (how many calls were made) where it applies.
"""

from __future__ import annotations


class SummarizeError(Exception):
    """Base of every error this package raises on purpose."""

    exit_code = 1

    def __init__(self, message: str, *, original: BaseException | None = None, attempts: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.original = original
        self.attempts = attempts


class ConfigError(SummarizeError):
    """No engine or endpoint can be used with the given configuration."""

    exit_code = 3


class InputError(SummarizeError):
    """The article cannot be read as a non-empty UTF-8 text."""

    exit_code = 4


class ArticleNotFoundError(InputError):
    """The article path does not exist."""


class NotAFileError(InputError):
    """The article path is a directory or another non-regular file."""


class EmptyArticleError(InputError):
    """The article is empty or only whitespace."""


class NoArticleTextError(EmptyArticleError):
    """The article holds no text to summarize (zero-width characters, punctuation, page furniture)."""


class ArticleTooLargeError(InputError):
    """The input is larger than the --max-bytes cap."""


class UndecodableArticleError(InputError):
    """The article holds binary or non-UTF-8 bytes."""


class NotAWebPageError(InputError):
    """A URL answered with content that is neither HTML nor plain text (a PDF, an image, JSON)."""


class PageTooLargeError(InputError):
    """A web page is larger than the size cap."""


class PageFetchError(InputError):
    """The URL could not be fetched: DNS, connection, timeout, too many redirects or an HTTP error."""

    exit_code = 11


class ArticleTooLongError(InputError):
    """The article does not fit in the model's context window.

    ``tokens_needed`` and ``tokens_allowed`` are the prompt's estimate and the room the context
    leaves, when the check was ours (None when the server refused the request).
    """

    exit_code = 5

    def __init__(
        self,
        message: str,
        *,
        original: BaseException | None = None,
        tokens_needed: int | None = None,
        tokens_allowed: int | None = None,
    ) -> None:
        super().__init__(message, original=original)
        self.tokens_needed = tokens_needed
        self.tokens_allowed = tokens_allowed


class EngineError(SummarizeError):
    """The engine could not produce a summary."""

    exit_code = 6


class EndpointError(EngineError):
    """The model endpoint failed: transient errors outlasted the retry budget, or it refused."""


class LocalServerError(EngineError):
    """The embedded llama.cpp server could not be started or stopped answering."""


class InvalidOutputError(EngineError):
    """The model's output did not validate against the schema after every re-ask."""

    exit_code = 7
    # The summarize.usage.TokenUsage spent before giving up, when the client knows it, so a
    # caller that goes on (a summary asked a section at a time) still counts every token.
    usage: object | None = None


class GroundingError(SummarizeError):
    """Strict grounding removed every item of a required section."""

    exit_code = 8


class GroundingProblemsError(SummarizeError):
    """``--fail-on``: grounding gave an item a verdict the user asked to fail on."""

    exit_code = 8


class EvalGateError(SummarizeError):
    """An eval score fell below its threshold or regressed beyond tolerance."""

    exit_code = 9


class EvalFloorError(EvalGateError):
    """An eval score is under its floor (whether or not something also regressed)."""

    exit_code = 9


class EvalRegressionError(EvalGateError):
    """Every floor held, but an eval score fell more than the tolerance below the baseline."""

    exit_code = 12


class StaleRecordingError(SummarizeError):
    """A replayed request has no recording: it changed since recording, or was never recorded."""

    exit_code = 13

    def __init__(self, message: str, *, path: str, name: str, original: BaseException | None = None) -> None:
        super().__init__(message, original=original)
        self.path = path
        self.name = name


class OutputError(SummarizeError):
    """A result could not be written; ``path`` names the file or folder."""

    exit_code = 10

    def __init__(self, message: str, *, path: str, original: BaseException | None = None) -> None:
        super().__init__(message, original=original)
        self.path = path
