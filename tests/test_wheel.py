"""A plain, non-editable install works: the wheel carries the rule packs and finds them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.mark.slow
@pytest.mark.xdist_group("wheel")
def test_wheel_ships_rule_packs_and_loads_them(tmp_path: Path, wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    packs = sorted(p.name for p in (ROOT / "rules").glob("*.yaml"))
    assert packs
    for pack in packs:
        assert f"followup_lint/rules/{pack}" in names
    assert any(n.endswith("entry_points.txt") for n in names)

    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index",
                    "--no-compile", "--target", str(target), str(wheel)], check=True,
                   capture_output=True)
    probe = ("from followup_lint.checking.registry import builtin_packs_dir, build_registry;"
             "print(builtin_packs_dir()); print(sorted(build_registry(plugins=False).rules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, cwd=tmp_path, env={"PYTHONPATH": str(target)}).stdout
    folder, codes = out.splitlines()
    assert Path(folder) == target / "followup_lint" / "rules"
    assert {"FL303", "FL401"} <= set(eval(codes))
