"""Hostile and odd input (issue 17): one line on stderr, never a traceback, a hang or a bomb.

The command-line cases run the INSTALLED console script, each process under a
1 GB address-space limit (``RLIMIT_AS``, and its peak RSS checked after) and a
timeout of 10 s per case plus 20 s to start (spaCy's load on a busy machine):
bounds that catch a bomb or a quadratic blow-up, not speed targets. To keep the suite
fast, every case that only needs "exit 2 for that input, the others linted" is
one input of one batch run, beside a normal draft; per-folder configuration
files let one run hold many broken configurations and packs. Only what needs a
process of its own (closed or full output, the terminal's encoding, Ctrl-C to
a ``--jobs`` process group, ``--rules`` itself) gets one.

The in-process half fuzzes drafts, front matter, rule packs and configurations
(hypothesis, derandomized), feeds every regular expression that sees draft text
200 KB of pathological input, and times the two drafts the issue found slow.
"""

from __future__ import annotations

import io
import json
import os
import re
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT, console_script

MEMORY_LIMIT = 1 << 30  # bytes of address space per process
SECONDS_PER_CASE = 10
#: Once per process on top: importing spaCy and loading the model on a loaded 2-core machine.
STARTUP_SECONDS = 20
GOOD = (ROOT / "examples" / "needs-work.txt").read_text(encoding="utf-8")
#: What GOOD is flagged for (FL402, a cheap rule, in the runs that select it).
GOOD_FL402 = [(7, 24, 7, 26), (7, 32, 7, 34)]
LATIN1_NAME = b"caf\xe9.txt"  # a file name that is not UTF-8
SHOWN_LATIN1_NAME = "caf?.txt"  # its bytes cannot be shown, so they are written as '?'
#: A draft whose findings quote words no ASCII terminal shows (FL602, a doubled word).
NON_ASCII = GOOD.replace("the Q3 churn case study", "the café café study of Łódź Łódź")


def _limit_memory(close_stdin: bool = False) -> Callable[[], None]:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        if close_stdin:
            os.close(0)
    return limit


def run(args: list[str], cwd: Path, cases: int = 1, env: dict[str, str] | None = None,
        close_stdin: bool = False, stdout: Any = subprocess.PIPE, encoding: str = "utf-8",
        ) -> subprocess.CompletedProcess[str]:
    """Run the installed command under the memory limit and SECONDS_PER_CASE per case."""
    timeout = STARTUP_SECONDS + SECONDS_PER_CASE * cases
    peak_before = _children_peak_rss()
    result = subprocess.run(
        [console_script(), "--no-cache", *args], cwd=cwd, stdout=stdout, stderr=subprocess.PIPE,
        stdin=None if close_stdin else subprocess.DEVNULL, encoding=encoding,
        env={**os.environ, **(env or {})}, timeout=timeout,
        preexec_fn=_limit_memory(close_stdin))
    assert "Traceback" not in result.stderr, result.stderr
    peak = _children_peak_rss()
    assert peak == peak_before or peak < MEMORY_LIMIT, f"{peak:,} bytes resident"
    return result


