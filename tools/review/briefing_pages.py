"""The briefing pack as a reader gets it: `python -m dashboard briefing` writes the PDF (the
same road as the sidebar's "Briefing (PDF)"), then poppler's pdftoppm renders each page as
a PNG at 60 dpi."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from dashboard.config import REPO_ROOT

DPI = 60
TIME_LIMIT_S = 600  # a bound on a hang


class BriefingError(RuntimeError):
    pass


def _run(cmd: list[str], what: str) -> None:
    try:
        done = subprocess.run(cmd, cwd=REPO_ROOT, capture_output=True, text=True,
                              timeout=TIME_LIMIT_S)
    except subprocess.TimeoutExpired:
        raise BriefingError(f"{what} did not finish within {TIME_LIMIT_S} s") from None
    if done.returncode != 0:
        raise BriefingError(f"{what} failed (exit {done.returncode}): "
                            f"{(done.stderr or done.stdout).strip()[-2000:]}")


def render(data_dir: Path, options: tuple[str, ...], out: Path, stem: str) -> list[Path]:
    """The pack of data_dir with the command's options, as out/<stem>.pdf and one PNG per
    page (out/<stem>-01.png, ...), in page order."""
    if not shutil.which("pdftoppm"):
        raise BriefingError("pdftoppm is missing: run `make chromium` (poppler-utils)")
    pdf = out / f"{stem}.pdf"
    _run([sys.executable, "-m", "dashboard", "briefing", "--out", str(pdf),
          "--data-dir", str(data_dir), *options], f"the briefing command ({stem})")
    _run(["pdftoppm", "-r", str(DPI), "-png", str(pdf), str(out / stem)],
         f"pdftoppm on {pdf.name}")
    pages = sorted(out.glob(f"{stem}-*.png"))
    if not pages:
        raise BriefingError(f"pdftoppm wrote no page of {pdf.name}")
    return pages
