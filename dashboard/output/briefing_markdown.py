"""The small Markdown subset of data/README.md's methods sections as HTML, for the briefing
pack's methods pages: paragraphs, bullet lists, pipe tables, indented code, `code` and
**bold**. Every text is escaped first."""

from __future__ import annotations

import re

from dashboard.output.briefing_html import esc

_CODE = re.compile(r"`([^`]+)`")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]+\)")


def _inline(text: str) -> str:
    text = _LINK.sub(r"\1", text)
    out = esc(text)
    out = _CODE.sub(r"<code>\1</code>", out)
    return _BOLD.sub(r"<b>\1</b>", out)


def markdown_html(md_text: str) -> str:
    """Paragraphs, bullet lists, pipe tables, indented code, `code` and **bold**: what
    the methods sections of data/README.md use."""
    out: list[str] = []
    lines = md_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(set(c) <= set("-: ") for c in cells):
                    rows.append(cells)
                i += 1
            head, *body = rows
            out.append("<table class='md'><thead><tr>" + "".join(
                f"<th scope='col'>{_inline(c)}</th>" for c in head) + "</tr></thead><tbody>" + "".join(
                "<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in r) + "</tr>" for r in body)
                + "</tbody></table>")
        elif line.startswith("    "):
            block = []
            while i < len(lines) and (lines[i].startswith("    ") or not lines[i].strip()):
                block.append(lines[i][4:])
                i += 1
            out.append(f"<pre>{esc(chr(10).join(block).strip())}</pre>")
        elif re.match(r"^\s*- ", line):
            items: list[str] = []
            while i < len(lines) and lines[i].strip() and not lines[i].startswith("|"):
                if re.match(r"^\s*- ", lines[i]):
                    items.append(lines[i].strip()[2:])
                else:
                    items[-1] += " " + lines[i].strip()
                i += 1
            out.append("<ul>" + "".join(f"<li>{_inline(x)}</li>" for x in items) + "</ul>")
        else:
            para = []
            while i < len(lines) and lines[i].strip() and not lines[i].startswith(("|", "    ")) \
                    and not re.match(r"^\s*- ", lines[i]):
                para.append(lines[i].strip())
                i += 1
            out.append(f"<p>{_inline(' '.join(para))}</p>")
    return "".join(out)
