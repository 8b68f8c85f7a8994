from __future__ import annotations

import pytest

from dashboard.query.db import Database
from dashboard.query.filters import Filters
from tests import fixture_data, odd_data
from tests.apptest import open_app


@pytest.fixture(scope="session")
def fixture_dir(tmp_path_factory):
    """A data directory holding the hand-checkable fixture snapshot (read-only for tests)."""
    d = tmp_path_factory.mktemp("fixture-data")
    fixture_data.build(d)
    return d


@pytest.fixture(scope="session")
def open_database():
    """The one way a test opens a Database: one per data directory, all closed when the
    session ends."""
    opened: dict[str, Database] = {}

    def open_(data_dir) -> Database:
        key = str(data_dir)
        if key not in opened:
            opened[key] = Database(data_dir)
        return opened[key]

    yield open_
    for database in opened.values():
        database.close()


@pytest.fixture(scope="session")
def db(fixture_dir, open_database):
    return open_database(fixture_dir)


@pytest.fixture(scope="session")
def odd_db(tmp_path_factory, open_database):
    """The odd data set (tests/odd_data.py) beside an older fixture snapshot to compare with."""
    d = tmp_path_factory.mktemp("odd-data")
    odd_data.build(d)
    fixture_data.build(d, as_of="2005-01-01")
    return open_database(d)


@pytest.fixture
def f0():
    """No filters on the fixture snapshot."""
    return Filters(snapshot=fixture_data.FIXTURE_AS_OF)


@pytest.fixture
def app(fixture_dir, monkeypatch):
    """The app in AppTest over the fixture snapshot."""
    return open_app(fixture_dir, monkeypatch)
