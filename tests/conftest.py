"""Shared fixtures: one loaded model and linter per test process, the command line run
in-process (``cli``) or as the installed console script (``script``), and snapshots.

``cli`` runs the click command in this process with click's ``CliRunner``: the
model loads once and a run costs milliseconds. ``script`` spawns the installed
console script; keep it for what needs a real process (signals, pipes, a
terminal, ``--jobs`` workers, tools that start the linter themselves).

End-to-end outputs are compared with files in ``tests/snapshots/``; after a
deliberate change, refresh them with ``pytest --update-snapshots`` and review
the diff (DEVELOPERS.md).
"""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

# urllib3 (imported by spaCy's CLI helpers) probes for IPv6 support by creating
# a socket at import time; it sends nothing. Import it before pytest-socket
# blocks sockets so that probe does not read as a network attempt.
import urllib3.util.connection  # noqa: F401
from click.testing import CliRunner

from followup_lint.checking.engine import Linter, Result
from followup_lint.checking.nlp import load_model
from followup_lint.checking.registry import Registry, build_registry
from followup_lint.core.findings import Finding
from followup_lint.reading.inputs import collect, read_sources
from followup_lint.reading.reader import read_draft


def keep_compiled_code() -> None:
    """Keep byte-compiled modules between the suite's processes, as an installed copy does.

    Under ``PYTHONDONTWRITEBYTECODE=1`` (these machines, many CI runners) an
    editable install compiles every followup-lint module again in each of the
    suite's 30-odd real processes (console-script runs, language servers, the
    editors' servers, probes): about 0.2 s of CPU each. And pytest rewrites
    every test module's assertions again in each worker, about 2 s, caching the
    result only when bytecode may be written. So the package is byte-compiled
    once, as pip does when it installs the wheel (``bench/run.py`` does the
    same), and this process may write bytecode, which keeps pytest's rewritten
    modules. ``__pycache__`` is git-ignored, and Python checks a cached file
    against its source's time and size, so an edit is never run stale.
    """
    import compileall
    import importlib.util

    sys.dont_write_bytecode = False
    spec = importlib.util.find_spec("followup_lint")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        compileall.compile_dir(folder, quiet=2)


keep_compiled_code()

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DRAFTS = HERE / "drafts"
SHARED = ROOT.parent / "shared"
SNAPSHOTS = HERE / "snapshots"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-snapshots", action="store_true", default=False,
                     help="Rewrite tests/snapshots/ from the current output instead of "
                          "comparing with it.")


#: Modules whose tests take seconds each (a whole bank or fuzz run, editors, real
#: processes). They start first, so the last tests a worker gets are quick ones and
#: the two workers finish together; xdist already starts the biggest groups first.
SLOW_FIRST = ("tests/tone/test_sentence_bank.py", "tests/test_hostile_fuzz.py",
              "tests/test_proof_companion.py", "tests/test_speed.py", "tests/test_pre_commit.py",
              "tests/test_editors.py",
              "tests/test_neovim.py", "tests/test_hostile_input.py", "tests/test_cli_human.py",
              "tests/test_rough_edges.py", "tests/test_report.py")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Move the slow modules to the front (whole modules, in their own order)."""
    def rank(item: pytest.Item) -> int:
        path = item.nodeid.split("::", 1)[0]
        return SLOW_FIRST.index(path) if path in SLOW_FIRST else len(SLOW_FIRST)

    items.sort(key=rank)  # stable: every module keeps its tests' order


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The default spaCy model, loaded once per test process (``load_model`` keeps it)."""
    return load_model()