def _children_peak_rss() -> int:
    """The largest resident size any finished child reached (a new peak is this run's)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # KiB on Linux


def assert_inside_lines(findings: list[dict[str, Any]], root: Path,
                        names: dict[str, bytes] | None = None) -> None:
    """Every finding starts and ends inside its line: not past its end, never after a CR."""
    for f in findings:
        path = root / (names or {}).get(f["path"], f["path"].encode()).decode("utf-8",
                                                                               "surrogateescape")
        lines = re.split(r"\r\n|\r|\n", path.read_bytes().decode("utf-8", "replace"))
        for line, column in ((f["line"], f["column"]), (f["end_line"], f["end_column"])):
            assert 1 <= line <= len(lines), f
            assert 1 <= column <= len(lines[line - 1]) + 1, f
        assert (f["line"], f["column"]) <= (f["end_line"], f["end_column"]), f


# --- the inputs ---------------------------------------------------------------

def _bomb(key: str, indent: str = "") -> str:
    """Nine levels of nine aliases each: a few hundred bytes that expand to 387 million values.

    The loader refuses it at the seventh level, the first over a million characters.
    """
    lines = [f'{indent}l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"{indent}l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 9)]
    return "\n".join(lines) + f"\n{indent}{key}: *l8\n"


def _pack(extra: str = "", message: str = "m") -> str:
    return ("pack: p\nrules:\n  - code: XT101\n    name: x\n    group: tone\n    summary: s\n"
            f"    message: {message}\n    cues: [{{phrases: [tour]}}]\n{extra}")


#: Drafts that cannot be linted: file name → content (None: a FIFO is made there).
BAD_DRAFTS: dict[str, str | bytes | None] = {
    "bomb-to.md": "---\n" + _bomb("to") + "---\n" + GOOD,
    "bomb-subject.md": "---\n" + _bomb("subject") + "---\n" + GOOD,
    "bomb-kind.md": "---\n" + _bomb("kind") + "---\n" + GOOD,
    "digits.md": "---\nto: " + "9" * 5000 + "\n---\n" + GOOD,
    "deep-flow.md": "---\nto: " + "[" * 2000 + "]" * 2000 + "\n---\n" + GOOD,
    "deep-block.md": "---\n" + "".join("  " * i + f"k{i}:\n" for i in range(200)) + "---\n" + GOOD,
    "huge.txt": "Hi Dana,\n\n" + "Thank you for the tour. " * 41_667 + "\n",  # over 1,000,000
    "fifo.txt": None,
}
#: Drafts that are odd but fine: linted, with every finding inside its line.
ODD_DRAFTS: dict[str, str | bytes] = {
    "brackets.md": "[" * 32_000 + "]" * 32_000 + "\n",  # 64 KB of nested brackets
    "spaces.txt": "Subject: " + " " * 200_000 + "x\n\n" + GOOD,  # a 200 KB subject line
    "cut-header.eml": "From: =?utf-8?q?=E2=80?= <\nTo: dana@\nSubject: Hi\n\n" + GOOD,
    "odd-header.eml": 'From: "a" <<>> , @@, ;;; =?x?\nTo: ,,,\nSubject: Hi\n\n' + GOOD,
    "crlf.txt": "Hi Dana,\r\n\r\nI am writing about the role.\r\n\r\nBest,\r\nSam\r\n",
    "good.txt": GOOD,
}
#: Folders whose configuration file (or the pack it names) is broken: folder → files.
BAD_CONFIGS: dict[str, dict[str, str | bytes | None]] = {
    "cfg-dev-zero": {".followup-lint.toml": 'rules = ["/dev/zero"]\n'},
    "cfg-dev-zero-text": {".followup-lint.toml": 'rules = "/dev/zero"\n'},
    "cfg-fifo-pack": {".followup-lint.toml": 'rules = ["pack.yaml"]\n', "pack.yaml": None},
    "cfg-binary": {".followup-lint.toml": b"\x00\x01\x02\xff binary"},
    "cfg-latin1": {".followup-lint.toml": 'select = ["café"]\n'.encode("latin-1")},
    "cfg-digits": {".followup-lint.toml": "[rules.too-long]\nmax-words = " + "9" * 5000},
    "cfg-deep": {".followup-lint.toml": "select = " + "[" * 3000 + "]" * 3000 + "\n"},
    "pack-bomb": {"pack.yaml": "pack: p\nlexicons:\n" + _bomb("words", "  ")},
    "pack-digits": {"pack.yaml": "pack: p\nlexicons:\n  x: [" + "9" * 5000 + "]\n"},
    "pack-threshold": {"pack.yaml": _pack("    threshold: high\n")},
    "pack-needs": {"pack.yaml": _pack("    needs: 3\n")},
    "pack-examples": {"pack.yaml": _pack("    examples: flags\n")},
    "pack-why": {"pack.yaml": _pack("    why: 42\n")},
    "pack-null-item": {"pack.yaml": "pack: p\nlexicons:\n  words: [a, null]\n"},
    "pack-int-item": {"pack.yaml": "pack: p\nlexicons:\n  words: [a, 7]\n"},
    "pack-field": {"pack.yaml": _pack(message="'{matched} is bad'")},
    "pack-open-brace": {"pack.yaml": _pack(message="'{match is bad'")},
    "pack-close-brace": {"pack.yaml": _pack(message="'match} is bad'")},
    "pack-format-spec": {"pack.yaml": _pack(message="'{match:>>>} is bad'")},
}
_TEMPLATE = "(write {{ and }} for a literal brace)"
_ITEM = "every item must be a word or phrase (quote numbers: '2026'), or every item a cue mapping"
#: The one line each bad input gives ({root} is the run's folder).
EXPECTED = {
    **{f"bomb-{key}.md": "has malformed front matter (line 7): expands (with its aliases) to "
       "more than 1,000,000 characters; write the values out" for key in ("to", "subject")},
    "bomb-kind.md": "has malformed front matter (line 7): expands (with its aliases) to more "
                    "than 1,000,000 characters; write the values out",
    "digits.md": "has malformed front matter (line 2): has an integer of more than 100 digits",
    "deep-flow.md": "has malformed front matter: nests deeper than 50 levels",
    "deep-block.md": "has malformed front matter (line 52): nests deeper than 50 levels",
    "huge.txt": "is too long to check (1,000,019 characters; the language model takes at most "
                "1,000,000); split it into smaller drafts",
    "fifo.txt": "is a named pipe (FIFO), not a regular file; only regular files are read",
    "-": "standard input is closed; give the draft a file name",
    # cfg-dev-zero is reported as the pack it names: /dev/zero, below.
    "{root}/cfg-dev-zero-text/.followup-lint.toml": "'rules' must be a list of rule pack paths, "
                                                    "or a table of per-rule options (and "
                                                    "'packs')",
    "/dev/zero": "is a device, not a regular file; only regular files are read",
    "{root}/cfg-fifo-pack/pack.yaml": "is a named pipe (FIFO), not a regular file; only "
                                      "regular files are read",
    "{root}/cfg-binary/.followup-lint.toml": "is not UTF-8 text (byte 3); save it as UTF-8",
    "{root}/cfg-latin1/.followup-lint.toml": "is not UTF-8 text (byte 14); save it as UTF-8",
    "{root}/cfg-digits/.followup-lint.toml": "has an integer of more than 100 digits",
    "{root}/cfg-deep/.followup-lint.toml": "nests deeper than 50 levels",
    "{root}/pack-bomb/pack.yaml": "invalid YAML at line 8: expands (with its aliases) to more "
                                  "than 1,000,000 characters; write the values out",
    "{root}/pack-digits/pack.yaml": "invalid YAML at line 3: has an integer of more than 100 "
                                    "digits",
    "{root}/pack-threshold/pack.yaml": "rule XT101: 'threshold' must be a number of at least 0",
    "{root}/pack-needs/pack.yaml": "rule XT101: 'needs' must be a list of spaCy component "
                                   "names, such as [ner]",
    "{root}/pack-examples/pack.yaml": "rule XT101: 'examples' must be a mapping of 'flags' and "
                                      "'passes' to lists of sentences",
    "{root}/pack-why/pack.yaml": "rule XT101: 'why' must be a string",
    "{root}/pack-null-item/pack.yaml": f"lexicon 'words': item 2 is empty; {_ITEM}",
    "{root}/pack-int-item/pack.yaml": f"lexicon 'words': item 2 is int 7; {_ITEM}",
    "{root}/pack-field/pack.yaml": "rule XT101: 'message': unknown field '{matched}' (the only "
                                   "field is {match}; write {{ and }} for a literal brace)",
    "{root}/pack-open-brace/pack.yaml": "rule XT101: 'message': expected '}' before end of "
                                        f"string {_TEMPLATE}",
    "{root}/pack-close-brace/pack.yaml": "rule XT101: 'message': Single '}' encountered in "
                                         f"format string {_TEMPLATE}",
    "{root}/pack-format-spec/pack.yaml": "rule XT101: 'message': Unknown format code '>' for "
                                         f"object of type 'str' {_TEMPLATE}",
}


def _write(path: Path, content: str | bytes | None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if content is None:
        os.mkfifo(path)
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    for name, content in {**BAD_DRAFTS, **ODD_DRAFTS}.items():
        _write(root / name, content)
    for folder, files in BAD_CONFIGS.items():
        if "pack.yaml" in files and ".followup-lint.toml" not in files:
            files = {**files, ".followup-lint.toml": 'rules = ["pack.yaml"]\n'}
        for name, content in files.items():
            _write(root / folder / name, content)
        _write(root / folder / "d.txt", GOOD)
    _write(root / "shouts.txt", "Hi Dana,\n\nWow!! " + "Wow!! " * 1200 + "\n")
    for i in range(20):
        _write(root / "many" / f"d{i:02}.txt", GOOD)
    (root / os.fsdecode(LATIN1_NAME)).write_bytes(NON_ASCII.encode("utf-8"))
    return root


# --- the command line ------------------------------------------------------------

def test_every_bad_input_is_one_line_and_the_others_are_linted(tree: Path) -> None:
    """One run, in two --jobs workers, standard input closed: each bad input is its line."""
    names = [*BAD_DRAFTS, *ODD_DRAFTS, *BAD_CONFIGS, os.fsdecode(LATIN1_NAME), "-"]
    result = run(["--jobs", "2", "--max-bytes", "3000000", "--format", "json", *names],
                 tree, cases=len(names), close_stdin=True)
    assert result.returncode == 2
    expected = {f"followup-lint: {name.format(root=tree)}: {reason}"
                for name, reason in EXPECTED.items()}
    assert set(result.stderr.splitlines()) == expected
    assert len(result.stderr.splitlines()) == len(expected)  # each problem once
    findings = json.loads(result.stdout)
    assert {f["path"] for f in findings} == {*ODD_DRAFTS, SHOWN_LATIN1_NAME}
    assert_inside_lines(findings, tree, {SHOWN_LATIN1_NAME: LATIN1_NAME})
    assert [(f["line"], f["column"], f["end_line"], f["end_column"]) for f in findings
            if (f["path"], f["code"]) == ("good.txt", "FL402")] == GOOD_FL402
    crlf = {(f["code"], f["end_column"]) for f in findings if f["path"] == "crlf.txt"}
    assert {("FL301", 29), ("FL302", 29), ("FL303", 29)} <= crlf  # whole line, CR left out


def test_a_pack_given_with_rules_that_is_a_device_stops_the_run(tree: Path) -> None:
    result = run(["--rules", "/dev/zero", "good.txt"], tree)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == ("followup-lint: /dev/zero: is a device, not a regular file; only "
                             "regular files are read\n")


@pytest.mark.parametrize("output_format", ["text", "json-report", "full", "gnu", "github",
                                           "sarif"])
def test_a_file_name_that_is_not_utf8_in_every_format(tree: Path, output_format: str,
                                                      nlp: Any) -> None:
    """In process, with the streams the console script sets up: the name's bytes show as '?'.

    (The JSON format runs through the installed command in the batch above.)
    """
    code, out, err = main_in_process(["--select", "FL402,FL602", "--format", output_format,
                                      os.fsdecode(LATIN1_NAME)], tree)
    assert (code, err) == (1, "")
    shown = "caf%3F.txt" if output_format == "sarif" else SHOWN_LATIN1_NAME  # a URI there
    assert shown in out and "\udce9" not in out
    assert "Łódź" in out


def test_characters_a_terminal_could_not_show_count_for_their_own_run_only(tree: Path,
                                                                         nlp: Any) -> None:
    """In one process (the API, an editor, a test) an ASCII run's '?' must not fail the next."""
    args = ["--select", "FL402,FL602", os.fsdecode(LATIN1_NAME)]
    code, out, err = main_in_process(args, tree, encoding="ascii")
    assert code == 2 and "Łódź" not in out and "cannot show" in err
    assert main_in_process(args, tree)[::2] == (1, "")


