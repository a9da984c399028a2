"""The demo is tooling, not runtime: web, services, models, policy and matcher never import it
at module level (only the seed-demo command does, inside the command), and its generator is pure."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUNTIME = ("web", "services", "models", "policy", "matcher")


def _demo_imports(tree: ast.AST) -> list[ast.AST]:
    return [node for node in ast.walk(tree)
            if (isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "demo")
            or (isinstance(node, ast.Import) and any(a.name.split(".")[0] == "demo" for a in node.names))]


def test_runtime_packages_import_demo_only_inside_the_seed_command():
    found = []
    for package in RUNTIME:
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            lazy = {id(n) for f in ast.walk(tree) if isinstance(f, ast.FunctionDef) and f.name == "seed_demo"
                    for n in _demo_imports(f)}
            found += [f"{path.relative_to(ROOT)}:{n.lineno}"
                      for n in _demo_imports(tree) if id(n) not in lazy]
    assert found == []


PROBE = """
import sys
import demo.corpus
banned = {"flask", "sqlalchemy", "web", "models", "services"}
print(",".join(sorted(m for m in sys.modules if m.split(".")[0] in banned)))
"""


def test_the_demo_corpus_is_built_without_flask_or_a_database():
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
