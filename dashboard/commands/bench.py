"""`bench ...`: the benchmark lives outside the app package (bench/, `python -m bench`);
this starts it as its own process with the same arguments (relative paths still mean the
caller's working directory), so the dashboard package never imports it."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

from dashboard.config import REPO_ROOT


def run(args: argparse.Namespace) -> int:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH")) if p)
    return subprocess.call([sys.executable, "-m", "bench", *args.bench_args], env=env)
