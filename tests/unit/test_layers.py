"""The layers of the README's architecture block hold: import-linter's contracts
(pyproject's [tool.importlinter]) are kept, and no module reaches into another's private names."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROJECT_PACKAGES = ("web", "services", "models", "matcher", "policy", "settings", "demo",
                    "evaluation", "scripts", "tests", "migrations")


def test_the_import_contracts_are_kept():
    lint = Path(sys.executable).parent / "lint-imports"
    out = subprocess.run([str(lint), "--no-cache", "--no-logo"], cwd=ROOT, capture_output=True,
                         text=True, check=False)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 broken" in out.stdout


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _is_project(module: str) -> bool:
    return module.split(".")[0] in PROJECT_PACKAGES


def _private_reaches(path: Path) -> list[str]:
    """`from x import _y`, and `x._y` where `x` names a project module imported here."""
    tree = ast.parse(path.read_text(), filename=str(path))
    module_aliases: set[str] = set()
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and _is_project(node.module):
            for alias in node.names:
                if _private(alias.name):
                    found.append(f"{path}:{node.lineno} from {node.module} import {alias.name}")
                else:
                    module_aliases.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if _is_project(alias.name):
                    module_aliases.add(alias.asname or alias.name.split(".")[0])
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and _private(node.attr)
                and isinstance(node.value, ast.Name) and node.value.id in module_aliases):
            found.append(f"{path}:{node.lineno} {node.value.id}.{node.attr}")
    return found


def test_no_module_imports_another_modules_private_names():
    files = [p for package in PROJECT_PACKAGES for p in (ROOT / package).rglob("*.py")]
    files += [ROOT / "wsgi.py", ROOT / "gunicorn.conf.py"]
    assert len(files) > 100
    assert [reach for path in files for reach in _private_reaches(path)] == []
