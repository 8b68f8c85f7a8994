"""`python -m tools.review` (make review) works: a subset of one page, one width, one state
over the sample data gives a full-page screenshot at the phone's width that is not blank,
the briefing pack's pages as images, and an index.md listing each image."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from PIL import Image

from dashboard.config import REPO_ROOT
from tools.review import shoot

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_a_subset_is_shot_and_listed(tmp_path):
    out = tmp_path / "review"
    done = subprocess.run(
        [sys.executable, "-m", "tools.review", "--pages", "funding", "briefing",
         "--states", "default", "--widths", "phone", "--data", "sample", "--out", str(out)],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().endswith(str(out))
    shot = out / "sample_default_funding_phone.png"
    with Image.open(shot) as im:
        width, height = im.size
    # the phone's 390 CSS px at a device scale of 1; the whole page, not its first screen:
    # Funding's headline tiles, three charts and a table run to several phone screens
    assert width == 390 and height > 2 * 844
    assert not shoot.is_blank(shot)
    pngs = sorted(out.glob("briefing_default-*.png"))
    assert pngs and not any(shoot.is_blank(p) for p in pngs)
    index = (out / "index.md").read_text(encoding="utf-8")
    assert re.search(r"^\| Funding \| phone \| default: .* \| sample \| "
                     r"\[sample_default_funding_phone\.png\]", index, re.M)
    rows = [line for line in index.splitlines() if line.startswith("| Briefing pack p. ")]
    assert len(rows) == len(pngs)
    # nothing else was shot: one screenshot, and the default briefing only
    assert sorted(p.name for p in out.glob("*.png")) == sorted(
        [shot.name, *(p.name for p in pngs)])

