"""Reference summaries and the eval cases built from them: loading, validating, finding articles.

A reference is a YAML (or JSON) file holding a hand-written ``Summary`` (validated by the same
pydantic models the engines fill in) plus the boilerplate strings a summary must not carry; its
JSON Schema is ``schemas/reference.schema.json``. An eval case pairs a reference with its article
text. Articles are found by file stem: ``<id>.txt`` (or a saved page, ``<id>.html``) under a
corpus folder pairs with ``<id>.yaml`` (``.yml``, ``.json``) beside it or in ``<evals>/references/``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import ErrorDetails

from ..article import Article, read_article
from ..errors import ConfigError, InputError
from ..schema import Summary
from ..yaml_files import read_yaml
from .locations import FileLocations, dotted

EVALS_DIR_NAME = "evals"
REFERENCES_DIR_NAME = "references"
CASES_DIR_NAME = "cases"
ALIASES_FILE_NAME = "aliases.yaml"
REFERENCE_SUFFIXES = (".yaml", ".yml", ".json")
# The key an editor reads to find the schema of a JSON reference; not part of the reference.
SCHEMA_KEY = "$schema"


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
    reference_path: Path | None = None
    article_path: Path | None = None


def reference_problems(path: Path, data: object) -> tuple[Reference | None, list[str]]:
    """The reference in ``data`` and every schema problem, one line each: 'file:line:col: field: what'."""
    if isinstance(data, dict):
        data = {key: value for key, value in data.items() if key != SCHEMA_KEY}
    try:
        reference = Reference.model_validate(data)
    except ValidationError as exc:
        locations = FileLocations(path)
        problems = []
        for error in exc.errors(include_url=False):
            loc = list(error["loc"])
            field = dotted(loc) or "the file"
            problems.append(f"{locations.where(loc)}: {field}: {_describe(error)}")
        return None, problems
    if reference.article != path.stem:
        where = FileLocations(path).where(["article"])
        return reference, [
            f"{where}: article: names article {reference.article!r}, but the file is named {path.stem!r}"
        ]
    return reference, []


def _describe(error: ErrorDetails) -> str:
    """pydantic's message, with the value it got (enough to spot a typo) and the choices for enums."""
    kind, message, value = error["type"], str(error["msg"]), error.get("input")
    if kind == "missing":
        return "required, but missing"
    if kind == "extra_forbidden":
        return "not a field of a reference (a typo, or a field at the wrong level?)"
    shown = repr(value)
    return f"{message} (got {shown[:60] + '…' if len(shown) > 60 else shown})"


def load_reference(path: Path) -> Reference:
    """Read and validate one reference file (YAML or JSON); problems are a ConfigError, one line each."""
    reference, problems = reference_problems(path, read_yaml(path, "reference"))
    if problems or reference is None:
        more = f" (and {len(problems) - 1} more: run summarize eval validate)" if len(problems) > 1 else ""
        raise ConfigError(problems[0] + more)
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


def is_eval_folder(folder: Path) -> bool:
    """True for a folder holding references: a ``cases/`` or a ``references/`` folder."""
    return (folder / CASES_DIR_NAME).is_dir() or (folder / REFERENCES_DIR_NAME).is_dir()


def find_evals_dir(start: Path | None = None) -> Path:
    """The project's ``evals/`` folder: searched upward from ``start`` (default: cwd), then beside the package."""
    candidates = [start or Path.cwd()]
    candidates[0] = candidates[0].resolve()
    candidates.extend(candidates[0].parents)
    # Running from a source checkout anywhere (an installed wheel has no evals/ and gets a clear error).
    candidates.append(Path(__file__).resolve().parents[2])
    for folder in candidates:
        if is_eval_folder(folder / EVALS_DIR_NAME):
            return folder / EVALS_DIR_NAME
    raise ConfigError(
        "no eval folder found (an evals/ folder with cases/ or references/, here or above): create one "
        "with summarize eval init evals, or name yours with --evals DIR"
    )


def default_corpus_dirs(evals_dir: Path) -> list[Path]:
    """The folder's own cases; for a suite whose references/ name articles kept elsewhere (this
    project's), also the shared corpus beside the repository when it exists."""
    dirs = [evals_dir / CASES_DIR_NAME]
    shared = evals_dir.parent.parent / "shared" / "corpus"
    if (evals_dir / REFERENCES_DIR_NAME).is_dir() and shared.is_dir():
        dirs.append(shared)
    return [folder for folder in dirs if folder.is_dir()] or dirs


