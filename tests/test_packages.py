"""A fresh machine installs what the suite needs: every program the tests run comes from a listed package.

A test run on a machine that already has a tool passes even where a fresh one would fail (the
suite once lacked poppler-utils for pdftoppm). The programs the tests start are found in their
source and in the benchmark code they run (calls to shutil.which and subprocess.run, the Chromium path); dpkg says which
package provides each; that package must be in scripts/debian-packages.txt.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import CHROMIUM, PROJECT_ROOT

PACKAGE_LIST = PROJECT_ROOT / "scripts" / "debian-packages.txt"
# Programs that come with Python's venv or with the system itself, not from a package the project adds.
NOT_PACKAGES = {"python", "python3", "git", "bash", "sh", "mkdocs", "pytest", "ruff", "dpkg"}


def listed_packages() -> dict[str, set[str]]:
    purposes: dict[str, set[str]] = {}
    for line in PACKAGE_LIST.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            purpose, packages = line.split(":", 1)
            purposes[purpose.strip()] = set(packages.split())
    return purposes


def programs_the_tests_run() -> set[str]:
    # The suite also runs benchmark code (the nginx example is checked through benchmarks/check_deploy.py).
    files = [*(PROJECT_ROOT / "tests").glob("*.py"), *(PROJECT_ROOT / "benchmarks").glob("*.py")]
    source = " ".join(path.read_text(encoding="utf-8") for path in files)
    found = set(re.findall(r"""which\(\s*["']([\w.+-]+)["']""", source))
    found |= set(re.findall(r"""(?:run|Popen|check_output|check_call)\(\s*\[\s*["']([\w./+-]+)["']""", source))
    found.add(CHROMIUM)
    return {Path(program).name for program in found} - NOT_PACKAGES


def package_of(program: str) -> str:
    path = shutil.which(program) or next((candidate for candidate in (f"/usr/sbin/{program}", f"/usr/bin/{program}")
                                          if Path(candidate).exists()), None)
    assert path, f"{program} is not installed: scripts/install-debian-packages test should have installed it"
    for candidate in (str(Path(path).resolve()), path):
        result = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True, check=False)
        if result.returncode == 0:
            return result.stdout.split(":")[0].strip()
    raise AssertionError(f"{program} ({path}) comes from no Debian package")


def test_the_list_has_the_purposes_the_scripts_ask_for() -> None:
    purposes = listed_packages()
    assert {"python", "test", "bench"} <= set(purposes)
    for script in ("scripts/setup-env", "scripts/test", "benchmarks/run-all"):
        text = (PROJECT_ROOT / script).read_text(encoding="utf-8")
        asked = re.findall(r"install-debian-packages (\w+)", text)
        assert asked and set(asked) <= set(purposes), script


def test_the_tests_find_the_programs_they_run() -> None:
    assert {"chromium", "zbarimg", "pdftoppm", "nginx"} <= programs_the_tests_run()


@pytest.mark.parametrize("program", sorted(programs_the_tests_run()))
def test_every_program_the_tests_run_comes_from_a_listed_package(program: str) -> None:
    if not shutil.which("dpkg"):
        pytest.fail("dpkg is missing: the suite runs on Debian")
    assert package_of(program) in listed_packages()["test"]


def test_the_readme_lists_the_same_packages() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    for packages in listed_packages().values():
        for package in packages:
            assert f"`{package}`" in readme, package