def main_in_process(args: list[str], cwd: Path,
                    encoding: str = "utf-8") -> tuple[int, str, str]:
    """Run ``followup_lint.cli.main``'s steps here, its output to pipes; return all three."""
    from followup_lint import cli

    out, err = io.BytesIO(), io.BytesIO()
    streams = (sys.stdout, sys.stderr)
    before = Path.cwd()
    pipes = (io.TextIOWrapper(out, encoding=encoding, write_through=True),
             io.TextIOWrapper(err, encoding=encoding, write_through=True))
    sys.stdout, sys.stderr = pipes
    os.chdir(cwd)
    try:
        assert cli._safe_streams()
        try:
            cli.cli.main(["--no-cache", *args], prog_name="followup-lint")
        except SystemExit as exit_:
            code = int(exit_.code or 0)
    finally:
        os.chdir(before)
        sys.stdout, sys.stderr = streams
    result = out.getvalue().decode(encoding), err.getvalue().decode(encoding)
    for pipe in pipes:
        pipe.detach()  # keep the buffers open; the wrappers go
    return code, *result


def test_standard_output_closed(tree: Path) -> None:
    def close_stdout() -> None:
        _limit_memory()()
        os.close(1)

    result = subprocess.run([console_script(), "good.txt"], cwd=tree, stderr=subprocess.PIPE,
                            text=True, timeout=SECONDS_PER_CASE, preexec_fn=close_stdout)
    assert result.returncode == 2
    assert result.stderr == ("followup-lint: standard output is closed; nothing can be "
                             "reported (run with output to a file or a pipe)\n")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_a_full_disk(tree: Path) -> None:
    with open("/dev/full", "w") as full:
        result = run(["--select", "FL402", "good.txt"], tree, stdout=full)
    assert result.returncode == 2
    assert result.stderr == "followup-lint: cannot write the output (No space left on device)\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize(("target", "reason"), [
    ("/dev/full", "No space left on device"),
    ("missing/report.html", "No such file or directory")])
