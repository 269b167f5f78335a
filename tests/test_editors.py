"""The README's editor and CI recipes, run against the installed console script.

Vim and Emacs run for real, headless, with the documented settings, and start
the installed script; the VS Code problem matcher and the GitHub Actions steps
are applied to real output (their plain command lines run in-process: the
``shell`` fixture).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT, console_script, path_env

README = (ROOT / "README.md").read_text(encoding="utf-8")
#: A draft with curly apostrophes, an accented letter and a dash before the findings:
#: columns count characters, so an editor that counts bytes would land early.
CURLY = ("Subject: Thank you for the dashboard tour\n\nHi Dana,\n\n"
         "Thank you for the tour. I’m grateful you’d show me "
         "the café’s new SQL dashboard — I am SO keen!!\n\nBest,\nSam\n")


def block(language: str, containing: str) -> str:
    return next(b for b in re.findall(rf"```{language}\n(.*?)```", README, re.DOTALL)
                if containing in b)


def tool(name: str) -> str:
    """Return the path of an editor; CI installs them (.ci/run), elsewhere a test may skip."""
    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed; .ci/run installs it")
        pytest.skip(f"{name} is not installed (apt-get install {name})")
    return found


def findings(cli, *args: str, cwd: Path) -> list[dict]:
    return json.loads(cli("--format", "json", *args, cwd=cwd).stdout)


@pytest.mark.slow
def test_vim_quickfix_list_from_the_readme_recipe(tmp_path: Path, cli) -> None:
    vim = tool("vim")
    (tmp_path / "recipe.vim").write_text(block("vim", "makeprg"))
    (tmp_path / "draft.txt").write_text(CURLY, encoding="utf-8")
    script = (
        "silent make!\n"
        "let g:jumps = []\n"
        "for i in range(1, len(getqflist()))\n"
        "  execute 'cc ' . i\n"
        "  call add(g:jumps, [line('.'), charcol('.'), strcharpart(getline('.'), "
        "charcol('.') - 1, 2)])\n"
        "endfor\n"
        "let g:items = map(getqflist(), {_, e -> [bufname(e.bufnr), e.lnum, e.col, e.vcol, "
        "e.type, e.text, e.valid]})\n"
        "call writefile([json_encode(g:items), json_encode(g:jumps)], 'quickfix.json')\n"
        "qall!\n")
    (tmp_path / "run.vim").write_text(script)
    subprocess.run([vim, "-N", "-u", "NONE", "-i", "NONE", "-n", "-es",
                    "--cmd", "set encoding=utf-8 fileencodings=utf-8",
                    "-S", "recipe.vim", "-S", "run.vim", "draft.txt"],
                   cwd=tmp_path, env=path_env(), capture_output=True, text=True, timeout=120,
                   stdin=subprocess.DEVNULL)
    items, jumps = (json.loads(line) for line in
                    (tmp_path / "quickfix.json").read_text().splitlines())
    line = CURLY.splitlines()[4]  # the recipe turns character columns into Vim's bytes
    assert items[0] == ["draft.txt", 5, len(line[:87].encode()) + 1, 0, "w",
                        '"SO" in capitals reads as shouting. [FL402]', 1]
    expected = [["draft.txt", f["line"], len(line[: f["column"] - 1].encode()) + 1, 0,
                 f["severity"][0],
                 f"{f['message']} [{f['code']}]", 1] for f in findings(cli, "draft.txt",
                                                                      cwd=tmp_path)]
    assert items == expected and len(items) == 2
    # Jumping to each entry puts the cursor on the flagged text, past the multibyte letters.
    assert jumps == [[5, 88, "SO"], [5, 95, "!!"]]


@pytest.mark.slow
def test_emacs_compilation_mode_reads_the_gnu_format(tmp_path: Path, cli) -> None:
    emacs = tool("emacs")
    (tmp_path / "draft.txt").write_text(CURLY, encoding="utf-8")
    (tmp_path / "init.el").write_text(block("elisp", "compile-command"))
    probe = r"""
