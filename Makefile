# Two commands do all the set-up on a fresh machine:
#   make run   install, then serve the dashboard on the shipped sample data
#   make test  install (Chromium included), then every test, the real-browser ones too
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501
CHROMIUM ?= /usr/bin/chromium

.PHONY: install chromium run test test-fast lint bench sample clean

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt -r requirements-dev.txt
	touch $@

# Debian's Chromium for the browser tests (Playwright cannot download its own here).
chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
		echo "installing Debian's chromium"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-dejavu-core; \
	fi
	@$(CHROMIUM) --version

run: install
	$(PY) -m streamlit run dashboard/app.py --server.port $(PORT)

test: install chromium
	$(PY) -m ruff check dashboard tests
	$(PY) -m pytest

test-fast: install
	$(PY) -m pytest -m "not browser"

lint: install
	$(PY) -m ruff check dashboard tests
	$(PY) -m ruff format --check dashboard tests

bench: install
	$(PY) -m dashboard bench --out docs/bench-results.json

# Regenerate the shipped sample snapshots (a test proves they equal the generator's output).
sample: install
	rm -rf data/snapshots
	$(PY) -m dashboard generate --out data

clean:
	rm -rf $(VENV) .pytest_cache test-artifacts
