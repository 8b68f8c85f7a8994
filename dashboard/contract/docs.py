"""The project's documentation as the app's text: the Data & methods page shows the
definitions of data/README.md itself (one source for the docs and the page)."""

from __future__ import annotations

import functools
import re

from dashboard.config import REPO_ROOT

DATA_README = REPO_ROOT / "data" / "README.md"
# the definitions in a manager's words: the level-3 sections under "## In plain words", in
# the order Data & methods (and the briefing's methods) show them
READER_SECTIONS: tuple[str, ...] = (
    "What each headline figure means",
    "What the filters do",
    "How initiatives are ranked",
    "How sure the figures are, in short",
    "The briefing pack",
)


@functools.cache
def _lines() -> tuple[str, ...]:
    return tuple(DATA_README.read_text(encoding="utf-8").splitlines())


def section(heading: str, level: int = 2) -> str:
    """The Markdown under `heading` (a heading of `level` #s) in data/README.md, up to the
    next heading of that level or higher; a KeyError if there is no such heading."""
    marker = "#" * level + " "
    lines = _lines()
    for i, line in enumerate(lines):
        if line.startswith(marker) and line[len(marker):].strip() == heading:
            body: list[str] = []
            for nxt in lines[i + 1:]:
                m = re.match(r"^(#+) ", nxt)
                if m and len(m.group(1)) <= level:
                    break
                body.append(nxt)
            return "\n".join(body).strip()
    raise KeyError(f"data/README.md has no heading {marker}{heading}")
