"""A user's own eval folder: `eval init`, `eval validate`, the reference schema, pyproject
configuration, when a run replays, and the Markdown summary for pull requests."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from summarize.cli import main
from summarize.config import resolve_settings
from summarize.errors import ConfigError
from summarize.evaluation.metrics import ArticleResult, ItemOutcome, SectionScore
from summarize.evaluation.pr_comment import item_changes, render_pr_comment
from summarize.evaluation.project import resolve_project
from summarize.evaluation.recording import ENDPOINT_FILE, choose_mode
from summarize.evaluation.report import EvalReport, GateCheck, Price
from summarize.evaluation.scaffold import scaffold_eval_folder
from summarize.schema_export import SCHEMAS_DIR

REPO_CASES = Path(__file__).resolve().parent.parent / "evals" / "cases"
EXAMPLE = "example_ferry_fares"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project folder as the working directory, with no endpoint configured."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SUMMARIZE_MODEL", "SUMMARIZE_ENGINE", "CI"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(list(args))
    out, err = capsys.readouterr()
    return int(exited.value.code or 0), out, err


# -- eval init ----------------------------------------------------------------------------------


def test_init_scaffolds_a_folder_that_validates_and_gates_offline(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "eval", "init", "my-evals")
    assert code == 0
    folder = project / "my-evals"
    for relative in (
        "README.md",
        f"cases/{EXAMPLE}.txt",
        f"cases/{EXAMPLE}.yaml",
        "thresholds.yaml",
        "aliases.yaml",
        "reference.schema.json",
        "ci/summarize-eval.yml",
        "ci/eval.sh",
    ):
        assert (folder / relative).is_file(), relative
    assert "summarize eval --evals my-evals --record" in out
    workflow = yaml.safe_load((folder / "ci/summarize-eval.yml").read_text(encoding="utf-8"))
    steps = " ".join(str(step.get("run", "")) for step in workflow["jobs"]["eval"]["steps"])
    assert "summarize eval --evals my-evals" in steps and "@@" not in steps
    assert "CI=1 summarize eval --evals my-evals" in (folder / "ci/eval.sh").read_text(encoding="utf-8")

    assert run(capsys, "eval", "validate", "--evals", "my-evals")[0] == 0
    code, out, err = run(capsys, "eval", "--evals", "my-evals", "--markdown", "summary.md")
    assert code == 0, err
    assert EXAMPLE in out and "rule-based engine" in err
    assert (project / "summary.md").read_text(encoding="utf-8").startswith("## ✅ summarize eval passed")


def test_init_keeps_files_that_exist(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "evals").mkdir()
    (project / "evals" / "thresholds.yaml").write_text("tolerance: {f1: 0.1}\n", encoding="utf-8")

    code, out, _ = run(capsys, "eval", "init")

    assert code == 0
    assert "kept    evals/thresholds.yaml (already there)" in out
    assert (project / "evals" / "thresholds.yaml").read_text(encoding="utf-8") == "tolerance: {f1: 0.1}\n"


def test_the_example_reference_is_fully_supported_by_its_article(project: Path) -> None:
    from summarize.article import read_article
    from summarize.evaluation.grounding_counts import count_grounding
    from summarize.evaluation.references import load_reference

    scaffold_eval_folder(project / "evals", shown_as="evals", version="0")
    reference = load_reference(project / "evals" / "cases" / f"{EXAMPLE}.yaml")
    article = read_article(project / "evals" / "cases" / f"{EXAMPLE}.txt")
    counts = count_grounding(reference.summary, article.text)
    assert counts.items and counts.supported == counts.items


# -- the reference schema -----------------------------------------------------------------------


def test_the_published_schema_validates_references_as_an_editor_would(project: Path) -> None:
    schema = json.loads((SCHEMAS_DIR / "reference.schema.json").read_text(encoding="utf-8"))
    scaffold_eval_folder(project / "evals", shown_as="evals", version="0")
    assert json.loads((project / "evals" / "reference.schema.json").read_text(encoding="utf-8")) == schema
    validator = jsonschema.Draft202012Validator(schema)
    for path in [*REPO_CASES.glob("*.yaml"), project / "evals" / "cases" / f"{EXAMPLE}.yaml"]:
        assert list(validator.iter_errors(yaml.safe_load(path.read_text(encoding="utf-8")))) == [], path.name

    typo = yaml.safe_load((project / "evals" / "cases" / f"{EXAMPLE}.yaml").read_text(encoding="utf-8"))
    typo["summary"]["actors"][0]["kind"] = "company"
    typo["summary"]["actors"][0]["nmae"] = "x"
    assert len(list(validator.iter_errors(typo))) == 2


# -- eval validate ------------------------------------------------------------------------------


@pytest.fixture
def folder(project: Path) -> Path:
    scaffold_eval_folder(project / "evals", shown_as="evals", version="0")
    return project / "evals"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], str]:
    code, out, err = run(capsys, "eval", "validate")
    return code, [line for line in out.splitlines() if "reference(s) checked" not in line], err


def test_a_malformed_reference_is_one_line_with_file_line_and_field(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reference = folder / "cases" / f"{EXAMPLE}.yaml"
    edit(reference, "kind: person", "kind: persn")

    code, lines, err = problems(capsys)

    assert code == 3
    assert lines == [
        f"{reference}:22:13: summary.actors[1].kind: Input should be 'person', 'organization', 'state', "
        "'armed_group' or 'other' (got 'persn')"
    ]
    assert "1 problem(s)" in err
    # The run itself refuses it before summarizing anything, with the same line.
    code, _, err = run(capsys, "eval")
    assert code == 3 and f"{reference}:22:13: summary.actors[1].kind" in err


def test_a_missing_field_and_an_unknown_key_are_named(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reference = folder / "cases" / f"{EXAMPLE}.yaml"
    edit(reference, "      stated_by: actor", "      said_by: actor")

    code, lines, _ = problems(capsys)

    assert code == 3
    assert any(line.endswith("summary.stated_motives[0].stated_by: required, but missing") for line in lines)
    assert any("summary.stated_motives[0].said_by: not a field of a reference" in line for line in lines)


def test_a_quote_not_in_the_article_shows_the_closest_passage(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reference = folder / "cases" / f"{EXAMPLE}.yaml"
    edit(reference, "- the rise was needed to pay", "- the rise was necessary to pay")
    row = next(
        n
        for n, text in enumerate(reference.read_text(encoding="utf-8").splitlines(), 1)
        if "necessary" in text
    )

    code, lines, _ = problems(capsys)

    assert code == 3
    (line,) = lines
    assert (
        f"{reference}:{row}:11: summary.stated_motives[0].evidence[0]: 'the rise was necessary to pay" in line
    )
    assert "is not in example_ferry_fares.txt (closest passage" in line
    assert "90% alike: 'the rise was needed to pay for two new electric ferries" in line


def test_a_typographic_difference_in_a_quote_is_accepted(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(folder / "cases" / f"{EXAMPLE}.yaml", "Our fuel bill doubled", "Our  fuel bill doubled")
    assert problems(capsys)[0] == 0


def test_a_misspelt_name_gets_the_article_spelling(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(folder / "cases" / f"{EXAMPLE}.yaml", "analyst: Tomas Berg", "analyst: Thomas Berg")

    code, lines, _ = problems(capsys)

    assert code == 3
    (line,) = lines
    assert (
        "summary.analyst_views[0].analyst: 'Thomas Berg' is not spelled as in example_ferry_fares.txt" in line
    )
    assert "(closest name in the article: 'Tomas Berg')" in line
    # An alias of a spelling the article uses is accepted.
    (folder / "aliases.yaml").write_text("- [Tomas Berg, Thomas Berg]\n", encoding="utf-8")
    assert problems(capsys)[0] == 0


def test_a_reference_for_another_article_is_one_mismatch_line(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = folder / "cases" / f"{EXAMPLE}.txt"
    article.write_text(
        (REPO_CASES / "fiction_norrvik_bridge.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )

    code, lines, _ = problems(capsys)

    assert code == 3
    assert lines == [
        f"{folder / 'cases' / EXAMPLE}.yaml: none of its 9 quotes is in {article}: is it the reference of "
        "another article, or the article of another reference?"
    ]


def test_a_renamed_article_leaves_its_reference_orphaned(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "cases" / f"{EXAMPLE}.txt").rename(folder / "cases" / "ferries.txt")

    code, lines, _ = problems(capsys)
    assert code == 3
    assert lines == [
        f"{folder / 'cases' / EXAMPLE}.yaml: no article {EXAMPLE}.txt (or .html) beside this reference: "
        "rename one to match the other"
    ]
    code, _, err = run(capsys, "eval")
    assert code == 3 and f"{EXAMPLE}.yaml: no article {EXAMPLE}.txt" in err


def test_a_json_reference_with_a_schema_key_works(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    yaml_path = folder / "cases" / f"{EXAMPLE}.yaml"
    data = {"$schema": "../reference.schema.json", **yaml.safe_load(yaml_path.read_text(encoding="utf-8"))}
    yaml_path.unlink()
    (folder / "cases" / f"{EXAMPLE}.json").write_text(json.dumps(data, indent=2), encoding="utf-8")

    assert problems(capsys)[0] == 0
    data["summary"]["actors"][0]["kind"] = "firm"
    (folder / "cases" / f"{EXAMPLE}.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    code, lines, _ = problems(capsys)
    assert code == 3 and lines[0].startswith(f"{folder / 'cases' / EXAMPLE}.json:") and "'firm'" in lines[0]


def test_this_projects_own_references_validate(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "eval", "validate")
    assert code == 0, out + err


# -- where the eval is, and its configuration ----------------------------------------------------


def test_pyproject_names_the_folder_and_the_price(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scaffold_eval_folder(project / "quality" / "evals", shown_as="quality/evals", version="0")
    (project / "pyproject.toml").write_text(
        '[project]\nname = "mine"\n\n[tool.summarize.eval]\nevals = "quality/evals"\nengine = "rules"\n'
        "price = { prompt = 2.5, completion = 10.0 }\n",
        encoding="utf-8",
    )
    (project / "src").mkdir()

    assert resolve_project(None, project / "src").evals_dir == project / "quality" / "evals"
    code, _, err = run(capsys, "eval", "--report", "r.json", "--markdown", "r.md")
    assert code == 0, err
    report = json.loads((project / "r.json").read_text(encoding="utf-8"))
    assert report["engine"] == "rules" and report["price"] == {"prompt": 2.5, "completion": 10.0}
    assert report["totals"]["cost_usd"] == 0.0  # the rules engine spends no tokens
    assert "| **cost** | $0.0000 |" in (project / "r.md").read_text(encoding="utf-8")


def test_a_bad_pyproject_table_names_the_key(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.summarize.eval]\nevals_dir = 'x'\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        resolve_project(None, project)
    assert (
        raised.value.message
        == f"{project / 'pyproject.toml'}: [tool.summarize.eval] evals_dir: Extra inputs are not permitted"
    )


def test_no_eval_folder_says_how_to_make_one(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "eval", "--evals", "nowhere")
    assert code == 3 and "nowhere: no such eval folder; create one with: summarize eval init nowhere" in err


@pytest.mark.parametrize(
    ("flag", "configured", "ci", "recordings", "engine", "expected"),
    [
        (None, False, False, False, "auto", None),  # nothing recorded: rules, live
        (None, False, False, True, "auto", "replay"),  # recordings and no endpoint: replay
        (None, True, False, True, "auto", None),  # a developer with an endpoint: live
        (None, True, True, True, "auto", "replay"),  # CI replays even with a key set
        (None, False, True, True, "rules", None),  # the rules engine makes no requests
        ("live", False, True, True, "auto", None),
        ("replay", False, False, True, "openai", "replay"),
        ("record-missing", True, True, True, "auto", "record-missing"),
    ],
)
def test_when_a_run_replays(
    tmp_path: Path,
    flag: str | None,
    configured: bool,
    ci: bool,
    recordings: bool,
    engine: str,
    expected: str | None,
) -> None:
    if recordings:
        (tmp_path / ENDPOINT_FILE).write_text("model: m\nmode: json\n", encoding="utf-8")
    settings = resolve_settings(
        environ={}, engine=engine, base_url="http://127.0.0.1:9/v1" if configured else None
    )
    assert choose_mode(flag, settings, tmp_path, {"CI": "true"} if ci else {"CI": "false"}) == expected


# -- the Markdown summary -----------------------------------------------------------------------


def _article(items: list[ItemOutcome], tokens: int = 1000) -> ArticleResult:
    matched = sum(1 for i in items if i.matched)
    return ArticleResult(
        article="a<b>|1",
        sections={"actors": SectionScore(matched=matched, predicted=2, reference=2)},
        items=items,
        tokens=tokens,
        prompt_tokens=tokens - 100,
        completion_tokens=100,
    )


def _report(items: list[ItemOutcome], tokens: int = 1000) -> EvalReport:
    return EvalReport(
        engine="openai",
        model="m",
        judge="meaning",
        judge_threshold=0.5,
        sections=["actors"],
        articles=[_article(items, tokens)],
        price=Price(prompt=1.0, completion=2.0),
    )


def test_the_summary_lists_newly_failing_and_passing_items_escaped() -> None:
    baseline = _report(
        [
            ItemOutcome(section="actors", reference="Anna Petrova", summary="Anna Petrova", matched=True),
            ItemOutcome(section="actors", reference="Kremlin", summary=None, matched=False),
        ]
    )
    now = _report(
        [
            ItemOutcome(
                section="actors", reference="Anna Petrova", summary="Anna | <script>x</script>", matched=False
            ),
            ItemOutcome(section="actors", reference="Kremlin", summary="the Kremlin", matched=True),
            ItemOutcome(section="actors", summary="Made-up Person", matched=False),
        ],
        tokens=2000,
    )
    checks = [
        GateCheck(
            kind="regression", name="actors F1 vs baseline", passed=False, message="F1 0.5, baseline 0.5"
        )
    ]

    failing, passing = item_changes(now, baseline)
    text = render_pr_comment(now, checks, baseline)

    assert [c.item.reference for c in failing] == ["Anna Petrova", None]
    assert [c.item.reference for c in passing] == ["Kremlin"]
    assert text.startswith("## ❌ summarize eval failed: a score regressed against the baseline (exit 12)")
    assert "### Newly failing (2)" in text and "### Newly passing (1)" in text
    assert (
        "| a&lt;b&gt;\\|1 | actors | Anna Petrova | — (closest: Anna \\| &lt;script&gt;x&lt;/script&gt;) |"
        in text
    )
    assert "| a&lt;b&gt;\\|1 | actors | — (not in the reference) | Made-up Person |" in text
    assert "| **tokens** | 2,000 | +1,000 |" in text
    assert "| **cost** | $0.0021 | +$0.0010 |" in text
    assert "<script>" not in text


def test_the_repository_suite_still_runs_from_its_checkout(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    cases = tmp_path / "cases"
    shutil.copytree(REPO_CASES, cases)
    code, out, err = run(
        capsys, "eval", "--engine", "rules", "--corpus", str(cases), "--report", str(tmp_path / "r.json"),
        "--junit", str(tmp_path / "r.xml"), "--markdown", str(tmp_path / "r.md"),
    )  # fmt: skip
    assert code == 0, err
    assert "fiction_veloria_rates" in out
