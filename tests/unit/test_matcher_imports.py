"""matcher/ and policy/ stay pure: importing them loads neither Flask nor SQLAlchemy."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys
import matcher, matcher.engine, matcher.index, matcher.storage, matcher.profiles, matcher.__main__
import policy, policy.eligibility, policy.codes
banned = {"flask", "sqlalchemy", "werkzeug", "web", "models", "services"}
loaded = sorted(m for m in sys.modules if m.split(".")[0] in banned)
print(",".join(loaded))
"""


def test_matcher_and_policy_import_neither_flask_nor_sqlalchemy():
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
