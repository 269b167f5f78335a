"""The README's Neovim 0.7 recipe (``vim.lsp.start_client``), run in real, headless Neovim.

Debian 12 ships Neovim 0.7.2, which has no ``vim.lsp.config``; CI installs it
(``.ci/run``). The test skips where Neovim is not installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .test_editors import README, path_env

DRAFT = ("Subject: Thank you - analyst interview\n\nHi Dana,\n\nThank you for the the interview "
         "about the SQL roadmap. I am SO excited!!\n\nBest,\nSam\n")
PROBE = """
vim.wait(90000, function() return #vim.diagnostic.get(0) > 0 end, 200)
local out = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(out, string.format("%s %d %d", d.code, d.lnum, d.col))
end
table.sort(out)
vim.fn.writefile(out, "diagnostics.txt")
vim.cmd("qall!")
"""


@pytest.mark.slow
def test_neovim_07_recipe_shows_the_diagnostics(tmp_path: Path) -> None:
    nvim = shutil.which("nvim")
    if nvim is None:
        pytest.skip("Neovim is not installed (apt-get install neovim)")
    recipe = next(b for b in re.findall(r"```lua\n(.*?)```", README, re.DOTALL)
                  if "start_client" in b)
    (tmp_path / "init.lua").write_text(recipe)
    (tmp_path / "probe.lua").write_text(PROBE)
    (tmp_path / "draft.txt").write_text(DRAFT)
    subprocess.run([nvim, "--headless", "-u", "init.lua", "-c", "luafile probe.lua",
                    "draft.txt"], cwd=tmp_path, env=path_env(), capture_output=True,
                   text=True, timeout=180, stdin=subprocess.DEVNULL)
    found = (tmp_path / "diagnostics.txt").read_text().splitlines()
    assert found == ["FL402 4 60", "FL402 4 70", "FL602 4 14"]
