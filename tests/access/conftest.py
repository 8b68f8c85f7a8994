"""The Load data page's fixtures (tests/load_page.py): a data directory, and the provider's
answers to the re-check at Publish."""

from tests.load_page import data_dir, provider  # noqa: F401 - fixtures
