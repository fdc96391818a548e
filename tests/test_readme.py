"""The README's set-up commands and CI: the README holds exactly two, each makes its own
virtual environment (a bare pip install is refused on a PEP 668 system), and `.ci/run`
runs the test command verbatim, then the checks, and cannot pass when a step fails."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
INSTALL = (
    "python3 -m venv .venv && . .venv/bin/activate && pip install -e . && hupli status corpus/"
)
TEST = (
    "python3 -m venv .venv && . .venv/bin/activate && pip install -e '.[test]' && python -m pytest"
)


def set_up_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Set up\n", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.S)]


def test_the_readme_holds_exactly_the_two_set_up_commands() -> None:
    assert set_up_commands() == [INSTALL, TEST]


def test_each_set_up_command_makes_its_virtual_environment_first() -> None:
    for command in set_up_commands():
        assert command.startswith("python3 -m venv .venv && . .venv/bin/activate && pip ")


def test_ci_runs_the_readmes_test_command_verbatim_then_the_checks() -> None:
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert lines.count(set_up_commands()[1]) == 1
    after = lines[lines.index(set_up_commands()[1]) + 1 :]
    checks = ["ruff check src tests bench", "ruff format --check src tests bench", "mypy"]
    assert [line for line in after if line in checks] == checks


STUB_PYTHON = """#!/bin/sh
if [ "$1 $2" = "-m venv" ]; then mkdir -p "$3/bin" && : > "$3/bin/activate"; exit 0; fi
if [ "$1 $2" = "-m pytest" ]; then echo pytest >> "$LOG"; exit "$PYTEST_STATUS"; fi
exit 1
"""


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize(
    ("pip", "pytest_status", "expected"),
    [
        (1, 0, ["pip"]),  # a failed install never reaches the checks
        (0, 1, ["pip", "pytest"]),
        (0, 0, ["pip", "pytest", "ruff", "ruff", "mypy"]),
    ],
)
def test_ci_fails_when_any_step_of_the_test_command_fails(
    tmp_path: Path, pip: int, pytest_status: int, expected: list[str]
) -> None:
    (tmp_path / ".ci").mkdir()
    shutil.copy(ROOT / ".ci" / "run", tmp_path / ".ci" / "run")
    bin_dir = tmp_path / "stubs"
    bin_dir.mkdir()
    stubs = {
        "python3": STUB_PYTHON,
        "python": STUB_PYTHON,
        "pip": '#!/bin/sh\necho pip >> "$LOG"; exit "$PIP_STATUS"\n',
        "chromium": "#!/bin/sh\nexit 0\n",
        "ruff": '#!/bin/sh\necho ruff >> "$LOG"\n',
        "mypy": '#!/bin/sh\necho mypy >> "$LOG"\n',
    }
    for name, text in stubs.items():
        (bin_dir / name).write_text(text)
        (bin_dir / name).chmod(0o755)
    log = tmp_path / "log"
    log.touch()
    env = {
        "PATH": f"{bin_dir}:/usr/bin:/bin",
        "LOG": str(log),
        "PIP_STATUS": str(pip),
        "PYTEST_STATUS": str(pytest_status),
        "HOME": os.environ.get("HOME", str(tmp_path)),
    }
    run = subprocess.run(["bash", str(tmp_path / ".ci" / "run")], env=env, capture_output=True)
    assert log.read_text().split() == expected
    assert (run.returncode == 0) == (expected[-1] == "mypy"), run.stderr