def test_a_report_that_cannot_be_written(cli: Any, tree: Path, target: str, reason: str) -> None:
    result = cli("report", "--select", "FL402", "good.txt", "-o", target, cwd=tree)
    assert result.returncode == 2
    assert result.stderr == f"followup-lint: {target}: cannot write the report ({reason})\n"


def test_a_closed_pipe_is_one_line_and_exit_2(tree: Path) -> None:
    """``followup-lint drafts/ | head -1``: the reader goes away after the first line.

    shouts.txt gives more findings than a pipe holds (84 KB of 64), so the command is
    still writing when the pipe closes, whatever the timing.
    """
    proc = subprocess.Popen([console_script(), "--no-cache", "--select", "FL402", "shouts.txt"],
                            cwd=tree, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, preexec_fn=_limit_memory())
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline().startswith("shouts.txt:3:4: FL402")
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=STARTUP_SECONDS + SECONDS_PER_CASE) == 2
    assert err == ("followup-lint: standard output was closed before the report was written "
                   "(a broken pipe)\n")


@pytest.mark.parametrize(("encoding", "unshown", "shown"), [
    ("ascii", 8, ['"caf?" is written twice in a row.', '"??d?" is written twice in a row.']),
    ("latin-1", 4, ['"café" is written twice in a row.', '"?ód?" is written twice in a row.']),
])
def test_a_terminal_that_cannot_show_the_findings(tree: Path, encoding: str, unshown: int,
                                                  shown: list[str]) -> None:
    """The draft's characters are written as '?' (the name's bytes silently), and one line.

    Each finding quotes its word twice (message and suggestion): ASCII cannot
    show 1 + 3 characters of "café" and "Łódź", Latin-1 the 2 of "Łódź".
    """
    result = run(["--select", "FL602", "--format", "json", os.fsdecode(LATIN1_NAME)], tree,
                 env={"PYTHONIOENCODING": encoding}, encoding=encoding)
    assert result.returncode == 2
    assert result.stderr == (
        f"followup-lint: the terminal's encoding ({encoding}) cannot show {unshown} "
        f"character{'s' * (unshown != 1)} of the output, written as '?'; set "
        "PYTHONIOENCODING=utf-8 to see them\n")
    assert [(f["path"], f["message"]) for f in json.loads(result.stdout)] == [
        (SHOWN_LATIN1_NAME, message) for message in shown]


