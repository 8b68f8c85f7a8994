# Two commands do all the set-up on a fresh machine:
#   make run   install, then serve the dashboard on the shipped sample data
#              (dashboard/server.py: the st.App serving dashboard/app.py behind its guard)
#   make test  install (Chromium included), then every test, the real-browser ones too
#              (CI runs this), on $(TEST_WORKERS) pytest-xdist workers
# Everyday: make test-fast (no browser, no slow test; a minute or two).
#   make review  screenshots of every page and the briefing's pages for a reader's review
#              (docs/review.md); REVIEW_ARGS="--pages funding --widths phone" takes a subset
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501
CHROMIUM ?= /usr/bin/chromium
# two workers: the machine has two cores; each worker has its own Streamlit server, port,
# Chromium and tmp dirs (tests/browser/conftest.py); worksteal keeps both busy to the end
TEST_WORKERS ?= 2
XDIST := -n $(TEST_WORKERS) --dist worksteal

.PHONY: install chromium nginx run test test-fast lint bench sample clean review messages \
	messages-compile

# the French catalogue (docs/translating.md): its .po is in the repository, the compiled
# .mo is built here (never committed, so it cannot drift from the .po)
LOCALE := dashboard/lang/locale
MO := $(LOCALE)/fr/LC_MESSAGES/messages.mo

install: $(VENV)/.installed $(MO)

$(MO): $(LOCALE)/fr/LC_MESSAGES/messages.po $(VENV)/.installed
	$(VENV)/bin/pybabel compile -d $(LOCALE) -D messages --statistics

messages-compile: $(MO)

# after changing a text a reader sees: extract every message from the code into
# messages.pot, then bring the French catalogue up to date (new messages empty, gone ones
# dropped); translate the empty ones, then `make` compiles (the catalogue test fails
# until every message is translated)
messages: $(VENV)/.installed
	$(VENV)/bin/pybabel extract -F babel.cfg --no-location --sort-output \
		--project "ICT portfolio dashboard" --add-comments "TRANSLATORS:" --width 88 \
		-o $(LOCALE)/messages.pot .
	$(VENV)/bin/pybabel update -i $(LOCALE)/messages.pot -d $(LOCALE) -D messages \
		--no-fuzzy-matching --ignore-obsolete --width 88

$(VENV)/.installed: requirements.txt requirements-dev.txt
	[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt -r requirements-dev.txt
	touch $@

# Debian's Chromium for the browser tests and the briefing PDF (Playwright cannot download
# its own here), and poppler-utils (pdftoppm) for the briefing tests' page renders.
chromium:
	@if [ ! -x "$(CHROMIUM)" ] || ! command -v pdftoppm >/dev/null; then \
		echo "installing Debian's chromium and poppler-utils"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-dejavu-core \
			poppler-utils; \
	fi
	@$(CHROMIUM) --version

# Debian's nginx for the load-balancer test (tests/browser/test_balancer.py runs it
# unprivileged on a generated configuration; docs/deploy.md). Its system service is not
# needed: where the package's install started it (port 80), it is stopped again.
nginx:
	@if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then \
		echo "installing Debian's nginx"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nginx && \
		{ $$SUDO invoke-rc.d nginx stop >/dev/null 2>&1 || true; }; \
	fi
	@/usr/sbin/nginx -v

run: install
	$(PY) -m streamlit run dashboard/server.py --server.port $(PORT)

test: install chromium nginx
	$(PY) -m ruff check dashboard bench deploy tests tools
	$(PY) -m pytest $(XDIST) --durations=15

test-fast: install
	$(PY) -m pytest $(XDIST) -m "not browser and not slow"

# every page at 1440 and 390 px in the states a reader uses, over the sample and the odd
# data, and the briefing pack's pages, under review/<timestamp>/ with an index.md
review: install chromium
	$(PY) -m tools.review $(REVIEW_ARGS)

lint: install
	$(PY) -m ruff check dashboard bench deploy tests tools
	$(PY) -m ruff format --check dashboard bench deploy tests tools

bench: install
	$(PY) -m dashboard bench --out docs/bench-results.json

# Regenerate the shipped sample snapshots (a test proves they equal the generator's output).
sample: install
	rm -rf data/snapshots
	$(PY) -m dashboard generate --out data

clean:
	rm -rf $(VENV) .pytest_cache test-artifacts
