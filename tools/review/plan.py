"""What the review shoots: data sets, states a reader uses, widths, and the shots they make.

No browser and no server here: plain data, so a unit test checks that every page of
dashboard/pages.py is covered and that every query parameter is one the app reads
(dashboard/query/params.py). The pages come from the page registry, never restated.

A state is a set of query parameters on the page's address (the same address a reader
copies): the app's sidebar and analysis controls read them (dashboard/ui/sidebar.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from dashboard import pages as registry
from dashboard.query import params

# the two widths of the issue: a desktop window and a phone (CSS pixels)
WIDTHS: dict[str, tuple[int, int]] = {"desktop": (1440, 1000), "phone": (390, 844)}
# a phone first: a reader on a phone arrives with the sidebar collapsed
WIDTH_ORDER: tuple[str, ...] = ("phone", "desktop")

PAGE_PATHS: tuple[str, ...] = tuple(p.url_path for p in registry.PAGES)
BRIEFING = "briefing"  # the pseudo-page of --pages that selects the briefing pack's pages


def _key(name: str) -> str:
    """A query parameter the app reads; anything else is a mistake here, said at import."""
    if name not in params.FILTER_KEYS + params.ANALYSIS_KEYS:
        raise ValueError(f"tools/review/plan.py: query parameter {name!r} is not one of "
                         f"dashboard/query/params.py's {params.FILTER_KEYS + params.ANALYSIS_KEYS}")
    return name


AGENCY, CATEGORY, BUDGET, COMPARE = _key("agency"), _key("category"), _key("budget"), _key("compare")


@dataclass(frozen=True)
class DataSet:
    name: str
    description: str


SAMPLE = DataSet("sample", "the shipped sample (data/)")
ODD = DataSet("odd", "odd data: 12 initiatives with long names, 40 organizations, $1 to $10B "
                     "(tests/odd_data.py)")
ONE = DataSet("one", "one initiative, one organization, one contribution (tests/odd_data.py)")
DATASETS: tuple[DataSet, ...] = (SAMPLE, ODD, ONE)

# the values of the sample's states: an organization and a category the sample holds, a
# budget that picks some initiatives and not all
SAMPLE_AGENCY = "UNDP"
SAMPLE_CATEGORY = "Working together"
SAMPLE_BUDGET = "50000000"


@dataclass(frozen=True)
class State:
    name: str
    description: str
    dataset: str
    query: tuple[tuple[str, str], ...] = ()
    pages: tuple[str, ...] = PAGE_PATHS  # url paths

    @property
    def query_string(self) -> str:
        return urlencode(self.query)


def states(compare_with: str) -> tuple[State, ...]:
    """Every state of the review; compare_with: an earlier sample snapshot (What changed)."""
    return (
        State("default", "as opened, no filter", SAMPLE.name),
        State("organization", f"one organization ({AGENCY}={SAMPLE_AGENCY})", SAMPLE.name,
              ((AGENCY, SAMPLE_AGENCY),)),
        State("category", f"one category ({CATEGORY}={SAMPLE_CATEGORY})", SAMPLE.name,
              ((CATEGORY, SAMPLE_CATEGORY),)),
        State("budget", f"a budget of ${int(SAMPLE_BUDGET):,} ({BUDGET}={SAMPLE_BUDGET})",
              SAMPLE.name, ((BUDGET, SAMPLE_BUDGET),), ("prioritization",)),
        State("comparison", f"compared with the {compare_with} snapshot "
                            f"({COMPARE}={compare_with})",
              SAMPLE.name, ((COMPARE, compare_with),), ("what-changed",)),
        State("default", "as opened, no filter", ODD.name),
        State("default", "as opened, no filter", ONE.name),
    )


# the briefing pack (sample data): its command's options for each state
BRIEFING_STATES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("default", "as opened, no filter", ()),
    ("organization", f"one organization (--agency {SAMPLE_AGENCY})",
     ("--agency", SAMPLE_AGENCY)),
)


@dataclass(frozen=True)
class Shot:
    dataset: str
    state: State
    page: str  # url path
    width: str  # a key of WIDTHS

    @property
    def file(self) -> str:
        return f"{self.dataset}_{self.state.name}_{self.page}_{self.width}.png"

    @property
    def title(self) -> str:
        return registry.BY_URL[self.page].title


def _check_choice(option: str, given: Iterable[str] | None, allowed: Sequence[str]) -> None:
    bad = [g for g in (given or ()) if g not in allowed]
    if bad:
        raise ValueError(f"{option} {', '.join(bad)}: not known; choose from "
                         f"{', '.join(allowed)}")


def all_state_names(compare_with: str = "2000-01-01") -> tuple[str, ...]:
    return tuple(dict.fromkeys(s.name for s in states(compare_with)))


def shots(compare_with: str, pages: Sequence[str] | None = None,
          state_names: Sequence[str] | None = None,
          widths: Sequence[str] | None = None,
          datasets: Sequence[str] | None = None) -> list[Shot]:
    """The shots of a run, grouped by data set, then state and page, then width (the shots of
    one address come together). None: every one; an unknown name: ValueError."""
    _check_choice("--pages", pages, (*PAGE_PATHS, BRIEFING))
    _check_choice("--states", state_names, all_state_names(compare_with))
    _check_choice("--widths", widths, tuple(WIDTHS))
    _check_choice("--data", datasets, tuple(d.name for d in DATASETS))
    out: list[Shot] = []
    for ds in DATASETS:
        if datasets and ds.name not in datasets:
            continue
        for st in states(compare_with):
            if st.dataset != ds.name or (state_names and st.name not in state_names):
                continue
            for page in st.pages:
                if pages and page not in pages:
                    continue
                out += [Shot(ds.name, st, page, w) for w in WIDTH_ORDER
                        if not widths or w in widths]
    return out


def briefing_states(pages: Sequence[str] | None = None,
                    state_names: Sequence[str] | None = None,
                    datasets: Sequence[str] | None = None,
                    ) -> list[tuple[str, str, tuple[str, ...]]]:
    """The briefing renders of a run (of the sample data): every one unless --pages or
    --data leaves it out."""
    if (pages and BRIEFING not in pages) or (datasets and SAMPLE.name not in datasets):
        return []
    return [b for b in BRIEFING_STATES if not state_names or b[0] in state_names]