def test_ctrl_c_to_the_process_group_ends_the_workers(tree: Path) -> None:
    """Ctrl-C in a terminal reaches the whole group: parent and --jobs workers alike."""
    proc = subprocess.Popen([console_script(), "--no-cache", "--jobs", "2", "many"],
                            cwd=tree, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, preexec_fn=_limit_memory())
    deadline = time.monotonic() + STARTUP_SECONDS + SECONDS_PER_CASE
    while len(_group(proc.pid, workers=True)) < 3 and proc.poll() is None:  # parent, 2 workers
        assert time.monotonic() < deadline, "the --jobs workers never started"
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)
    _out, err = proc.communicate(timeout=SECONDS_PER_CASE)
    assert proc.returncode == 130, err
    assert err == "followup-lint: interrupted\n"
    deadline = time.monotonic() + SECONDS_PER_CASE
    while _group(proc.pid):
        assert time.monotonic() < deadline, f"left behind: {_group(proc.pid)}"
        time.sleep(0.05)


#: A helper process a run may start beside its workers (the proofreading companion): not
#: a ``--jobs`` worker, but it must end with the group all the same.
NOT_A_WORKER = b"proof_companion"


def _group(pgid: int, workers: bool = False) -> list[int]:
    """Return the live processes of a process group (zombies are ended already).

    ``workers``: only the run and its ``--jobs`` workers, not a helper it started.
    """
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] != "Z" and not (
                    workers and NOT_A_WORKER in command):
                pids.append(int(entry.name))
    return pids
