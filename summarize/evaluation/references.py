"""Reference summaries and the eval cases built from them: loading, validating, finding articles.

A reference is a YAML file holding a hand-written ``Summary`` (validated by the same pydantic
models the engines fill in) plus the boilerplate strings a summary must not carry. An eval case
pairs a reference with its article text. Articles are found by file stem: ``<id>.txt`` (or a saved
page, ``<id>.html``) under a corpus folder pairs with ``<id>.yaml`` beside it or in ``evals/references/``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..article import Article, read_article
from ..errors import ConfigError, InputError
from ..schema import Summary
from ..yaml_files import read_yaml

EVALS_DIR_NAME = "evals"
REFERENCES_DIR_NAME = "references"
CASES_DIR_NAME = "cases"
ALIASES_FILE_NAME = "aliases.yaml"


class Reference(BaseModel):
    """A hand-written reference summary for one article."""

    model_config = ConfigDict(extra="forbid")

    article: str = Field(description="The article's id: its file name without .txt.")
    outlet: str | None = None
    fiction: bool = Field(default=False, description="True for the suite's own invented articles.")
    summary: Summary
    must_not_appear: list[str] = Field(
        default_factory=list,
        description="Boilerplate (appeals, sign-ups, captions) a summary must not carry.",
    )


@dataclass(frozen=True)
class EvalCase:
    """One article to summarize and the reference to score it against."""

    case_id: str
    article: Article
    reference: Reference


def load_reference(path: Path) -> Reference:
    """Read and validate one reference YAML file."""
    data = read_yaml(path, "reference")
    try:
        reference = Reference.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"{path}: invalid reference:\n{exc}", original=exc) from exc
    if reference.article != path.stem:
        raise ConfigError(f"{path}: names article {reference.article!r}, but the file is named {path.stem!r}")
    return reference


def load_alias_groups(path: Path) -> list[list[str]]:
    """Read the alias groups (lists of spellings of one name); a missing file means none."""
    if not path.is_file():
        return []
    data = read_yaml(path, "aliases") or []
    if not isinstance(data, list) or not all(
        isinstance(group, list) and all(isinstance(name, str) for name in group) for group in data
    ):
        raise ConfigError(f"{path}: expected a list of lists of names")
    return [list(group) for group in data]


def find_evals_dir(start: Path | None = None) -> Path:
    """The project's ``evals/`` folder: searched upward from ``start`` (default: cwd), then beside the package."""
    candidates = [start or Path.cwd()]
    candidates[0] = candidates[0].resolve()
    candidates.extend(candidates[0].parents)
    # Running from a source checkout anywhere (an installed wheel has no evals/ and gets a clear error).
    candidates.append(Path(__file__).resolve().parents[2])
    for folder in candidates:
        if (folder / EVALS_DIR_NAME / REFERENCES_DIR_NAME).is_dir():
            return folder / EVALS_DIR_NAME
    raise ConfigError("cannot find the evals/ folder (with evals/references/); run from the project checkout")


def default_corpus_dirs(evals_dir: Path) -> list[Path]:
    """The suite's own cases, plus the shared corpus beside the repository when it exists."""
    dirs = [evals_dir / CASES_DIR_NAME]
    shared = evals_dir.parent.parent / "shared" / "corpus"
    if shared.is_dir():
        dirs.append(shared)
    return dirs


# A page saved as HTML is read like any article: read_article extracts its text.
ARTICLE_SUFFIXES = (".txt", ".html", ".htm")


def collect_cases(corpus_dirs: list[Path], evals_dir: Path) -> list[EvalCase]:
    """Pair every article (``*.txt``, or a saved page ``*.html``/``*.htm``) with its reference, in a stable order."""
    references_dir = evals_dir / REFERENCES_DIR_NAME
    cases: list[EvalCase] = []
    skipped: list[str] = []
    seen: set[str] = set()
    for corpus in corpus_dirs:
        if not corpus.is_dir():
            raise ConfigError(f"{corpus}: corpus folder not found")
        for text_path in sorted(p for p in corpus.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES):
            reference_path = _reference_path(text_path, references_dir)
            if reference_path is None:
                skipped.append(str(text_path))
                continue
            if text_path.stem in seen:
                raise ConfigError(f"{text_path}: two articles share the id {text_path.stem!r}")
            seen.add(text_path.stem)
            try:
                article = read_article(text_path)
            except InputError as exc:
                raise ConfigError(f"corpus article unusable: {exc.message}", original=exc) from exc
            cases.append(EvalCase(text_path.stem, article, load_reference(reference_path)))
    if skipped:
        # Not an error: a corpus may hold articles nobody has written a reference for yet.
        print(
            f"summarize eval: no reference for {len(skipped)} article(s), skipped: {', '.join(skipped)}",
            file=sys.stderr,
        )
    if not cases:
        folders = ", ".join(str(folder) for folder in corpus_dirs)
        raise ConfigError(f"no article with a reference found in {folders}")
    return cases


def _reference_path(text_path: Path, references_dir: Path) -> Path | None:
    for candidate in (text_path.with_suffix(".yaml"), references_dir / f"{text_path.stem}.yaml"):
        if candidate.is_file():
            return candidate
    return None
