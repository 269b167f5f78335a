"""The full format's pieces: carets in terminal cells, colour choice, the summary line."""

from __future__ import annotations

import io
import re

import pytest

from followup_lint.cli import default_format
from followup_lint.core.findings import Finding, Severity
from followup_lint.output.formats import FullFormatter
from followup_lint.output.terminal import summary, underline, use_colour
from followup_lint.reading.reader import read_draft

from .conftest import DRAFTS


@pytest.mark.parametrize(("line", "start", "end", "shown", "carets"), [
    ("Please reply ASAP!!", 13, 17, "Please reply ASAP!!", "             ^^^^"),
    # a tab jumps to the next stop of four cells: "a" then three spaces
    ("a\tb ASAP", 4, 8, "a   b ASAP", "      ^^^^"),
    # a wide character and an emoji take two cells each
    ("日本 ok", 0, 1, "日本 ok", "^^"),
    ("Thanks!! 😊 x", 9, 10, "Thanks!! 😊 x", "         ^^"),
    ("日本 ok", 3, 5, "日本 ok", "     ^^"),
    # a combining accent takes no cell: "e" + U+0301 shows as one letter
    ("cafe\u0301 pilot", 6, 11, "cafe\u0301 pilot", "     ^^^^^"),
    # an empty span gets one caret where it sits; so does a span at the line's end
    ("ab", 0, 0, "ab", "^"),
    ("ab", 2, 2, "ab", "  ^"),
    ("ab", 2, 3, "ab", "  ^"),
    # a span that runs on past the line underlines to its end
    ("Dear team,", 5, 99, "Dear team,", "     ^^^^^"),
])
def test_carets_sit_under_the_exact_cells(line, start, end, shown, carets) -> None:
    assert underline(line, start, end, 80) == (shown, carets)


def test_a_long_line_is_windowed_around_the_span() -> None:
    line = "word " * 40 + "ASAP" + " more" * 20
    shown, carets = underline(line, 200, 204, 40)
    assert len(shown) == 40
    assert shown.startswith("…") and shown.endswith("…")
    assert shown[carets.index("^"):carets.index("^") + 4] == "ASAP"
    assert carets.strip() == "^^^^"


