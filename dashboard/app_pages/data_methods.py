"""Data & methods, for a manager: the snapshots available (when, from where, published by
whom), the audit log of publishes, what each figure means, how the initiatives are ranked
and how sure the figures are, in words (data/README.md's "In plain words", one source for
the docs and the page), the range factors in use, the data dictionary for those who
prepare the data, how a new snapshot is loaded. The engineers' notes (queries, formulas,
algorithms, files) are in docs/methods-engineering.md and the rest of data/README.md."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import ui
from dashboard.access import auth
from dashboard.contract import docs
from dashboard.contract.labels import code_label, table_heading
from dashboard.contract.schema import TABLE_ORDER, TABLES
from dashboard.intake import rule_words
from dashboard.lang import translate
from dashboard.lang.numbers import date as format_date
from dashboard.lang.numbers import number
from dashboard.lang.translate import _, ngettext
from dashboard.output import plain_words, provenance_words, snapshot_words
from dashboard.output.usertext import md
from dashboard.query import ranges_data
from dashboard.store import audit
from dashboard.ui import say, signin

# data/README.md's sections in plain words (level 3, under "In plain words"), in order
READER_SECTIONS = docs.READER_SECTIONS
RANGES_SECTION = "How sure the figures are, in short"


def not_recorded() -> str:
    return _("not recorded")


@st.cache_data(max_entries=32, ttl=3600, show_spinner="Checking every rule…")
def rule_check(folder: str, token: str, lang: str) -> tuple[int, list[str]]:
    """Every rule of the data contract on one snapshot (cached per content token and
    language: the lines are in the reader's language)."""
    del token
    from pathlib import Path

    from dashboard.intake import snapshot_checks, validation_report

    report = validation_report.Report()
    with translate.language(lang):
        snapshot_checks.validate_snapshot(Path(folder), report)
        return report.error_count, report.lines(limit=20)


def reader_factors(factors: pd.DataFrame) -> pd.DataFrame:
    """The range factors in use as a reader reads them: which estimate, the least and the
    most it may come to as a share of its stated amount, and where that comes from."""
    def estimate(side: str, kind: str) -> str:
        known = {("benefit", "high"): _("Benefit, high confidence"),
                 ("benefit", "medium"): _("Benefit, medium confidence"),
                 ("benefit", "low"): _("Benefit, low confidence"),
                 ("cost", "one_off"): _("Cost, one-off"),
                 ("cost", "recurring"): _("Cost, recurring")}
        word = str(code_label(kind)).lower()
        return known.get((side, kind)) or (
            _("Benefit, {kind} confidence") if side == "benefit" else _("Cost, {kind}")
        ).format(kind=word)

    def share(v: float) -> str:
        return _("{share} of stated").format(share=plain_words.whole_percent(v))
    own, defaults = _("this snapshot's own ranges"), _("the defaults")
    return pd.DataFrame({
        "estimate": [estimate(a, b) for a, b in zip(factors["side"], factors["range_class"],
                                                   strict=True)],
        "at least": [share(v) for v in factors["low_factor"]],
        "at most": [share(v) for v in factors["high_factor"]],
        "values from": factors["from_snapshot"].map({True: own, False: defaults}),
    })


app = ui.current_or_none()
# who published (e-mail addresses, the command line's user@host) is for the people who
# publish: signed-in analysts and admins; everyone else sees when, what and how
SEE_WHO = auth.at_least(signin.role(), auth.ANALYST)
WITHHELD = _("(shown to signed-in analysts and admins)")
say.title(_("Data & methods"))
if app is not None:
    ui.provenance(app.snapshot)

db = ui.get_db()
scan = db.scan()

say.header(_("Snapshots"))
checked = st.session_state.get("rules_checked", False)
rows = []
problems: dict[str, list[str]] = {}
for s in scan.snapshots:
    status = _("Published")
    if checked:
        n, lines = rule_check(str(s.path), s.token, translate.current())
        status += "; " + (_("every rule passes") if n == 0 else ngettext(
            "{n} rule problem", "{n} rule problems", n).format(n=number(n, 0)))
        if n:
            problems[s.as_of] = lines
    # who published: a person's address only to analysts and admins; the sample's
    # generator is no person
    by = provenance_words.said_publisher(s.published_by) or not_recorded()
    if s.published_by and not (SEE_WHO or ui.is_sample_source(s.source)):
        by = WITHHELD
    rows.append({
        "as_of": s.as_of,
        "source": provenance_words.said_source(s.source),
        "created_at": s.created_at,
        "published_by": by,
        "status": status,
        "contents": ", ".join(
            snapshot_words.row_words(t, n)
            for t in TABLE_ORDER if (n := s.rows.get(TABLES[t].file_name, s.rows.get(t)))),
    })
for k in scan.skipped:
    rows.append({"as_of": k.name, "source": "", "created_at": None, "published_by": "",
                 "status": _("skipped: {reason}").format(reason=k.reason)})
if rows:
    ui.table(pd.DataFrame(rows), "table_snapshots")
else:
    say.info(_("No snapshot folder found."))
if scan.snapshots:
    st.toggle(_("Also check every rule the data must follow (slower on large snapshots)"),
              key="rules_checked")
for as_of, lines in problems.items():
    say.error(_("Snapshot {as_of}:").format(as_of=format_date(as_of)) + "\n\n" + "\n".join(f"- {md(line)}" for line in lines))
say.caption(_(snapshot_words.PUBLISHED))
any_sample = any(ui.is_sample_source(s.source) for s in scan.snapshots)
if any_sample:
    say.warning(_("Snapshots whose source says “Illustrative sample data” were made by the "
                  "project's own sample generator: they are plausible, not official "
                  "figures of any organization."))

say.header(_("Audit log"))
audit_rows = audit.rows(audit.read(db.data_dir))
if not SEE_WHO:
    audit_rows = [{**r, "who": WITHHELD if r["who"] else ""} for r in audit_rows]
if audit_rows:
    say.caption(snapshot_words.audit_intro(SEE_WHO))
    ui.table(pd.DataFrame(audit_rows), "table_audit")
else:
    say.caption(snapshot_words.empty_audit(SEE_WHO, any_sample))

# what each figure means, the filters, the ranking, how sure the figures are and the
# briefing pack, in a manager's words: data/README.md's own text (docs and page never differ)
for heading in READER_SECTIONS:
    say.header(plain_words.heading(heading))
    say.markdown(plain_words.section(heading))
    if heading == RANGES_SECTION and app is not None:
        say.subheader(_("The ranges in use"))
        say.caption(_("Each kind of estimate may come to this much of its stated amount, at "
                      "least and at most: the defaults, or this snapshot's own."))
        ui.table(ranges_data.range_factors(app.ctx).pipe(reader_factors), "table_range_factors")

say.header(_("Data dictionary, for those who prepare the data"))
for name in TABLE_ORDER:
    t = TABLES[name]
    with st.expander(table_heading(name)):
        dd = rule_words.dictionary_rows(list(t.columns))
        ui.table(pd.DataFrame(dd), f"table_dd_{name}")

say.header(_("Loading a new snapshot"))
say.markdown(snapshot_words.loading())