(require 'compile)
(require 'json)
(setq inhibit-message t)
(find-file "draft.txt")
(text-mode)
(let ((command compile-command) (out nil))
  (with-current-buffer (compilation-start command)
    (while (process-live-p (get-buffer-process (current-buffer))) (sleep-for 0.1))
    (goto-char (point-min))
    (condition-case nil
        (while t
          (compilation-next-error 1)
          (let* ((msg (get-text-property (point) 'compilation-message))
                 (loc (compilation--message->loc msg))
                 (file (caar (compilation--loc->file-struct loc)))
                 (here (save-excursion
                         (compile-goto-error)
                         (prog1 (list (line-number-at-pos)
                                      (buffer-substring-no-properties (point) (+ 2 (point))))
                           (pop-to-buffer (compilation-find-buffer))))))
            (push (vector file (compilation--loc->line loc) (compilation--loc->col loc)
                          (compilation--message->type msg) (car here) (cadr here))
                  out)))
      (error nil)))
  (with-temp-file "errors.json"
    (insert (json-encode (list (cons "command" command) (cons "errors" (nreverse out)))))))
"""
    (tmp_path / "probe.el").write_text(probe)
    run = subprocess.run([emacs, "--batch", "-Q", "-l", "init.el", "-l", "probe.el"],
                         cwd=tmp_path, env=path_env(), capture_output=True, text=True,
                         timeout=120, stdin=subprocess.DEVNULL)
    assert (tmp_path / "errors.json").exists(), run.stderr
    got = json.loads((tmp_path / "errors.json").read_text())
    assert got["command"] == f"followup-lint --format gnu {tmp_path / 'draft.txt'}"
    # Type 1 is a warning, 2 an error; visiting each finding lands on the flagged text.
    lines = CURLY.splitlines()
    expected = [[str(tmp_path / "draft.txt"), f["line"], f["column"],
                 {"error": 2, "warning": 1, "info": 0}[f["severity"]], f["line"],
                 lines[f["line"] - 1][f["column"] - 1 : f["column"] + 1]]
                for f in findings(cli, str(tmp_path / "draft.txt"), cwd=tmp_path)]
    assert got["errors"] == expected
    assert [e[-1] for e in expected] == ["SO", "!!"]


def test_vscode_problem_matcher_reads_every_gnu_line(cli, tmp_path: Path) -> None:
    tasks = json.loads(block("json", "problemMatcher"))
    (task,) = tasks["tasks"]
    pattern = task["problemMatcher"]["pattern"]
    regexp = re.compile(pattern["regexp"])
    args = [arg.replace("${file}", "examples/needs-work.txt") for arg in task["args"]]
    assert task["command"] == "followup-lint"
    output = cli(*args, cwd=ROOT).stdout.splitlines()
    expected = findings(cli, "examples/needs-work.txt", cwd=ROOT)
    assert output and len(output) == len(expected)
    for line, finding in zip(output, expected, strict=True):
        m = regexp.match(line)
        assert m, line
        got = {key: m.group(pattern[key]) for key in
               ("file", "line", "column", "severity", "message", "code")}
        assert got == {"file": finding["path"], "line": str(finding["line"]),
                       "column": str(finding["column"]),
                       "severity": {"info": "note"}.get(finding["severity"],
                                                        finding["severity"]),
                       "message": finding["message"], "code": finding["code"]}


def lsp_command(source: str) -> list[str]:
    """Return the server command a Lua or Lisp snippet starts."""
    match = re.search(r'cmd = \{ (.*?) \}', source) or re.search(
        r'\(\(text-mode markdown-mode\) (".*?")\)', source)
    assert match, source
    return re.findall(r'"([^"]+)"', match.group(1))


def test_neovim_and_eglot_start_the_server_the_lsp_tests_run() -> None:
    from .test_lsp import README_COMMAND, SERVER_COMMAND

    assert lsp_command(block("lua", "vim.lsp.config")) == README_COMMAND == ["followup-lint",
                                                                             "lsp"]
    eglot = next(line for line in README.splitlines() if "eglot-server-programs" in line)
    assert lsp_command(eglot) == README_COMMAND
    assert SERVER_COMMAND[:2] == [console_script(), "lsp"]


def test_github_actions_steps_from_the_readme(tmp_path: Path, shell) -> None:
    workflow = yaml.safe_load(block("yaml", "upload-sarif"))
    steps = workflow["jobs"]["followup-lint"]["steps"]
    runs = [s["run"] for s in steps if s.get("run", "").startswith("followup-lint ")]
    assert len(runs) == 2
    shutil.copytree(ROOT / "examples", tmp_path / "drafts")
    lint = shell(runs[0], cwd=tmp_path)
    assert lint.returncode == 1, "the lint step fails the job on findings"
    lines = lint.stdout.splitlines()
    assert lines and all(re.match(r"^::(error|warning|notice) file=drafts/[\w./-]+,line=\d+,"
                                  r"col=\d+,endLine=\d+,endColumn=\d+,title=FL\d{3} [a-z-]+::",
                                  line) for line in lines)
    sarif = shell(runs[1], cwd=tmp_path)
    assert sarif.returncode == 0
    log = json.loads((tmp_path / "followup-lint.sarif").read_text())
    assert len(log["runs"][0]["results"]) == len(lines)


def test_stdin_recipe_names_the_findings(tmp_path: Path, cli, shell) -> None:
    command = block("sh", "--stdin-filename drafts/acme.md").strip()
    (tmp_path / "drafts").mkdir()
    shutil.copy(ROOT / "examples" / "needs-work.txt", tmp_path / "drafts" / "acme.md")
    result = shell(command, cwd=tmp_path)
    lines = result.stdout.splitlines()
    assert lines and all(line.startswith("drafts/acme.md:") for line in lines)
    same = cli("--format", "gnu", "drafts/acme.md", cwd=tmp_path).stdout.splitlines()
    assert lines == same
    assert any(line.startswith("drafts/acme.md:3:6: error: ") for line in lines)


def test_readme_gnu_sample_is_real_output(cli) -> None:
    sample = block("text", ": error: ").strip()
    assert sample in cli("--format", "gnu", "examples/needs-work.txt", cwd=ROOT).stdout