# A page saved as HTML is read like any article: read_article extracts its text.
ARTICLE_SUFFIXES = (".txt", ".html", ".htm")


@dataclass(frozen=True)
class CasePair:
    """An article file and the reference file written for it."""

    article_path: Path
    reference_path: Path


@dataclass
class CaseFiles:
    """What a folder of articles and references holds: pairs, articles without a reference,
    references without an article."""

    pairs: list[CasePair]
    unreferenced: list[Path]
    orphans: list[Path]


def find_case_files(corpus_dirs: list[Path], evals_dir: Path) -> CaseFiles:
    """Pair every article (``*.txt``, or a saved page ``*.html``/``*.htm``) with its reference, in a stable order."""
    references_dir = evals_dir / REFERENCES_DIR_NAME
    pairs: list[CasePair] = []
    unreferenced: list[Path] = []
    seen: set[str] = set()
    for corpus in corpus_dirs:
        if not corpus.is_dir():
            raise ConfigError(f"{corpus}: corpus folder not found")
        for text_path in sorted(p for p in corpus.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES):
            reference_path = _reference_path(text_path, references_dir)
            if reference_path is None:
                unreferenced.append(text_path)
                continue
            if text_path.stem in seen:
                raise ConfigError(f"{text_path}: two articles share the id {text_path.stem!r}")
            seen.add(text_path.stem)
            pairs.append(CasePair(text_path, reference_path))
    orphans = [path for corpus in corpus_dirs for path in _references_without_article(corpus)]
    return CaseFiles(pairs, unreferenced, orphans)


def read_case_article(path: Path) -> Article:
    """An eval article; an unreadable one is a ConfigError naming it."""
    try:
        return read_article(path)
    except InputError as exc:
        raise ConfigError(f"corpus article unusable: {exc.message}", original=exc) from exc


def collect_cases(corpus_dirs: list[Path], evals_dir: Path) -> list[EvalCase]:
    """Every article with its reference, in a stable order; a reference without its article is an error."""
    files = find_case_files(corpus_dirs, evals_dir)
    if files.orphans:
        orphan = files.orphans[0]
        more = f" ({len(files.orphans) - 1} more alike)" if len(files.orphans) > 1 else ""
        raise ConfigError(
            f"{orphan}: no article {orphan.stem}.txt (or .html) beside this reference: rename one to match "
            f"the other{more}"
        )
    if files.unreferenced:
        # Not an error: a corpus may hold articles nobody has written a reference for yet.
        print(
            f"summarize eval: no reference for {len(files.unreferenced)} article(s), skipped: "
            + ", ".join(str(path) for path in files.unreferenced),
            file=sys.stderr,
        )
    cases = [
        EvalCase(
            pair.article_path.stem,
            read_case_article(pair.article_path),
            load_reference(pair.reference_path),
            pair.reference_path,
            pair.article_path,
        )
        for pair in files.pairs
    ]
    if not cases:
        folders = ", ".join(str(folder) for folder in corpus_dirs)
        raise ConfigError(f"no article with a reference found in {folders}")
    return cases


def _reference_path(text_path: Path, references_dir: Path) -> Path | None:
    for folder in (text_path.parent, references_dir):
        for suffix in REFERENCE_SUFFIXES:
            candidate = folder / f"{text_path.stem}{suffix}"
            if candidate.is_file():
                return candidate
    return None


def _references_without_article(corpus: Path) -> list[Path]:
    """References lying in a corpus folder with no article of the same name beside them."""
    if not corpus.is_dir():
        return []
    articles = {p.stem for p in corpus.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES}
    return sorted(
        p
        for p in corpus.rglob("*")
        if p.suffix.lower() in REFERENCE_SUFFIXES and p.stem not in articles and _looks_like_reference(p)
    )


def _looks_like_reference(path: Path) -> bool:
    # A corpus may hold other YAML/JSON (a manifest, notes): a reference is a mapping with a summary.
    try:
        data = read_yaml(path, "reference")
    except ConfigError:
        return True  # unparseable: say so through the missing-article line rather than skip it
    return isinstance(data, dict) and "summary" in data and "article" in data
