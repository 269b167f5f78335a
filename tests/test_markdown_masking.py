"""Markdown drafts: syntax masked from markdown-it-py's parse, offsets kept (issue 13)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from followup_lint.cli import cli
from followup_lint.core.findings import Finding
from followup_lint.reading.markdown import mask_markdown

DRAFT = """# Thank you, Dana ##

Thank **you** for the [depot demo](https://x.example/demo) and [the depot demo][1].
See <https://x.example/ASAP!!> or https://x.example/ASAP!! today.
My `code_here` and snake_case and *emphasis* and ~~gone~~ and \\*literal\\*.
The <Job Title> role and <b>bold</b>. <!-- followup-lint: disable FL402 -->

    indented code ASAP!!

| a | b |
|---|---|
| ASAP!! | c |

- item one
1. item two
Setext heading
--------------
---

[1]: https://x.example/demo "Title"
"""

#: The masked draft, line by line (trailing spaces dropped: masking leaves spaces there).
MASKED = [
    "  Thank you, Dana",
    "",
    "Thank   you   for the  depot demo" + " " * 26 + "and  the depot demo    .",
    "See " + " " * 26 + " or " + " " * 24 + " today.",
    "My             and snake_case and  emphasis  and   gone   and  *literal *.",
    "The <Job Title> role and    bold    .",
    "", "", "", "", "", "", "",
    "  item one",
    "   item two",
    "Setext heading",
    "", "", "", "", "",
]


def test_markdown_syntax_is_masked_and_offsets_are_kept() -> None:
    masked = mask_markdown(DRAFT)
    assert len(masked) == len(DRAFT)
    assert [line.rstrip() for line in masked.split("\n")] == MASKED


def test_content_that_cannot_be_aligned_stays_prose() -> None:
    """A tab inside a list item's indentation: the parser's content is not the file's."""
    text = "-\tone **two**\n"
    assert mask_markdown(text) == " \tone   two  \n"


@pytest.mark.parametrize(("text", "codes"), [
    ("Thank you for [the depot demo][1] on Tuesday.\n\n[1]: https://x.example/d\n", []),
    ("Thank you for the demo: https://x.example/ASAP!! was great.\n", []),
    ("Thank you for the demo.\n\n    ASAP!! please\n\n| a |\n|---|\n| ASAP!! |\n", []),
    ("Thank you for the <Job Title> interview.\n", [(1, 19, "FL401")]),
    ("Thank you for the `[Job Title]` and the [Job Title] chat.\n", [(1, 41, "FL401")]),
])
def test_markdown_findings(lint: Callable[..., list[Finding]], text: str,
                           codes: list[tuple[int, int, str]]) -> None:
    found = lint(text, "d.md", codes=("FL102", "FL401", "FL402"))
    assert [(f.line, f.column, f.code) for f in found] == codes


def test_html_comments_still_carry_directives(tmp_path: Path) -> None:
    (tmp_path / "d.md").write_text("Thank you for the demo!!\n"
                                   "<!-- followup-lint: disable FL402 -->\nIt was great!!\n")
    result = CliRunner().invoke(cli, [str(tmp_path / "d.md"), "--select", "FL402",
                                      "--format", "text"])
    assert result.exit_code == 1
    assert [line.split(" ")[:2] for line in result.stdout.splitlines()] == [
        [f"{tmp_path / 'd.md'}:1:23:", "FL402"]]
