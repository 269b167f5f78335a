"""The cross-draft rules over a folder of dated drafts, and how the engine runs them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from followup_lint.checking.cross_draft import fingerprint, similarity
from followup_lint.checking.engine import BATCH_SIZE, Linter
from followup_lint.checking.registry import Registry
from followup_lint.draft.parsed import Draft
from followup_lint.reading.inputs import collect, read_sources
from followup_lint.reading.reader import read_draft

from .conftest import DRAFTS

TIMELINE = DRAFTS / "timeline"
CROSS = ("FL406", "FL501", "FL502", "FL503")


@pytest.fixture(scope="module")
def timeline(linter: Linter) -> list[tuple[str, int, int, str, str]]:
    results = list(linter.lint(read_sources(collect([str(TIMELINE)]))))
    assert all(r.error is None for r in results)
    return [(Path(f.path).name, f.line, f.column, f.code, f.message)
            for r in results for f in r.findings if f.code in CROSS]


def test_exact_cross_draft_findings(timeline) -> None:
    assert [row[:4] for row in timeline] == [
        ("a2-dana-early.md", 4, 7, "FL502"),
        ("a3-dana-third.md", 4, 7, "FL503"),
        ("c1-maria-copy.md", 10, 1, "FL406"),
    ]


def test_findings_name_the_other_draft_and_its_date(timeline) -> None:
    messages = {row[3]: row[4] for row in timeline}
    assert messages["FL502"] == (
        f"This check-in to Dana Cho goes out 2 days after your last email, "
        f"{TIMELINE / 'a1-dana-thanks.md'} (2026-11-04 09:15); give them about 7 days.")
    assert (f"earlier: {TIMELINE / 'a1-dana-thanks.md'} (2026-11-04 09:15), "
            f"{TIMELINE / 'a2-dana-early.md'} (2026-11-06 10:00)") in messages["FL503"]
    assert messages["FL406"].startswith("This body is ")
    assert f"the same as {TIMELINE / 'a1-dana-thanks.md'} (2026-11-04 09:15)" in messages["FL406"]


def test_what_stays_silent(timeline) -> None:
    flagged = {row[0] for row in timeline}
    # undated (a4), a week later (b2), another writer to the same recruiter (d1), a new
    # interview round (e3), and a draft with no metadata at all (f1).
    assert not flagged & {"a4-dana-undated.md", "b2-lee-week-later.md", "d1-other-writer.md",
                          "e2-omar-check-in.md", "e3-omar-second-round.md",
                          "f1-no-metadata.txt", "a1-dana-thanks.md", "b1-lee-thanks.md"}


def test_cli_output_stays_sorted_by_path_line_column(cli) -> None:
    result = cli(str(TIMELINE))
    assert result.returncode == 1, result.stderr
    keys = [(ln.split(":")[0], int(ln.split(":")[1]), int(ln.split(":")[2]))
            for ln in result.stdout.splitlines()]
    assert keys == sorted(keys)
    assert any(":4:7: FL502 " in ln for ln in result.stdout.splitlines())


def test_a_third_email_after_a_second_interview_is_not_too_many(lint_run) -> None:
    def draft(date: str, interview: str, body: str) -> str:
        return (f"---\nto: omar@example.com\ninterview_date: {interview}\ndate: {date}\n---\n"
                f"Hi Omar,\n\n{body}")
    thanks = "Thank you for the store walk and the talk about the self-checkout queue."
    check = "I'm checking in on the Store Lead role."
    drafts = {"1.md": draft("2026-11-02", "2026-11-02", thanks),
              "2.md": draft("2026-11-10", "2026-11-02", check),
              "3.md": draft("2026-11-20", "2026-11-20", thanks)}
    assert lint_run(drafts, codes=("FL503",)) == []
    drafts["3.md"] = draft("2026-11-20", "2026-11-02", check)
    assert [f.path for f in lint_run(drafts, codes=("FL503",))] == ["3.md"]


def test_reused_draft_needs_different_recipients(lint_run, registry: Registry) -> None:
    rule = registry.rules["FL406"]
    dana, maria = rule.examples.flags[0]
    assert [f.path for f in lint_run({"a.md": dana, "b.md": maria}, codes=("FL406",))] == ["b.md"]
    assert lint_run({"a.md": dana, "b.md": dana}, codes=("FL406",)) == []
    no_meta = [text.split("---\n", 2)[2] for text in (dana, maria)]  # greetings still differ
    assert [f.path for f in lint_run({"a.txt": no_meta[0], "b.txt": no_meta[1]},
                                     codes=("FL406",))] == ["b.txt"]


def words(text: str) -> list[str]:
    return text.split()


def test_fingerprints_ignore_swapped_names_but_not_rewrites() -> None:
    one = words("Thanks Dana for the talk about the Acme depot and the Monday backlog we fixed")
    two = words("Thanks Maria for the talk about the Globex depot and the Monday backlog we fixed")
    other = words("I enjoyed the tour of the warehouse and hearing how the night shift hands over")
    assert similarity(fingerprint(one), fingerprint(two)) == 1.0
    assert similarity(fingerprint(one), fingerprint(other)) == 0.0
    assert fingerprint(one) == fingerprint(list(one))  # stable, not salted per process


def test_streams_without_cross_draft_rules(registry: Registry) -> None:
    linter = Linter([registry.rules["FL402"]], lexicons=registry.lexicons)
    pulled: list[int] = []

    def drafts() -> Iterator[Draft]:
        for i in range(BATCH_SIZE + 8):
            pulled.append(i)
            yield read_draft(f"{i}.txt", b"Hi Dana,\n\nThank you!!")

    results = linter.lint(drafts())
    first = next(results)
    assert first.draft is not None and len(pulled) < BATCH_SIZE + 8  # spaCy reads one batch
    assert [f.code for f in first.findings] == ["FL402"]


def test_holds_only_findings_with_cross_draft_rules(registry: Registry) -> None:
    linter = Linter([registry.rules["FL402"], registry.rules["FL406"]],
                    lexicons=registry.lexicons)
    items = [read_draft(f"{i}.txt", b"Hi Dana,\n\nThank you!!") for i in range(3)]
    results = list(linter.lint(items))
    assert [r.source for r in results] == ["0.txt", "1.txt", "2.txt"]
    # Held results keep their draft's text (for suppressions) but never its parse.
    assert all(r.draft is not None and [f.code for f in r.findings] == ["FL402"]
               for r in results)
    assert all(item.doc is None for item in items)
