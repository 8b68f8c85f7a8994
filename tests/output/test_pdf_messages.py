"""The PDF printer's messages (dashboard/output/pdf.py) reach the reader as messages: a
pack not ready in time is said, in the reader's language, never a traceback (the fresh
French review: `_` was bound by an unpacking in `Printer.print`, so the timeout's message
raised UnboundLocalError)."""

from __future__ import annotations

import subprocess
import tempfile

import pytest

from dashboard.lang.translate import language
from dashboard.output import pdf


class _Slow:
    """A Chromium that never answers in time."""

    returncode = None

    def communicate(self, job, timeout):
        raise subprocess.TimeoutExpired("chromium", timeout)

    def poll(self):
        return None


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "the PDF was not ready within 1 s"),
    ("fr", "le PDF n'était pas prêt au bout de 1 s"),
])
def test_a_pack_not_ready_in_time_is_said(monkeypatch, lang, said):
    monkeypatch.setattr(pdf, "_kill_group", lambda proc: None)
    printer = pdf.Printer.__new__(pdf.Printer)  # no Chromium: its answer is the point
    printer.proc = _Slow()
    printer._tmp = tempfile.TemporaryDirectory()
    try:
        with language(lang), pytest.raises(pdf.PdfError) as caught:
            printer.print("<html></html>", "", time_limit=1)
    finally:
        printer._tmp.cleanup()
    assert said in str(caught.value)
