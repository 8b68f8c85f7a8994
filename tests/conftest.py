from __future__ import annotations

import pytest

from dashboard.query.db import Database
from dashboard.query.filters import Filters
from tests import fixture_data


@pytest.fixture(scope="session")
def fixture_dir(tmp_path_factory):
    """A data directory holding the hand-checkable fixture snapshot (read-only for tests)."""
    d = tmp_path_factory.mktemp("fixture-data")
    fixture_data.build(d)
    return d


@pytest.fixture(scope="session")
def db(fixture_dir):
    database = Database(fixture_dir)
    yield database
    database.close()


@pytest.fixture
def f0():
    """No filters on the fixture snapshot."""
    return Filters(snapshot=fixture_data.FIXTURE_AS_OF)
