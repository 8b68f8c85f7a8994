"""The Load data page in AppTest (the app itself, with st.user and the secrets set by the
test): the validation report of a bad upload, the preview of a valid one, publish and its
audit record, the role checks (a viewer sees no upload; a session whose role is viewer
when its Publish click arrives is refused), replace for admins after confirmation, the
size cap, a zip of CSV files, and the open app without [auth].

Figures worked out by hand from tests/fixture_data.py (published at 2006-01-01):
- the upload is the fixture with the ERP staff cost of 2005 raised from 100 to 130:
  rows 4 initiatives, 4 agencies, 7 costs, 5 benefits, 6 commitments, 5 contributions;
  totals cost 255 + 30 = 285, benefit 295, agency pledges 300+100+0+50+10+0 = 460,
  contributions paid 200+70+60 = 330, pledged 100+40 = 140;
  what changed against 2006-01-01: ERP cost 100+50+30 = 180 -> 210, +30 = +16.7% ("17%").
- the bad workbook has "12k" as the amount of the costs sheet's second data row, which
  is spreadsheet row 3 (row 1 holds the column names).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import zipfile

import openpyxl
import pyarrow.parquet as pq
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard import pages as registry
from dashboard.access import auth
from dashboard.intake import loading
from dashboard.store import audit, catalog, publishing
from tests import fixture_data
from tests.apptest import no_exception
from tests.load_page import (
    ADMIN,
    ANALYST,
    LOAD,
    NEW_DATE,
    SECRETS,
    VIEWER,
    app_as,
    audit_lines,
    book,
    frame,
    frames,
    load_page,
    published,
    upload,
)
from tests.sources import col_index, rows_with, text_rows, write_csv_source


def test_a_bad_row_is_reported_with_its_sheet_row_and_column(data_dir, tmp_path):
    at = upload(load_page(ANALYST), "bad.xlsx",
                book(tmp_path, "bad.xlsx", rows_with("costs", 1, "amount_usd", "12k")))
    report = frame(at, "load_report")
    assert len(report) == 1
    r = report.iloc[0]
    assert (r["Sheet or file"], r["Row"], r["Column"], r["Value"]) == (
        "costs", "3", "amount_usd", "'12k'")
    assert r["Rule"].startswith("must be a number")
    assert any("1 problem" in e.value and "Nothing was published" in e.value for e in at.error)
    assert "load_publish" not in _keys(at)  # no preview, no Publish for an invalid file


def test_the_files_own_text_in_the_report_is_shown_literally(data_dir, tmp_path):
    """st.table draws cells as Markdown: a cell of the upload that is a link and an image
    must reach the browser with every bracket escaped and no bare address to link."""
    hostile = "![t](https://evil.example/p.png) [Sign in again](https://evil.example)"
    at = upload(load_page(ANALYST), "bad.xlsx",
                book(tmp_path, "bad.xlsx", rows_with("costs", 1, "amount_usd", hostile)))
    value = frame(at, "load_report").iloc[0]["Value"]
    assert "evil.example" in value  # the value is shown ...
    assert not re.search(r"(?<!\\)[\[\]]", value), value  # ... with no markup left
    assert "https://" not in value, value  # no bare link (a word joiner breaks it)


def _keys(at: AppTest) -> set[str]:
    return {w.key for kind in (at.button, at.checkbox, at.date_input, at.text_input)
            for w in kind if w.key}


def test_the_report_downloads_as_a_spreadsheet(tmp_path):
    from dashboard.ui import load

    checked = loading.check_upload(
        "bad.xlsx", book(tmp_path, "bad.xlsx", rows_with("costs", 1, "amount_usd", "12k")), 20)
    data = load._report_workbook(checked, loading.report_frame(checked.report),
                                 loading.report_frame(checked.report, "warning"))
    wb = openpyxl.load_workbook(io.BytesIO(data))
    rows = list(wb["problems"].iter_rows(values_only=True))
    assert rows[0] == ("Sheet or file", "Row", "Column", "Rule", "Value")
    assert rows[1][:3] == ("costs", 3, "amount_usd") and rows[1][4] == "'12k'"
    assert len(rows) == 2


def test_a_valid_upload_is_previewed_then_published_and_audited(data_dir, tmp_path):
    at = upload(load_page(ANALYST), "q2.xlsx",
                book(tmp_path, "q2.xlsx", rows_with("costs", 0, "amount_usd", 130.0)))
    rows = frame(at, "load_rows")
    assert dict(zip(rows["Table"], rows["Rows"], strict=True)) == {
        "initiatives": 4, "agencies": 4, "costs": 7, "benefits": 5, "commitments": 6,
        "contributions": 5, "ranges": 1}
    totals = frame(at, "load_totals")
    assert dict(zip(totals["Figure"], totals["Amount"], strict=True)) == {
        "total cost": "$285.00", "total benefit": "$295.00", "agency pledges": "$460.00",
        "contributions paid": "$330.00", "contributions pledged": "$140.00"}
    said = " ".join(m.value for m in at.markdown)
    assert "cost estimate up 17% (+\\$30) since 2006-01-01" in said
    assert not frames(at, "load_report")  # no problem, no warning: no report table
    at.date_input(key="load_as_of").set_value(NEW_DATE).run()
    at.text_input(key="load_note").set_value("Q2 business cases").run()
    at.button(key="load_publish").click().run()
    no_exception(at)
    assert any("Published the snapshot of 2006-06-30" in s.value for s in at.success)
    assert published(data_dir) == ["2006-06-30", "2006-01-01"]
    assert at.selectbox(key="snapshot").value == "2006-06-30"  # the sidebar shows it
    (rec,) = audit_lines(data_dir)
    assert (rec["who"], rec["role"], rec["via"], rec["as_of"], rec["action"],
            rec["source_note"]) == ("ana@example.org", "analyst", "browser", "2006-06-30",
                                    "new", "Q2 business cases")
    expected = hashlib.sha256((tmp_path / "q2.xlsx").read_bytes()).hexdigest()
    assert rec["source_files"][0]["sha256"] == expected
    manifest = json.loads((data_dir / "snapshots" / "2006-06-30" / "manifest.json").read_text())
    assert manifest["published_by"]["who"] == "ana@example.org"
    # the uploader is fresh after a publish
    assert at.file_uploader[0].value in (None, [])


def test_a_session_that_is_a_viewer_when_publish_arrives_is_refused(data_dir, tmp_path):
    """The server checks the role at the click, not only by hiding the button: the page
    was drawn for an analyst, the session's identity is a viewer's when the click comes."""
    at = upload(load_page(ANALYST), "q2.xlsx", book(tmp_path, "q2.xlsx"))
    at.date_input(key="load_as_of").set_value(NEW_DATE).run()
    at.user = dict(VIEWER)
    at.button(key="load_publish").click().run()
    no_exception(at)
    assert any("Not published" in e.value and "viewer" in e.value for e in at.error)
    assert published(data_dir) == ["2006-01-01"]
    assert audit_lines(data_dir) == []


def test_a_viewer_sees_no_upload(data_dir):
    at = load_page(VIEWER)
    assert not at.file_uploader
    assert any("needs the analyst role" in i.value for i in at.info)
    at = app_as(None)
    at.run()
    at.switch_page(LOAD).run()
    assert not at.file_uploader
    assert [b.label for b in at.button].count("Sign in") == 2  # sidebar and page


def test_an_admin_replaces_only_after_confirming(data_dir, tmp_path):
    at = upload(load_page(ADMIN), "fix.xlsx",
                book(tmp_path, "fix.xlsx", rows_with("costs", 0, "amount_usd", 130.0)))
    at.date_input(key="load_as_of").set_value(dt.date(2006, 1, 1)).run()
    button = at.button(key="load_publish")
    assert button.label == "Replace the snapshot" and button.disabled
    at.checkbox(key="load_confirm_replace").check().run()
    assert not at.button(key="load_publish").disabled
    at.button(key="load_publish").click().run()
    no_exception(at)
    (rec,) = audit_lines(data_dir)
    assert (rec["who"], rec["role"], rec["action"]) == ("adm@example.org", "admin", "replace")
    costs = catalog.scan(data_dir).get("2006-01-01")
    assert sum(pq.read_table(costs.file("costs"))["amount_usd"].to_pylist()) == 285.0


def test_an_analyst_cannot_replace(data_dir, tmp_path):
    at = upload(load_page(ANALYST), "fix.xlsx", book(tmp_path, "fix.xlsx"))
    at.date_input(key="load_as_of").set_value(dt.date(2006, 1, 1)).run()
    assert at.button(key="load_publish").disabled
    assert "load_confirm_replace" not in _keys(at)
    assert any("only an admin may replace" in w.value for w in at.warning)
    before = (data_dir / "snapshots" / "2006-01-01" / "manifest.json").read_bytes()
    forged = at.button(key="load_publish")
    forged.proto.disabled = False  # a click on the disabled button: a forged message
    forged.click().run()  # Streamlit drops a disabled widget's change: no callback runs
    assert not [m for m in at.success if "Published" in m.value]
    # and the publish itself refuses an analyst's replace, whoever calls it
    checked = at.session_state["_load_checked"][1]
    with pytest.raises(auth.NotAllowed, match="only an admin may replace"):
        loading.publish_upload(data_dir, checked, "2006-01-01", "x",
                               audit.Actor("ana@example.org", "analyst", "browser"),
                               replace=True)
    assert (data_dir / "snapshots" / "2006-01-01" / "manifest.json").read_bytes() == before
    assert audit_lines(data_dir) == []


def test_a_file_over_the_cap_gets_a_clear_message(data_dir, monkeypatch):
    monkeypatch.setenv("ICT_DASHBOARD_MAX_UPLOAD_MB", "1")
    at = upload(load_page(ANALYST), "big.xlsx", b"x" * (3 * 2**19))  # 1.5 MB
    (r,) = frame(at, "load_report").itertuples(index=False)
    assert r[0] == "big.xlsx"
    # 3 × 2**19 = 1,572,864 bytes; the cap is 1 MB of 1,000,000 bytes
    assert "is 1,572,864 bytes (1.6 MB), more than the 1 MB (1,000,000 bytes) an upload may be" \
        in r[3]


def test_the_cap_is_one_unit_stated_and_enforced_alike(data_dir):
    """The default cap is 20 MB of 1,000,000 bytes (the unit of Streamlit's uploader in the
    browser): 20,000,001 bytes are refused with the cap in bytes; exactly 20,000,000 bytes
    pass the size check (and are then judged as a workbook); the page says the same."""
    over = loading.check_upload("big.xlsx", b"x" * 20_000_001, 20)
    (problem,) = over.report.errors
    assert problem.rule.startswith("is 20,000,001 bytes (20.0 MB), more than the 20 MB "
                                   "(20,000,000 bytes) an upload may be")
    at = load_page(ANALYST)
    assert any("at most 20 MB (20,000,000 bytes)" in c.value for c in at.caption)
    at = upload(at, "exact.xlsx", b"x" * 20_000_000)
    (r,) = frame(at, "load_report").itertuples(index=False)
    assert r[3] == "is not an Excel .xlsx workbook"  # judged, not refused by its size


def test_a_zip_of_csv_files_is_checked_the_same_way(data_dir, tmp_path):
    rows = text_rows()
    rows["benefits"][2][col_index("benefits", "confidence")] = "sure"
    folder = write_csv_source(tmp_path / "csv", rows)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for p in sorted(folder.iterdir()):
            z.write(p, f"figures/{p.name}")  # in a folder, as a zip tool makes it
        z.writestr("figures/notes.txt", "not a table")
    at = upload(load_page(ANALYST), "figures.zip", buf.getvalue())
    report = frame(at, "load_report")
    assert report[["Sheet or file", "Row", "Column", "Value"]].values.tolist() == [
        ["benefits.csv", "4", "confidence", "'sure'"]]
    warnings = frame(at, "load_warnings")
    assert warnings["Rule"].str.contains("'figures/notes.txt' is not a .csv file").any()


def test_the_report_names_the_upload_never_the_servers_scratch_folder(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:  # a zip with one table only: the others missing
        z.writestr("initiatives.csv", "initiative_id\n")
    checked = loading.check_upload("figures.zip", buf.getvalue(), 20)
    texts = [f"{r['Sheet or file']} {r['Rule']}" for r in
             loading.report_frame(checked.report).to_dict("records")]
    assert any("costs.csv" in t for t in texts), texts  # the missing tables are named ...
    assert all("figures" in t for t in texts if "in " in t), texts  # ... in the upload
    assert not any("ict-upload" in t or "/tmp" in t for t in texts), texts


def test_without_auth_the_app_is_open_and_offers_no_sign_in(data_dir):
    at = app_as(None, secrets=None)
    at.run()
    no_exception(at)
    assert not [b for b in at.button if b.label == "Sign in"]
    assert at.metric  # the Overview, open to all
    with pytest.raises(Exception):  # noqa: B017 - the page is not registered at all
        at.switch_page(LOAD).run()


def test_login_required_shows_an_anonymous_visitor_only_the_sign_in(data_dir, monkeypatch):
    monkeypatch.setenv("ICT_DASHBOARD_REQUIRE_LOGIN", "1")
    at = app_as(None)
    at.run()
    no_exception(at)
    assert [t.value for t in at.title] == ["Sign in"]
    assert [b.label for b in at.button] == ["Sign in"]
    assert not at.metric and not at.selectbox and not at.multiselect  # no figure, no filter
    signed_in = app_as(VIEWER)
    signed_in.run()
    assert signed_in.metric  # a signed-in viewer sees the dashboard


def test_login_required_without_auth_serves_nothing(data_dir, monkeypatch):
    monkeypatch.setenv("ICT_DASHBOARD_REQUIRE_LOGIN", "1")
    at = app_as(None, secrets=None)
    at.run()
    assert any("has no [auth] section" in e.value for e in at.error)
    assert not at.metric and not at.title


def test_data_and_methods_shows_the_audit_log_and_the_publisher(data_dir):
    publishing.publish(data_dir, "2006-06-30", fixture_data.tables(), "by hand",
                      actor=audit.Actor("ana@example.org", "analyst", "browser", "Ana"))
    publishing.publish(data_dir, "2006-06-30", fixture_data.tables(), "corrected", replace=True,
                      actor=audit.Actor("adm@example.org", "admin", "command line"))
    withheld = "(shown to signed-in analysts and admins)"
    # open, as `make run` serves it, and a signed-in viewer: when, what and how, not who;
    # an analyst: who too
    for user, secrets, who in ((None, None, (withheld, withheld)),
                               (VIEWER, SECRETS, (withheld, withheld)),
                               (ANALYST, SECRETS, ("adm@example.org", "ana@example.org"))):
        at = app_as(user, secrets=secrets)
        at.run()
        at.switch_page(registry.BY_URL["data-methods"].app_test_path).run()
        no_exception(at)
        log = next(d.value for d in at.dataframe if "who" in d.value.columns)
        log["as_of"] = [str(v)[:10] for v in log["as_of"]]  # shown as a date
        assert log[["who", "role", "via", "as_of", "action", "source note"]].values.tolist() == [
            [who[0], "admin", "command line", "2006-06-30", "replace", "corrected"],
            [who[1], "analyst", "browser", "2006-06-30", "new", "by hand"]], user
        snaps = next(d.value for d in at.dataframe if "published_by" in d.value.columns)
        by = {str(k)[:10]: v for k, v in zip(snaps["as_of"], snaps["published_by"], strict=True)}
        assert by["2006-06-30"] == (f"{who[0]} (admin, command line)" if user is ANALYST
                                    else withheld)
        # the fixture, published without an actor or a publisher: said, not left blank
        assert by["2006-01-01"] == "not recorded"
        # round 5 #18: the Load data page is named only to a reader who has it
        captions = " ".join(c.value for c in at.caption)
        assert ("Load data page" in captions) == (user is ANALYST), (user, captions)
        assert "by the data team" in captions


def test_the_empty_template_downloads_from_the_page(data_dir):
    from dashboard.ui import load

    at = load_page(ANALYST)
    assert "load_template" in {b.key for b in at.get("download_button")}
    wb = openpyxl.load_workbook(io.BytesIO(load._template_bytes()))
    assert {"README", "initiatives", "agencies", "costs", "benefits", "commitments",
            "contributions"} <= set(wb.sheetnames)
    assert [c.value for c in wb["costs"][1]][:6] == [
        "initiative_id", "agency_code", "fiscal_year", "cost_category", "is_recurring",
        "amount_usd"]


def test_a_signed_in_user_without_a_role_gets_no_access_when_login_is_required(
        data_dir, monkeypatch):
    monkeypatch.setenv("ICT_DASHBOARD_REQUIRE_LOGIN", "1")
    secrets = json.loads(json.dumps(SECRETS))
    secrets["roles"]["default"] = "none"  # only mapped claim values let anyone in
    at = app_as(VIEWER, secrets=secrets)  # groups ["staff"]: not mapped
    at.run()
    no_exception(at)
    assert [t.value for t in at.title] == ["No access"]
    assert [b.label for b in at.button] == ["Sign out"]
    assert not at.metric


def test_the_sidebar_names_the_signed_in_user_and_offers_sign_out(data_dir):
    at = app_as(ANALYST)
    at.run()
    no_exception(at)
    said = " ".join(c.value for c in at.sidebar.caption)
    assert "Signed in as Ana Analyst · analyst" in said
    assert "Sign out" in [b.label for b in at.sidebar.button]


def test_wrong_role_settings_stop_the_app_with_the_reason(data_dir):
    secrets = json.loads(json.dumps(SECRETS))
    secrets["roles"]["map"]["ict-analysts"] = "superuser"
    at = app_as(ANALYST, secrets=secrets)
    at.run()
    assert any("superuser" in e.value and "not served" in e.value for e in at.error)
    assert not at.metric


def test_an_analyst_loads_the_first_snapshot_into_an_empty_data_directory(
        tmp_path, monkeypatch):
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("ICT_DASHBOARD_DATA", str(empty))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = app_as(ANALYST)
    at.run()  # without data, Load data is the page served at "/"
    no_exception(at)
    assert [t.value for t in at.title] == ["Load data"]
    upload(at, "first.xlsx", book(tmp_path, "first.xlsx"))
    assert any("this will be the first" in i.value for i in at.info)
    at.date_input(key="load_as_of").set_value(NEW_DATE).run()
    at.button(key="load_publish").click().run()
    no_exception(at)
    assert published(empty) == ["2006-06-30"]
    assert [r["action"] for r in audit_lines(empty)] == ["new"]
