# Minutes Tracker. `make run` serves the demo; `make test` runs the whole test suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
DEMO_PASSWORD ?= minutes-demo-2023
export DEMO_PASSWORD

# Property-based fuzzing of every form and the importer with a long budget (Hypothesis).
.PHONY: run setup test test-clocks test-e2e fuzz lint format migrations-check check-deploy demo clean \
	node-tools loadtest backup-check bench messages

# axe-core and the W3C Nu checker (vnu-jar) for the accessibility tests; only where npm exists
# (the tests that need them skip with the reason otherwise, and fail under REQUIRE_E2E).
NPM := $(shell command -v npm 2>/dev/null)
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

node-tools: node_modules/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	test -x $(VENV)/bin/uv || $(PY) -m pip install --quiet --disable-pip-version-check uv
	$(VENV)/bin/uv pip install --quiet --compile-bytecode --python $(PY) -r pyproject.toml --extra dev
	touch $@

# The French and Spanish catalogues, compiled in pure Python (no gettext tools needed).
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))
locale/%.mo: locale/%.po $(VENV)/.installed
	$(PY) scripts/compile_messages.py $<

setup: $(VENV)/.installed $(MO_FILES) $(if $(NPM),node_modules/.installed)

# Collect every marked string into the catalogues (needs gettext's xgettext); then translate
# the new (empty) entries, and `make test` checks that none is left untranslated or fuzzy.
messages: setup
	$(PY) scripts/make_messages.py
	$(PY) scripts/compile_messages.py

run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@echo ""
	@echo "Minutes Tracker on http://127.0.0.1:$(PORT)/"
	@echo "Demo logins: secretariat, principal (UNHCR), principal2 (UNICEF), admin"
	@echo "Password: $(DEMO_PASSWORD)"
	@echo ""
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

demo: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo

test: setup
	$(PY) -m pytest $(PYTEST_ARGS)

fuzz: setup
	HYPOTHESIS_PROFILE=long $(PY) -m pytest -p no:warnings tests/fuzz $(PYTEST_ARGS)

# The tests that depend on "now" (marked clock), at 02:30 UTC (New York still on the day
# before) and at 14:00 UTC (both on the same day): a date taken in the wrong zone fails one.
test-clocks: setup
	MINUTES_TEST_CLOCK=02:30 $(PY) -m pytest -m clock $(PYTEST_ARGS)
	MINUTES_TEST_CLOCK=14:00 $(PY) -m pytest -m clock $(PYTEST_ARGS)

test-e2e: setup
	$(PY) -m pytest tests/e2e $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations-check: setup
	$(PY) manage.py makemigrations --check --dry-run

check-deploy: setup
	DEBUG=false SECRET_KEY=check-deploy-$$(date +%s)-not-a-real-secret-but-long-enough-to-pass ALLOWED_HOSTS=minutes.example.org \
		$(PY) manage.py check --deploy --fail-level WARNING

# 50 clients for 60 s on gunicorn + PostgreSQL, then a PostgreSQL restart under load.
loadtest: setup
	scripts/loadtest.sh

# Every page under wrk at scale 1 and scale 100 against a floor page; writes docs/benchmarks.md.
bench: setup
	scripts/bench.sh $(BENCH_ARGS)

# pg_dump, restore into a scratch database, compare the row counts of every table.
backup-check: setup
	scripts/backup_restore_check.sh

clean:
	rm -rf $(VENV) staticfiles node_modules
