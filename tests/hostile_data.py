"""A hostile snapshot: the fixture (tests/fixture_data.py) with every name, donor, code and
the source note replaced by text an attacker would send (formulas, links, Markdown, HTML).

The figures are the fixture's, so the hand-worked totals still hold; only the text is
hostile. Each value is valid under the data contract (text is any Unicode up to 500
characters), so it is published: the product must then show and write it as data.
"""

from __future__ import annotations

from pathlib import Path

from tests import fixture_data

AS_OF = fixture_data.FIXTURE_AS_OF
EVIL = "evil.example"  # no element of a page may point here

INITIATIVE_NAMES = {
    "ERP": f'=HYPERLINK("https://{EVIL}/f","click me")',
    "KS": f"**Knowledge** [sharing](https://{EVIL}/md) __under__",
    "SEC": f'<a href="https://{EVIL}/h">Security</a> <img src="https://{EVIL}/i.png"> <b>B</b>',
    "TRN": f"@SUM(1+1) ![t](https://{EVIL}/t.png) :red[red] :material/warning: $x^2$",
}
AGENCY_NAMES = {
    "UNDP": "-2+3 <i>Development</i> & Programme",
    "WFP": f"https://{EVIL}/wfp",
    "ITU": "# Heading\n1. list `code` ~~struck~~",
    "UN": f"+cmd|' /C calc'!A0 <script>alert(1)</script> mailto:x@{EVIL}",
}
# An agency code has no character pattern in the contract: this one is hostile too.
AGENCY_CODE_RENAMES = {"UN": "<b>UN</b>*"}
DONORS = {
    "Norway": "=1+1",
    "Côte d'Ivoire": "\tTab donor",
    "Switzerland": f"[Swiss](https://{EVIL}/d)",
    "Gates Foundation": "\r=2+2 carriage",
}
SOURCE_NOTE = (f'=HYPERLINK("https://{EVIL}/s","source") **bold source** '
               f'<a href="https://{EVIL}/s2">link</a> [md](https://{EVIL}/s3)')

# Every hostile text, to check that each is kept exactly where it is written.
ALL_TEXT: tuple[str, ...] = (*INITIATIVE_NAMES.values(), *AGENCY_NAMES.values(),
                             *AGENCY_CODE_RENAMES.values(), *DONORS.values(), SOURCE_NOTE)


def rows() -> dict[str, list[tuple]]:
    code = AGENCY_CODE_RENAMES.get
    out = dict(fixture_data.ROWS)
    out["initiatives"] = [(r[0], INITIATIVE_NAMES[r[0]], *r[2:]) for r in fixture_data.INITIATIVES]
    out["agencies"] = [(code(r[0], r[0]), AGENCY_NAMES[r[0]], r[2]) for r in fixture_data.AGENCIES]
    out["contributions"] = [(r[0], DONORS[r[1]], *r[2:]) for r in fixture_data.CONTRIBUTIONS]
    return out


def build(data_dir: Path) -> Path:
    """Publish the hostile snapshot under data_dir (as of the fixture's date)."""
    return fixture_data.build(data_dir, AS_OF, rows(), source=SOURCE_NOTE)