# Keep the result cache out of the user's home and the repo: one temp folder per session.
os.environ["FOLLOWUP_LINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="followup-lint-test-cache-")


def remember_unchanging_files() -> None:
    """Read the built-in packs and the shipped tone weights once per test process.

    Every command run builds a fresh registry and linter (no state is shared
    between runs), and so parses the built-in YAML packs, decompresses the tone
    weights and rebuilds the tone word classes: about 0.2 s of CPU, most of an
    in-process ``cli`` run of one draft. These inputs cannot change during a test
    session, so the suite keeps each result: the tone weights as the same frozen
    object, a pack's data as a fresh copy (callers build rules from it), the word
    classes with a fresh per-sentence memo. What a run computes stays what it
    would compute; user packs, front matter and configuration (small, written by
    the tests) are still parsed every time.
    """
    import dataclasses
    import functools
    import pickle

    from followup_lint.checking import packs
    from followup_lint.core import safe_yaml

    load_yaml = safe_yaml.load
    parsed: dict[tuple[str, type, int], bytes] = {}

    @functools.wraps(load_yaml)
    def remembered_load(text: str, loader: type, max_chars: int = safe_yaml.MAX_CHARS) -> Any:
        if loader is not packs._PackLoader or len(text) < 4000:  # the built-in packs only
            return load_yaml(text, loader, max_chars)
        key = (text, loader, max_chars)
        if key not in parsed:
            parsed[key] = pickle.dumps(load_yaml(text, loader, max_chars))
        return pickle.loads(parsed[key])

    safe_yaml.load = remembered_load  # type: ignore[assignment]

    from followup_lint.tone import judge

    if hasattr(judge, "load_model"):
        load_weights = judge.load_model
        shipped = functools.lru_cache(maxsize=1)(load_weights)

        def remembered_weights(path: Path | None = None) -> Any:
            return shipped() if path is None else load_weights(path)

        judge.load_model = remembered_weights  # type: ignore[assignment]
    if hasattr(judge, "word_classes"):
        build_classes = judge.word_classes
        built: dict[str, Any] = {}

        def remembered_classes(lexicons: Any) -> Any:
            key = json.dumps([lexicons.get("work-neutral"), lexicons.get("tone-word-classes")],
                             sort_keys=True, default=str)
            if key not in built:
                built[key] = build_classes(lexicons)
            held = built[key]
            return dataclasses.replace(held, memo={}) if hasattr(held, "memo") else held

        judge.word_classes = remembered_classes  # type: ignore[assignment]


remember_unchanging_files()


@pytest.fixture(scope="session")
def registry() -> Registry:
    return build_registry()


@pytest.fixture(scope="session")
def linter(registry: Registry, nlp: Any) -> Linter:
    return Linter(registry.sorted_rules(), lexicons=registry.lexicons, is_rule=registry.is_rule)


@pytest.fixture(scope="session")
def lint(linter: Linter) -> Callable[..., list[Finding]]:
    """Lint a draft given as text (with a file name that sets its format).

    The same text is linted once per session: many tests ask different rules of
    one draft.
    """

    seen: dict[tuple[str, str], tuple[Finding, ...]] = {}  # findings are frozen values

    def run(text: str, name: str = "draft.txt", codes: tuple[str, ...] = ()) -> list[Finding]:
        if (name, text) not in seen:
            draft = read_draft(name, text.encode("utf-8"))
            (result,) = list(linter.lint([draft]))
            assert result.error is None, result.error
            seen[name, text] = tuple(result.findings)
        return [f for f in seen[name, text] if not codes or f.code in codes]

    return run


@pytest.fixture(scope="session")
def corpus_results(linter: Linter) -> Callable[[Path], dict[str, Result]]:
    """Lint a labelled corpus's ``drafts/`` folder with every rule, once per session.

    ``{file name: Result}``. Scoring a corpus parses and proofreads a hundred or
    more drafts; the accuracy, proofreading and scoring tests all read the same
    run. A rule's findings do not depend on which other rules run, so a test
    about some rules filters these.
    """
    seen: dict[Path, dict[str, Result]] = {}

    def run(corpus: Path) -> dict[str, Result]:
        if corpus not in seen:
            folder = corpus / "drafts"
            seen[corpus] = {Path(r.source).name: r
                            for r in linter.lint(read_sources(collect([str(folder)])))}
        return seen[corpus]

    return run


@pytest.fixture(scope="session")
def lint_run(linter: Linter) -> Callable[..., list[Finding]]:
    """Lint several drafts as one run (a folder): ``{name: text}`` in, all findings out."""

    def run(drafts: dict[str, str], codes: tuple[str, ...] = ()) -> list[Finding]:
        items = [read_draft(name, text.encode("utf-8")) for name, text in sorted(drafts.items())]
        results = list(linter.lint(items))
        for result in results:
            assert result.error is None, result.error
        return [f for r in results for f in r.findings if not codes or f.code in codes]

    return run


def console_script() -> str:
    """Return the installed followup-lint script beside this Python."""
    script = Path(sys.executable).parent / "followup-lint"
    if script.exists():
        return str(script)
    found = shutil.which("followup-lint")
    assert found, "followup-lint is not installed: pip install -e '.[test]'"
    return found


@dataclass(frozen=True)
class Run:
    """What a command-line run gave: the same three fields as a completed process."""

    returncode: int
    stdout: str
    stderr: str


@contextlib.contextmanager
def working_directory(path: Path | None) -> Iterator[None]:
    if path is None:
        yield
        return
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


@pytest.fixture(scope="session")
def cli(nlp: Any) -> Callable[..., Run]:
    """Run ``followup-lint ARGS`` in this process (click's CliRunner) and return the run."""
    from followup_lint.cli import cli as command

    def run(*args: str, cwd: Path | None = None, input: str | None = None,
            env: dict[str, str] | None = None) -> Run:
        with working_directory(cwd):
            result = CliRunner().invoke(command, list(args), input=input, env=env,
                                        prog_name="followup-lint", catch_exceptions=False)
        return Run(result.exit_code, result.stdout, result.stderr)

    return run


@pytest.fixture(scope="session")
def script() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the installed console script in a new process and return the completed process."""

    def run(*args: str, cwd: Path | None = None, input: str | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [console_script(), *args], cwd=cwd, input=input, capture_output=True, text=True,
            timeout=300, env={**os.environ, **(env or {})},
        )

    return run


def as_arguments(command: str, home: Path) -> tuple[list[str], str | None, str | None] | None:
    """Split a plain ``followup-lint ARGS [< IN] [> OUT]`` shell line into its parts.

    ``python -m followup_lint ARGS`` counts as plain: ``__main__`` runs the same
    ``cli.main`` (``test_cli.py`` starts it as a real ``python -m`` process).

    Return the arguments, the file read as standard input and the file standard
    output goes to; None when the line needs a real shell (another program, a
    pipe, ``&&``). ``~/`` becomes ``home``, as the shell would expand it.
    """
    words = shlex.split(command)
    redirects: dict[str, str] = {}
    while len(words) > 2 and words[-2] in ("<", ">") and words[-2] not in redirects:
        redirects[words[-2]] = words[-1]
        words = words[:-2]
    if words[:3] == ["python", "-m", "followup_lint"]:  # __main__ calls the same cli.main
        words = ["followup-lint", *words[3:]]
    if words[0] != "followup-lint" or set(words) & {"|", "||", "&&", ";", "<", ">", "&", ">>"}:
        return None
    args = [str(home / w[2:]) if w.startswith("~/") else w for w in words[1:]]
    return args, redirects.get("<"), redirects.get(">")


def path_env() -> dict[str, str]:
    """This environment, with the installed 'followup-lint' first on PATH."""
    bin_dir = str(Path(console_script()).parent)
    return {**os.environ,
            "PATH": f"{bin_dir}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}"
                    f"{os.environ.get('PATH', '')}"}


@pytest.fixture(scope="session")
def shell(cli: Callable[..., Run]) -> Callable[..., Run]:
    """Run one shell line from the docs in ``cwd``, as a user would type it.

    A plain ``followup-lint`` line (see ``as_arguments``) runs in-process through
    ``cli``, reading and writing its redirected files itself; any other line runs
    in ``bash`` with the installed script on PATH. ``home`` is ``$HOME`` for both.
    """

    def run(command: str, cwd: Path, home: Path | None = None) -> Run:
        env = {"HOME": str(home)} if home is not None else {}
        plain = as_arguments(command, home or Path.home())
        if plain is None:
            done = subprocess.run(["bash", "-c", command], cwd=cwd, env={**path_env(), **env},
                                  capture_output=True, text=True, timeout=300,
                                  stdin=subprocess.DEVNULL)
            return Run(done.returncode, done.stdout, done.stderr)
        args, stdin, stdout = plain
        text = (cwd / stdin).read_text(encoding="utf-8") if stdin else None
        result = cli(*args, cwd=cwd, input=text, env=env)
        if stdout is None:
            return result
        (cwd / stdout).write_text(result.stdout, encoding="utf-8")
        return Run(result.returncode, "", result.stderr)

    return run


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package built as a wheel from this checkout, once per test process (a few seconds).

    Tests that read it carry ``xdist_group("wheel")`` so one worker builds it.
    """
    outdir = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir",
                    str(outdir), str(ROOT)], check=True, capture_output=True, text=True)
    (built,) = outdir.glob("followup_lint-*.whl")
    return built


def json_findings(stdout: str) -> list[dict[str, object]]:
    return json.loads(stdout)


class Snapshots:
    """Compare an output with ``tests/snapshots/NAME``, or rewrite it with --update-snapshots."""

    def __init__(self, update: bool) -> None:
        self.update = update

    def check(self, name: str, actual: str) -> None:
        path = SNAPSHOTS / name
        if self.update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(actual.encode("utf-8"))
            return
        assert path.exists(), f"no snapshot {path.relative_to(ROOT)}: run pytest " \
                              "--update-snapshots and review the new file"
        expected = path.read_bytes().decode("utf-8")
        assert actual == expected, (f"output differs from {path.relative_to(ROOT)}; if the "
                                    "change is intended, run pytest --update-snapshots")


@pytest.fixture(scope="session")
def snapshot(request: pytest.FixtureRequest) -> Snapshots:
    return Snapshots(bool(request.config.getoption("--update-snapshots")))


def needs_shared() -> pytest.MarkDecorator:
    return pytest.mark.skipif(not (SHARED / "corpus").is_dir(),
                              reason="../shared is not present (only in the dev and CI checkouts)")
