"""The fixture's figures worked out by hand (contract sections 3 and 4), shared by the tests that check them through different doors: the Overview's tiles unfiltered, and the headline figures under each filter meaning."""

from __future__ import annotations

KPI_CASES = {
    # name: (filters, cost, benefit, committed orgs, paid, pledged, funding gap)
    "no filter": (
        {}, 255, 295, 3, 330, 140,
        400 + 380 + 0 + 200,  # ERP 1000-400-200, KS 500-60-60, SEC no target, TRN 200
    ),
    "agency UNDP (shared rows out, contributions kept)": (
        {"agencies": ("UNDP",)},
        100 + 10,  # ERP 2005 + SEC 2006; the shared ERP 50 and KS 20 are left out
        120,
        1,  # UNDP leads ERP; KS is only "participating"
        330, 140,  # contributions are not filtered by agency
        # version 2: every organization's pledges count whatever the agency filter
        (1000 - 400 - 200) + (500 - 60 - 60) + 0 + 200,
    ),
    "agencies UNDP and WFP": (
        {"agencies": ("UNDP", "WFP")},
        100 + 30 + 10 + 5, 120 + 50, 2, 330, 140,
        (1000 - 400 - 200) + (500 - 60 - 60) + 0 + 200,  # all pledges (version 2)
    ),
    "category Working together (unearmarked money out)": (
        {"categories": ("Working together",)}, 100 + 50 + 30, 120 + 80, 2, 200, 0, 400,
    ),
    "initiative KS": ({"initiatives": ("KS",)}, 40 + 20, 30 + 50, 1, 60, 100, 380),
    "priority only (ERP, KS, TRN)": (
        {"priority_only": True}, 180 + 60 + 5, 200 + 80, 3, 200 + 60, 100, 400 + 380 + 200,
    ),
    "years 2006 to 2006": (
        {"year_from": 2006, "year_to": 2006},
        30 + 20 + 10, 120 + 30, 3,
        70,  # C3 (unearmarked, 2006-01-15); C1 (2005) and C5 (2007) are outside
        100,  # C2 (2006-05-01)
        (1000 - 400 - 0) + (500 - 60 - 0) + 0 + 200,  # no paid earmarked money in 2006
    ),
    "agency WFP and year 2007": (
        {"agencies": ("WFP",), "year_from": 2007, "year_to": 2007},
        5, 50, 1, 60, 40,
        # all pledges (ERP 400, KS 60); paid in 2007: only C5 (KS 60)
        (1000 - 400 - 0) + (500 - 60 - 60) + 0 + 200,
    ),
    "category and priority together (nothing kept)": (
        {"categories": ("Information security",), "priority_only": True}, 0, 0, 0, 0, 0, 0,
    ),
}


UNFILTERED = {
    "Total cost": "$255", "Total benefit": "$295", "Net benefit": "$40",
    "Benefit-cost ratio": "1.2x", "Organizations committed": "3",
    "Paid contributions": "$330", "Donor pledges, not yet paid": "$140", "Funding gap": "$980",
}