@pytest.mark.parametrize(("tty", "env", "expected"), [
    (True, {}, True),
    (False, {}, False),
    (True, {"NO_COLOR": "1"}, False),
    (False, {"FORCE_COLOR": "1"}, True),
    (True, {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),   # NO_COLOR wins
    (True, {"NO_COLOR": ""}, True),                         # empty means unset
    (True, {"TERM": "dumb"}, False),
])
def test_colour_honours_no_color_and_force_color(tty, env, expected) -> None:
    assert use_colour(tty, env) is expected


def test_full_is_the_default_only_on_a_terminal() -> None:
    assert default_format(True) == "full"
    assert default_format(False) == "text"


@pytest.mark.parametrize(("counts", "flagged", "total", "line"), [
    ({Severity.WARNING: 3, Severity.ERROR: 1}, 2, 5, "1 error, 3 warnings in 2 of 5 drafts."),
    ({Severity.WARNING: 1}, 1, 1, "1 warning in 1 of 1 draft."),
    ({Severity.INFO: 2}, 1, 3, "2 info findings in 1 of 3 drafts."),
    ({}, 0, 4, "No problems found in 4 drafts."),
])
def test_summary_line(counts, flagged, total, line) -> None:
    assert summary(counts, flagged, total) == line


def at(code: str, rule: str, severity: str, line: int, column: int, end_column: int,
       message: str, suggestion: str | None = None) -> Finding:
    """A synthetic finding: the formatter's output must not depend on what the rules say."""
    return Finding(path="crlf.eml", line=line, column=column, end_line=line,
                   end_column=end_column, code=code, rule=rule, severity=Severity(severity),
                   message=message, suggestion=suggestion)


def test_full_formatter_renders_a_crlf_email_with_tab_accent_and_emoji() -> None:
    draft = read_draft("crlf.eml", (DRAFTS / "crlf.eml").read_bytes())
    findings = [
        at("FL404", "weak-subject", "warning", 3, 10, 20, "The subject is weak.", "Name it."),
        at("FL402", "shouting", "warning", 3, 16, 18, '"!!" is shouting.'),
        at("FL402", "shouting", "warning", 3, 19, 20, "An emoji."),
        at("FL303", "missing-enthusiasm", "info", 8, 1, 61, "No interest stated.", "Say so."),
        at("FL102", "desperation", "warning", 8, 38, 60, "Pleading.", "Say what you bring."),
    ]
    out = io.StringIO()
    formatter = FullFormatter(out, colour=False, width=100)
    formatter.start()
    formatter.draft(findings, draft)
    formatter.draft([], None)  # a clean draft counts towards the summary
    formatter.finish()
    assert out.getvalue() == (
        # the emoji at the end of the subject takes two cells: 11 carets for 10 characters
        "crlf.eml:3:10: warning FL404 (weak-subject)\n"
        "  3 | Subject: Thanks!! 😊\n"
        "    |          ^^^^^^^^^^^\n"
        "  The subject is weak.\n"
        "  suggestion: Name it.\n"
        "\n"
        "crlf.eml:3:16: warning FL402 (shouting)\n"
        "  3 | Subject: Thanks!! 😊\n"
        "    |                ^^\n"
        '  "!!" is shouting.\n'
        "\n"
        "crlf.eml:3:19: warning FL402 (shouting)\n"
        "  3 | Subject: Thanks!! 😊\n"
        "    |                   ^^\n"
        "  An emoji.\n"
        "\n"
        # the tab shows as spaces to the next stop; the accents take one cell each
        "crlf.eml:8:1: info FL303 (missing-enthusiasm)\n"
        "  8 | Étienne said the café pilot is next. I really need this job.\n"
        "    | " + "^" * 60 + "\n"
        "  No interest stated.\n"
        "  suggestion: Say so.\n"
        "\n"
        "crlf.eml:8:38: warning FL102 (desperation)\n"
        "  8 | Étienne said the café pilot is next. I really need this job.\n"
        "    | " + " " * 37 + "^" * 22 + "\n"
        "  Pleading.\n"
        "  suggestion: Say what you bring.\n"
        "\n"
        "4 warnings, 1 info finding in 1 of 2 drafts.\n"
    )


def test_full_formatter_colours_severity_and_carets() -> None:
    text = b"Thank you for the tour of the Dayton plant!! Best, Sam"
    draft = read_draft("d.txt", text)
    findings = [Finding(path="d.txt", line=1, column=43, end_line=1, end_column=45, code="FL402",
                        rule="shouting", severity=Severity.WARNING, message="Shouting."),
                Finding(path="d.txt", line=1, column=1, end_line=1, end_column=55, code="FL303",
                        rule="missing-enthusiasm", severity=Severity.INFO, message="Say so.")]
    out = io.StringIO()
    formatter = FullFormatter(out, colour=True, width=100)
    formatter.draft(findings, draft)
    formatter.finish()
    text_out = out.getvalue()
    assert "\x1b[33m\x1b[1mwarning FL402\x1b[0m" in text_out     # yellow, bold
    assert re.search(r"\x1b\[33m\x1b\[1m +\^\^\x1b\[0m", text_out)  # carets in the same colour
    assert "\x1b[1m1 warning, 1 info finding in 1 of 1 draft.\x1b[0m\n" in text_out


def test_full_formatter_on_real_findings(linter) -> None:
    """With the real rules, each finding of a draft is rendered once, in order."""
    draft = read_draft("crlf.eml", (DRAFTS / "crlf.eml").read_bytes())
    (result,) = list(linter.lint([draft]))
    out = io.StringIO()
    formatter = FullFormatter(out, colour=False, width=100)
    formatter.draft(result.findings, result.draft)
    headers = [ln for ln in out.getvalue().splitlines() if ln.startswith("crlf.eml:")]
    assert headers == [f"crlf.eml:{f.line}:{f.column}: {f.severity.value} {f.code} ({f.rule})"
                       for f in result.findings]
