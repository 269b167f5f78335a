"""Bad input, hostile rule packs, interrupts and pipes: one clear line, never a traceback."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest

from followup_lint.checking.packs import load_pack
from followup_lint.core.errors import InputError, PackError
from followup_lint.reading.inputs import Source, collect, read_sources

from .conftest import ROOT, console_script

GOOD = ("Hi Dana,\n\nThank you for the tour of the Dayton plant and line six.\n\n"
        "I would love to join the team and help with the line six rollout.\n\nBest,\nSam\n")
BAD = GOOD.replace("line six.", "line six. I really need this job.")


def write(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def only_error(result: subprocess.CompletedProcess[str], name: str, reason: str) -> None:
    assert result.returncode == 2
    assert result.stderr == f"followup-lint: {name}: {reason}\n"
    assert "Traceback" not in result.stderr


# --- bad inputs through the console script ---------------------------------

@pytest.mark.parametrize(("name", "content", "reason"), [
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks like a binary file, not a "
                                                         "text draft"),
    ("latin1.txt", "Café crème".encode("latin-1"), "is not valid UTF-8 (byte 3); save it as "
                                                   "UTF-8"),
    ("bad.md", "---\nto: [unclosed\n---\nHi\n", "has malformed front matter (line 3): "
                                                "expected ',' or ']', but got '<stream end>'"),
    ("bad.eml", "just words, no headers at all", "is not an email: no blank line after the "
                                                 "headers"),
    # A NUL byte anywhere in the first 8 KiB marks a binary file, even in otherwise good text.
    ("nul.txt", "Hi Dana,\n\nThank you\x00 for the tour.\n", "looks like a binary file, not "
                                                           "a text draft"),
    ("only-nul.txt", "\x00", "looks like a binary file, not a text draft"),
])
def test_bad_file_is_one_line_and_others_still_lint(cli, tmp_path: Path, name: str,
                                                    content: str | bytes, reason: str) -> None:
    write(tmp_path, {name: content, "ok.txt": BAD})
    result = cli(name, "ok.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == f"followup-lint: {name}: {reason}\n"
    assert result.stdout.startswith("ok.txt:3:")


def test_missing_path_and_folder_passed_as_file(cli, tmp_path: Path) -> None:
    write(tmp_path, {"ok.txt": GOOD})
    only_error(cli("nope.txt", "ok.txt", cwd=tmp_path), "nope.txt", "no such file or folder")


def test_binary_files_inside_a_folder_are_skipped(cli, tmp_path: Path) -> None:
    write(tmp_path, {"drafts/scan.txt": b"%PDF-1.7\n\x00\x01\x02", "drafts/ok.txt": BAD})
    result = cli("drafts", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (1, "")
    assert {line.split(":")[0] for line in result.stdout.splitlines()} == {"drafts/ok.txt"}


def test_huge_file_is_refused_and_the_limit_can_be_raised(cli, tmp_path: Path) -> None:
    write(tmp_path, {"huge.txt": GOOD + "word " * 240_000})
    only_error(cli("huge.txt", cwd=tmp_path), "huge.txt",
               "is too large to be an email draft (1,200,145 bytes, limit 1,000,000); raise the "
               "limit with --max-bytes if this is intended")
    result = cli("--max-bytes", "50", "--select", "FL401", "-", input=GOOD * 3)
    only_error(result, "-", "is too large to be an email draft (more than 50 bytes, limit 50); "
                            "raise the limit with --max-bytes if this is intended")


@pytest.mark.parametrize("text", ["", "   \n\t\n", "---\nto: Dana\n---\n",
                                  "Best regards,\nSam Lee\n555-0100\n", "\ufeff"])
def test_empty_or_hollow_drafts_never_crash(cli, tmp_path: Path, text: str) -> None:
    write(tmp_path, {"d.txt": text})
    result = cli("d.txt", cwd=tmp_path)
    assert result.returncode in (0, 1)
    assert result.stderr == ""


def test_utf16_and_bom_drafts_have_exact_positions(cli, tmp_path: Path) -> None:
    write(tmp_path, {"u16.txt": BAD.encode("utf-16"), "bom.txt": b"\xef\xbb\xbf" + BAD.encode()})
    result = cli("--select", "FL102", "u16.txt", "bom.txt", cwd=tmp_path)
    assert [line.split(" FL102")[0] for line in result.stdout.splitlines()] == [
        "bom.txt:3:58:", "u16.txt:3:58:"]


def test_symlink_loops_and_deep_folders(cli, tmp_path: Path) -> None:
    deep = tmp_path / "drafts" / "/".join(f"d{i}" for i in range(60))
    write(deep, {"ok.txt": BAD})
    (tmp_path / "drafts" / "d0" / "loop").symlink_to(tmp_path / "drafts", target_is_directory=True)
    result = cli("drafts", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert len(result.stdout.splitlines()) == 1


def test_unreadable_file_and_folder_in_process(monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    """As root (CI) permissions are not enforced, so the OS error is simulated."""
    write(tmp_path, {"locked.txt": GOOD, "ok.txt": GOOD})

    def denied(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return original(self, *args, **kwargs)

    original = Path.open
    monkeypatch.setattr(Path, "open", denied)
    results = list(read_sources(collect([str(tmp_path / "locked.txt"), str(tmp_path / "ok.txt")])))
    assert isinstance(results[0], InputError)
    assert str(results[0]) == f"{tmp_path / 'locked.txt'}: permission denied"
    assert results[1].source == str(tmp_path / "ok.txt")  # type: ignore[union-attr]

    monkeypatch.setattr(os, "scandir", _raise_permission)
    (error,) = collect([str(tmp_path)])
    assert error.problem == "permission denied"


def _raise_permission(path: object) -> object:
    raise PermissionError(13, "Permission denied", str(path))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file_through_the_cli(cli, tmp_path: Path) -> None:
    write(tmp_path, {"locked.txt": GOOD})
    (tmp_path / "locked.txt").chmod(0)
    only_error(cli("locked.txt", cwd=tmp_path), "locked.txt", "permission denied")


def test_malformed_config_is_one_line(cli, tmp_path: Path) -> None:
    write(tmp_path, {".followup-lint.toml": "select = [", "ok.txt": GOOD})
    result = cli("ok.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(f"followup-lint: {tmp_path / '.followup-lint.toml'}: "
                                    "invalid TOML")
    assert result.stderr.count("\n") == 1


def test_drafts_are_never_written(cli, tmp_path: Path) -> None:
    write(tmp_path, {"a.txt": BAD, "b.md": BAD, "c.eml": "To: d@example.com\n\n" + BAD})
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()}
    cli(".", cwd=tmp_path)
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()} == before


def test_output_does_not_depend_on_argument_order(cli, tmp_path: Path) -> None:
    write(tmp_path, {"b.txt": BAD, "a.txt": BAD, "sub/c.md": BAD})
    first = cli("b.txt", "sub", "a.txt", cwd=tmp_path).stdout
    second = cli("a.txt", "b.txt", "sub", "a.txt", cwd=tmp_path).stdout
    assert first == second
    assert [line.split(":")[0] for line in first.splitlines()] == ["a.txt", "b.txt", "sub/c.md"]


# --- hostile and sloppy rule packs -------------------------------------------

def test_a_catastrophic_regex_cannot_hang_the_linter(cli, tmp_path: Path) -> None:
    pack = ("pack: slow\nrules:\n  - code: XT900\n    name: slow-pattern\n    group: form\n"
            "    summary: A pattern that backtracks forever.\n    message: 'slow'\n"
            "    cues:\n      - id: backtrack\n        regex: ['(a|aa)+$']\n")
    # 150 letters: under the 200 characters a run may have before spaCy is spared it.
    write(tmp_path, {"slow.yaml": pack, "d.txt": "a" * 150 + "!\n", "ok.txt": GOOD})
    result = cli("--rules", "slow.yaml", "--select", "XT900", "d.txt", "ok.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "followup-lint: d.txt: slow.yaml: rule XT900 (slow-pattern): cue 'backtrack': "
        "regular expression '(a|aa)+$' took longer than the 1 s a draft has for pattern "
        "matching; simplify the pattern\n")


def test_a_pack_cannot_run_code(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    (tmp_path / "evil.yaml").write_text(
        f"pack: evil\nrules: !!python/object/apply:os.system ['touch {marker}']\n")
    with pytest.raises(PackError, match="invalid YAML"):
        load_pack(tmp_path / "evil.yaml")
    assert not marker.exists()


@pytest.mark.parametrize(("entry", "fault"), [
    ("  - code: FL9\n    name: x\n    group: tone\n    summary: s\n    message: m\n"
     "    cues: [{phrases: [a]}]\n", "rule FL9: 'code' must look like FL123"),
    ("  - code: XT101\n    name: x\n    group: tone\n    summary: s\n    message: m\n"
     "    cues: [{phrase: [a]}]\n", "rule XT101 (x): cue 1: unknown key 'phrase'"),
    ("  - code: XT101\n    name: x\n    group: tone\n    summary: s\n    message: m\n"
     "    cues: [{id: c, regex: ['(']}]\n", "rule XT101 (x): cue 'c': invalid regular expression"),
    ("  - code: XT101\n    name: x\n    group: tone\n    summary: s\n    message: m\n",
     "rule XT101: missing required key 'cues'"),
    ("  - code: XT101\n    name: x\n    group: mood\n    summary: s\n    message: m\n"
     "    cues: [{phrases: [a]}]\n", "rule XT101: 'group' must be one of"),
])
def test_invalid_pack_entries_name_file_entry_and_fault(cli, tmp_path: Path, entry: str,
                                                        fault: str) -> None:
    (tmp_path / "p.yaml").write_text("pack: p\nrules:\n" + entry)
    with pytest.raises(PackError, match=re.escape(f"p.yaml: {fault}")):
        load_pack(tmp_path / "p.yaml")
    result = cli("--rules", "p.yaml", "--list-rules", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("followup-lint: p.yaml: ")
    assert result.stderr.count("\n") == 1


def test_an_invalid_token_pattern_names_its_cue(cli, tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(
        "pack: p\nrules:\n  - code: XT101\n    name: x\n    group: tone\n    summary: s\n"
        "    message: m\n    cues: [{id: c, patterns: [[{LOWERR: a}]]}]\n")
    write(tmp_path, {"ok.txt": GOOD})
    result = cli("--rules", "p.yaml", "ok.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(
        "followup-lint: p.yaml: rule XT101 (x): cue 'c' has an invalid token pattern: ")


# --- interrupts and pipes ---------------------------------------------------

def test_ctrl_c_exits_130_without_a_traceback(tmp_path: Path) -> None:
    write(tmp_path, {f"d{i:03}.txt": BAD for i in range(300)})
    proc = subprocess.Popen([console_script(), str(tmp_path)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    time.sleep(1.0)  # interrupt wherever it happens to be: loading or linting
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err == "followup-lint: interrupted\n"


# --- any text at all --------------------------------------------------------

def test_positions_round_trip_on_a_known_tricky_draft(lint) -> None:
    text = "Hi Dana,\r\n\r\n\U0001F600 שלום e\u0301\tI really need this job!!\r\n"
    found = lint(text, codes=("FL102", "FL402"))
    spans = [(f.line, f.column, f.end_column) for f in found]
    line = text.split("\n")[2]
    for _, col, end in spans:
        assert line[col - 1 : end - 1] in ("I really need this job", "!!", "\U0001F600")
    assert len(spans) == 3


def test_source_problem_is_reported_not_raised() -> None:
    (item,) = read_sources([Source("x", None, problem="no such file or folder")])
    assert isinstance(item, InputError)


def test_examples_folder_still_lints(cli) -> None:
    assert cli("examples", cwd=ROOT).returncode == 1


def test_built_in_packs_read_the_same_with_and_without_libyaml() -> None:
    """Packs load with libyaml when it is there; both parsers must agree on every pack."""
    import yaml

    from followup_lint.checking.packs import _PackLoader
    from followup_lint.checking.registry import builtin_packs_dir

    class PurePython(yaml.SafeLoader):
        yaml_implicit_resolvers = _PackLoader.yaml_implicit_resolvers

    for pack in sorted(builtin_packs_dir().glob("*.yaml")):
        text = pack.read_text(encoding="utf-8")
        assert yaml.load(text, Loader=_PackLoader) == yaml.load(text, Loader=PurePython), pack
