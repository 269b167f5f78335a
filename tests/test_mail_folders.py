"""Mail folders and what is named on the command line (issues 13 and 18).

An mbox of three messages and a Maildir of two from ``tests/mail/``; the
command-line cases run in process with click's ``CliRunner``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from followup_lint.checking.engine import Linter
from followup_lint.cli import cli
from followup_lint.core.errors import InputError
from followup_lint.draft.parsed import Draft
from followup_lint.reading.inputs import collect, read_sources

MAIL = Path(__file__).resolve().parent / "mail"
MAILDIR_CUR = "Maildir/cur/1762246800.M1P4242.laptop,S=612:2,DS"
MAILDIR_NEW = "Maildir/new/1762333200.M2P4242.laptop"
GOOD = "Hi Dana,\n\nThank you for the tour of the Acme depot on Tuesday.\n\nBest,\nSam\n"
PLACEHOLDER = "Hi Dana,\n\nThank you for the [Job Title] chat.\n\nBest,\nSam\n"


def run(*args: str, cwd: Path) -> Result:
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(cli, [*args, "--format", "text"], catch_exceptions=False)
    finally:
        os.chdir(old)


def positions(linter: Linter, *paths: str, codes: tuple[str, ...]) -> list[tuple[str, int, int,
                                                                                  str]]:
    results = list(linter.lint(read_sources(collect([str(MAIL / p) for p in paths]))))
    assert all(r.error is None for r in results), [r.error for r in results]
    return [(str(Path(f.path).relative_to(MAIL)), f.line, f.column, f.code)
            for r in results for f in r.findings if f.code in codes]


# -- mbox ----------------------------------------------------------------------------------

def test_mbox_messages_are_drafts_with_lines_in_the_mbox(linter: Linter) -> None:
    drafts = list(read_sources(collect([str(MAIL / "drafts.mbox")])))
    assert all(isinstance(d, Draft) for d in drafts)
    assert [(d.source, d.message, d.key) for d in drafts] == [  # type: ignore[union-attr]
        (str(MAIL / "drafts.mbox"), n, f"{MAIL / 'drafts.mbox'} message {n}") for n in (1, 2, 3)]
    assert positions(linter, "drafts.mbox", codes=("FL401", "FL402", "FL406")) == [
        ("drafts.mbox", 23, 22, "FL401"),  # message 2's subject
        ("drafts.mbox", 32, 59, "FL402"),  # ">From the loading dock": mbox quoting, not a quote
        ("drafts.mbox", 48, 1, "FL406"),  # message 3 repeats message 1 to someone else
    ]


def test_an_mbox_message_maps_lines_before_it_to_its_start() -> None:
    drafts = list(read_sources(collect([str(MAIL / "drafts.mbox")])))
    second = drafts[1]
    assert isinstance(second, Draft)
    assert second.lines.offset(1, 1) == 0  # a line of message 1: nothing of message 2
    assert second.lines.position(0) == (21, 1)  # its first header, after its "From " line


def test_cross_draft_findings_name_the_message(linter: Linter) -> None:
    results = list(linter.lint(read_sources(collect([str(MAIL / "drafts.mbox")]))))
    (reused,) = [f for r in results for f in r.findings if f.code == "FL406"]
    assert reused.message.startswith(
        f"This body is 100% the same as {MAIL / 'drafts.mbox'} message 1 (2026-11-04 09:00)")
    assert [f.code for f in results[2].findings if f.code == "FL406"] == ["FL406"]


def test_thunderbird_mbox_without_an_ending_is_found_by_its_first_line(
        linter: Linter, tmp_path: Path) -> None:
    shutil.copy(MAIL / "drafts.mbox", tmp_path / "Drafts")
    drafts = list(read_sources(collect([str(tmp_path / "Drafts")])))
    assert [d.message for d in drafts] == [1, 2, 3]  # type: ignore[union-attr]


def test_a_broken_message_in_an_mbox_is_one_error_and_the_rest_are_linted(
        tmp_path: Path) -> None:
    good = "From: Sam <sam@example.com>\nSubject: Thanks\n\nThank you for the [Job Title] chat.\n"
    (tmp_path / "box.mbox").write_text(
        f"From sam Wed Nov  4 09:00:00 2026\n{good}\nFrom sam Thu Nov  5 09:00:00 2026\n"
        "just words, no headers at all\n")
    result = run("box.mbox", "--select", "FL401", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stdout.split(" ")[:2] == ["box.mbox:5:19:", "FL401"]
    assert result.stderr == ("followup-lint: box.mbox message 2: is not an email: no blank line "
                             "after the headers\n")


def test_an_empty_mbox_is_nothing_and_a_text_file_named_mbox_is_an_error(
        tmp_path: Path) -> None:
    (tmp_path / "empty.mbox").write_text("")
    (tmp_path / "notes.mbox").write_text("Thank you for the chat.\n")
    result = run("empty.mbox", "notes.mbox", cwd=tmp_path)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ('followup-lint: notes.mbox: is not an mbox: its first line is not '
                             'a "From " line; export the folder again as mbox\n')


def test_an_mbox_on_standard_input_asks_for_the_file(tmp_path: Path) -> None:
    data = (MAIL / "drafts.mbox").read_bytes()
    from followup_lint.reading.mailboxes import mbox_drafts

    (error,) = list(mbox_drafts("-", None, data))
    assert isinstance(error, InputError)
    assert str(error) == "-: is an mbox; name the file instead of piping it"


# -- Maildir -------------------------------------------------------------------------------

def test_maildir_messages_are_drafts_named_by_their_files(linter: Linter) -> None:
    assert positions(linter, "Maildir", codes=("FL401", "FL402")) == [
        (MAILDIR_CUR, 8, 36, "FL401"), (MAILDIR_NEW, 3, 21, "FL402")]


def test_a_maildir_inside_a_folder_is_read_as_one(linter: Linter, tmp_path: Path) -> None:
    shutil.copytree(MAIL / "Maildir", tmp_path / "Mail" / "Drafts")
    (tmp_path / "Mail" / "note.txt").write_text(PLACEHOLDER)
    names = [Path(s.name).relative_to(tmp_path).as_posix() for s in collect([str(tmp_path)])]
    assert names == ["Mail/Drafts/cur/1762246800.M1P4242.laptop,S=612:2,DS",
                     "Mail/Drafts/new/1762333200.M2P4242.laptop", "Mail/note.txt"]


def test_mail_folders_through_the_command_line() -> None:
    result = run("drafts.mbox", "Maildir", "--select", "FL401", cwd=MAIL)
    assert result.exit_code == 1, result.stderr
    assert [line.split(" ")[0] for line in result.stdout.splitlines()] == [
        f"{MAILDIR_CUR}:8:36:", "drafts.mbox:23:22:"]


# -- folders: encodings, binaries and files that are not drafts ------------------------------

def test_utf16_with_bom_inside_a_folder_is_linted(tmp_path: Path) -> None:
    (tmp_path / "u16.txt").write_bytes("\ufeff".encode("utf-16-le")
                                       + PLACEHOLDER.encode("utf-16-le"))
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = run(".", "--select", "FL401", cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (1, "")
    assert [line.split(" ")[:2] for line in result.stdout.splitlines()] == [
        ["u16.txt:3:19:", "FL401"]]


def test_unsupported_files_named_directly_say_what_to_do(tmp_path: Path) -> None:
    for name in ("draft.docx", "draft.pdf", "draft.html", "draft.rtf"):
        (tmp_path / name).write_bytes(b"PK\x03\x04 not text")
    (tmp_path / "ok.txt").write_text(PLACEHOLDER)
    result = run("draft.docx", "draft.pdf", "draft.html", "draft.rtf", "ok.txt", "--select",
                 "FL401", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stdout.startswith("ok.txt:3:19: FL401")
    save = "; save the draft as plain text (.txt) or as an email (.eml) and lint that"
    assert result.stderr.splitlines() == [
        f"followup-lint: draft.docx: is a Word document, which followup-lint cannot read{save}",
        f"followup-lint: draft.html: is an HTML file, which followup-lint cannot read{save}",
        f"followup-lint: draft.pdf: is a PDF, which followup-lint cannot read{save}",
        f"followup-lint: draft.rtf: is a rich-text file, which followup-lint cannot read{save}",
    ]


def test_a_folder_with_no_drafts_says_nothing_was_linted(tmp_path: Path) -> None:
    (tmp_path / "cv").mkdir()
    (tmp_path / "cv" / "letter.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "empty").mkdir()
    result = run("cv", "empty", cwd=tmp_path)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        "followup-lint: cv: has no drafts to lint (no .txt, .md, .eml, .mbox files); it holds "
        ".docx files; save the draft as plain text (.txt) or as an email (.eml) and lint that",
        "followup-lint: empty: has no drafts to lint (no .txt, .md, .eml, .mbox files)",
    ]


# -- a broken header never aborts the run (issue 18) ----------------------------------------

@pytest.mark.parametrize("header", ["To: dana@", 'To:"', "From::;a"])
def test_a_half_typed_address_does_not_abort_the_run(tmp_path: Path, header: str) -> None:
    (tmp_path / "ok.txt").write_text(PLACEHOLDER)
    (tmp_path / "x.eml").write_text(f"{header}\nSubject: Thanks for the tour\n\n{GOOD}")
    result = run("ok.txt", "x.eml", "--select", "FL401", cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (1, "")
    assert [line.split(" ")[0] for line in result.stdout.splitlines()] == ["ok.txt:3:19:"]


# -- paths are checked by the linter, not by click (issue 18) --------------------------------

@pytest.fixture
def locked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """locked.txt cannot be read (as root, permissions are not enforced: the OS is simulated)."""
    (tmp_path / "locked.txt").write_text(PLACEHOLDER)
    (tmp_path / "ok.txt").write_text(PLACEHOLDER)
    real_access, real_open = os.access, Path.open

    def access(path: object, mode: int, *args: object, **kwargs: object) -> bool:
        return False if str(path).endswith("locked.txt") else real_access(path, mode)  # type: ignore[arg-type]

    def open_(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    monkeypatch.setattr(Path, "open", open_)
    return tmp_path


def test_an_unreadable_named_file_is_one_line_and_the_others_are_linted(locked: Path) -> None:
    result = run("locked.txt", "ok.txt", "--select", "FL401", cwd=locked)
    assert result.exit_code == 2
    assert result.stderr == "followup-lint: locked.txt: permission denied\n"
    assert [line.split(" ")[0] for line in result.stdout.splitlines()] == ["ok.txt:3:19:"]


def test_report_names_an_unreadable_file_too(locked: Path) -> None:
    old = Path.cwd()
    os.chdir(locked)
    try:
        result = CliRunner().invoke(cli, ["report", "locked.txt", "ok.txt", "-o", "r.html"],
                                    catch_exceptions=False)
    finally:
        os.chdir(old)
    assert result.exit_code == 2
    assert "followup-lint: locked.txt: permission denied\n" in result.stderr
    assert "ok.txt" in (locked / "r.html").read_text()
