"""HTML to PDF with Debian's Chromium: the briefing pack's printer (dashboard/output/briefing.py).

`print_pdf(html, footer)` writes the page to a temporary folder and prints it with
Chromium's own PDF engine (playwright's `page.pdf()`: vector text and charts, A4
landscape, a footer on every page with "page X of Y") in a CHILD PROCESS of its own
session, so a time limit can stop it whole (Chromium's processes included) and a crash
never takes the app down. The page may load nothing from the network: every request but
the page's own file is refused.

The browser is Debian's /usr/bin/chromium, or the one $ICT_DASHBOARD_CHROMIUM names; it is
never downloaded. Every failure is a `PdfError` whose message is for a person.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from dashboard.config import REPO_ROOT
from dashboard.lang import numbers
from dashboard.lang.translate import _

CHROMIUM_ENV = "ICT_DASHBOARD_CHROMIUM"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
TIME_LIMIT_S = 120.0  # generous on a busy 2-core machine (a pack takes about 10 s there)
# A4 landscape; the footer lives in the bottom margin
MARGIN = {"top": "10mm", "bottom": "14mm", "left": "12mm", "right": "12mm"}
READY_FLAG = "ready"  # the page sets document.body.dataset.ready = "1" once drawn


class PdfError(RuntimeError):
    """The PDF could not be made; the message says why, for a person."""


def chromium_path() -> str:
    return os.environ.get(CHROMIUM_ENV) or DEFAULT_CHROMIUM


def check_chromium(path: str | None = None) -> str:
    """The browser's path, or a PdfError saying it is missing and how to get it."""
    path = path or chromium_path()
    if not (Path(path).is_file() and os.access(path, os.X_OK)):
        raise PdfError(
            _("Chromium is not installed at {path}, so no PDF can be made. Install Debian's "
              "chromium (`make chromium`, or `apt-get install chromium`), or set {variable} "
              "to the browser's path.").format(path=path, variable=CHROMIUM_ENV))
    return path


class Printer:
    """Chromium, started in its child process before the page is ready (so the browser
    starts while the caller builds the page), then given one page to print."""

    def __init__(self, chromium: str | None = None) -> None:
        self.browser = check_chromium(chromium)
        self._tmp = tempfile.TemporaryDirectory(prefix="ict-briefing-")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "dashboard.output.pdf", self.browser], cwd=REPO_ROOT,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            start_new_session=True)  # its own process group: the limit stops Chromium too

    def __enter__(self) -> Printer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.proc.poll() is None:
            _kill_group(self.proc)
        self._tmp.cleanup()

    def print(self, html: str, footer_html: str, *,
              time_limit: float = TIME_LIMIT_S) -> bytes:
        """The PDF of `html` (a whole page, no network), `footer_html` at the foot of
        every page (Chromium's footer template: `<span class="pageNumber">`, `totalPages`)."""
        src, out = Path(self._tmp.name) / "briefing.html", Path(self._tmp.name) / "briefing.pdf"
        src.write_text(html, encoding="utf-8")
        job = json.dumps({"html": str(src), "pdf": str(out), "footer": footer_html})
        try:
            err = self.proc.communicate(job, timeout=time_limit)[1]  # never `_`: the gettext
        except subprocess.TimeoutExpired:
            _kill_group(self.proc)
            raise PdfError(_("the PDF was not ready within {seconds} s and was stopped; try "
                             "again, or narrow the filters.").format(
                                 seconds=numbers.number(time_limit, 0))) from None
        if self.proc.returncode != 0 or not out.is_file():
            last = (err or "").strip().splitlines()[-1:] or [_("no message")]
            raise PdfError(_("Chromium could not print the PDF: {reason}").format(
                reason=last[0][:300]))
        return out.read_bytes()


def print_pdf(html: str, footer_html: str, *, time_limit: float = TIME_LIMIT_S,
              chromium: str | None = None) -> bytes:
    """The PDF of `html` with `footer_html` on every page (see `Printer.print`)."""
    with Printer(chromium) as printer:
        return printer.print(html, footer_html, time_limit=time_limit)


def _kill_group(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def _child(chromium: str) -> int:
    """In the child process: start Chromium, then print the job read from stdin (a
    message on stderr if anything fails)."""
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as p:
            # no waits of playwright's own (30 s by default, too short on a loaded
            # machine): the parent's time limit bounds the whole print
            browser = p.chromium.launch(executable_path=chromium, args=list(CHROMIUM_ARGS),
                                        timeout=0)
            try:
                page = browser.new_page()
                page.set_default_timeout(0)
                page.set_default_navigation_timeout(0)
                job = json.loads(sys.stdin.read())
                page_uri = Path(job["html"]).as_uri()
                # nothing from the network: the page's own file only
                page.route("**/*", lambda route: route.continue_()
                           if route.request.url == page_uri else route.abort())
                page.goto(page_uri, wait_until="load")
                page.wait_for_function(
                    f"document.body.dataset.{READY_FLAG} !== undefined", timeout=0)
                state = page.evaluate(f"document.body.dataset.{READY_FLAG}")
                if state != "1":
                    raise RuntimeError(f"a chart could not be drawn: {state}")
                page.pdf(path=job["pdf"], format="A4", landscape=True, print_background=True,
                         display_header_footer=True, header_template="<span></span>",
                         footer_template=job["footer"], margin=MARGIN,
                         prefer_css_page_size=False,
                         tagged=True, outline=True)  # accessible: structure tree, bookmarks
            finally:
                browser.close()
    except Exception as e:  # noqa: BLE001 - reported to the parent as one line
        print(f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1]))
