"""--fix, --diff and --unsafe-fixes: every encoding and line ending the reader supports."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from click.testing import CliRunner

from followup_lint.cli import cli
from followup_lint.output.fixes import apply_fixes, encode_like

DRAFT = ("Subject: Thank you - analyst interview\n\nHi Dana,\n\nThank you for the the interview "
         "about the SQL roadmap. I am SO excited!! I would welcome the oppurtunity to help.\n\n"
         "Best,\nSam\n")
SAFE = DRAFT.replace("the the", "the").replace("SO excited!!", "so excited!")
UNSAFE = SAFE.replace("oppurtunity", "opportunity")

ENCODINGS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8-bom": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "utf-16-le": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    "utf-16-be": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
}
NEWLINES = {"lf": "\n", "crlf": "\r\n"}
CASES = [(e, n, ext) for e in ENCODINGS for n in NEWLINES for ext in (".txt", ".md", ".eml")]
EMAIL_HEAD = "From: Sam <sam@example.com>\nTo: Dana <dana@example.com>\n"


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--format", "text", *args], input=stdin)
    return result.exit_code, result.stdout_bytes.decode(), result.stderr


def write(tmp_path: Path, encoding: str, newline: str, ext: str = ".txt",
          text: str = DRAFT) -> Path:
    path = tmp_path / f"draft{ext}"
    path.write_bytes(ENCODINGS[encoding](_as(ext, text).replace("\n", NEWLINES[newline])))
    return path


def _as(ext: str, text: str) -> str:
    """Return the draft as a file of that kind: an email gets headers before its subject."""
    return EMAIL_HEAD + text if ext == ".eml" else text


@pytest.mark.parametrize(("encoding", "newline", "ext"), CASES)
def test_fix_keeps_encoding_and_line_endings(tmp_path: Path, encoding: str, newline: str,
                                             ext: str) -> None:
    path = write(tmp_path, encoding, newline, ext)
    code, out, err = run("--fix", "--select", "FL402,FL601,FL602", str(path))
    assert path.read_bytes() == ENCODINGS[encoding](_as(ext, SAFE).replace("\n",
                                                                            NEWLINES[newline]))
    assert "Fixed 3 findings in 1 draft." in err
    # What is left: the guessed spelling, which needs --unsafe-fixes.
    assert [line.split(": ", 1)[1][:5] for line in out.splitlines()] == ["FL601"]
    assert code == 1


@pytest.mark.parametrize(("encoding", "newline", "ext"), CASES)
def test_diff_prints_the_change_and_leaves_the_file_alone(tmp_path: Path, encoding: str,
                                                          newline: str, ext: str) -> None:
    path = write(tmp_path, encoding, newline, ext)
    before = path.read_bytes()
    code, out, err = run("--diff", "--unsafe-fixes", "--select", "FL402,FL601,FL602",
                         str(path))
    assert path.read_bytes() == before
    eol = NEWLINES[newline]
    first = 4 if ext == ".eml" else 2
    assert out.splitlines(keepends=True)[:3] == [f"--- a/{path}\n", f"+++ b/{path}\n",
                                                 f"@@ -{first},7 +{first},7 @@\n"]
    assert f"-{DRAFT.splitlines()[4]}{eol}" in out
    assert f"+{UNSAFE.splitlines()[4]}{eol}" in out
    assert code == 1 and "Would fix 4 findings in 1 draft." in err


def test_unsafe_fixes_apply_the_guessed_spelling(tmp_path: Path) -> None:
    path = write(tmp_path, "utf-8", "lf")
    code, out, _ = run("--fix", "--unsafe-fixes", "--select", "FL402,FL601,FL602", str(path))
    assert path.read_text() == UNSAFE
    assert (code, out) == (0, "")


def test_nothing_to_fix_exits_zero_and_writes_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, "utf-16-le", "crlf", text=UNSAFE)
    before = path.read_bytes()
    assert run("--diff", "--select", "FL402,FL601,FL602", str(path)) == (0, "", "")
    assert run("--fix", "--select", "FL402,FL601,FL602", str(path)) == (0, "", "")
    assert path.read_bytes() == before


def test_diff_reads_standard_input_and_fix_refuses_it() -> None:
    code, out, _ = run("--diff", "--select", "FL602", "-", stdin="Thank you for the the chat.\n")
    assert code == 1 and "+Thank you for the chat.\n" in out
    code, _, err = run("--fix", "-", stdin="Thank you.\n")
    assert code == 2 and "--fix cannot rewrite standard input" in err


def test_an_unreadable_draft_is_named_and_the_others_are_fixed(tmp_path: Path) -> None:
    good = write(tmp_path, "utf-8", "lf")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Thank you \xc3\x28 for the chat.\n")
    code, _, err = run("--fix", "--select", "FL602", str(bad), str(good))
    assert code == 2 and err.count(f"followup-lint: {bad}:") == 1
    assert "the the" not in good.read_text()


def test_overlapping_fixes_take_the_first_and_keep_the_rest_for_later(lint) -> None:
    text = "Thank you for the interview!!?? It was great.\n"
    findings = lint(text, codes=("FL102", "FL402"))
    fixed, applied = apply_fixes(text, findings)
    assert applied >= 1 and fixed.count("?") + fixed.count("!") < 4


def test_encode_like_keeps_the_byte_order_mark() -> None:
    for encode in ENCODINGS.values():
        original = encode("Hi\r\n")
        assert encode_like("Hi there\r\n", original) == encode("Hi there\r\n")


def test_a_binary_file_in_a_drafts_folder_is_skipped_as_when_linting(tmp_path: Path) -> None:
    write(tmp_path, "utf-8", "lf")
    (tmp_path / "logo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    code, _, err = run("--fix", "--select", "FL602", str(tmp_path))
    assert (code, err) == (0, "Fixed 1 finding in 1 draft.\n")
