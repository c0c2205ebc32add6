# `make run` and `make test` work on a fresh clone: they build .venv themselves.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install lock run run-prod test test-e2e test-deploy lint format bench bench-http bench-mail demo docs outdated clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Every package at the version and hashes requirements.lock names (`make lock` writes it
# from pyproject.toml's ranges); then the project itself, which adds nothing.
$(STAMP): pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

# After a change to pyproject.toml's dependencies: pins the newest versions its ranges
# allow, with the hashes pip checks on every install.
lock: | $(BIN)/python
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --extra dev --strip-extras \
		--no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

# The demo summary's login link and absolute links (e-mails, share images) name the
# server `make run` starts, whatever PORT it is given; an exported SITE_URL wins.
demo run: export SITE_URL ?= http://$(HOST):$(PORT)

demo: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo

run: demo
	@echo ""
	@echo "  Newsroom is starting on http://$(HOST):$(PORT)/"
	@echo "  Admin: http://$(HOST):$(PORT)/admin/  (demo accounts are listed above)"
	@echo "  A task worker and the clock run beside it; Ctrl-C stops all three."
	@echo ""
	@trap 'kill $$worker $$clock 2>/dev/null; wait' EXIT INT TERM; \
	$(BIN)/python manage.py worker -v0 & worker=$$!; \
	$(BIN)/python manage.py clock -v0 & clock=$$!; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest --ignore=tests/browser --ignore=tests/deploy

# Browser tests: Playwright drives Debian's Chromium (apt-get install chromium; never a
# downloaded browser). Screenshots of every step land in artifacts/browser/. axe-core
# comes from the npm registry (package.json, package-lock.json) and is injected by the tests.
AXE := node_modules/axe-core/axe.min.js

$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $(AXE)

test-e2e: install $(AXE)
	$(BIN)/pytest tests/browser

# Deployment tests: real nginx, gunicorn, moto's S3 server, redis-server and pg_dump on
# loopback (free ports), PostgreSQL from NEWSROOM_TEST_POSTGRES (default the local server).
test-deploy: install
	$(BIN)/pytest tests/deploy --numprocesses=0

# The production stack on this machine (docs/deploy.md): PostgreSQL and Redis as they run
# here, nginx in front of gunicorn; NGINX_PORT, APP_PORTS, GUNICORN_WORKERS... from the env.
run-prod: install
	deploy/run-prod.sh

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install
	$(BIN)/python -m tests.benchmarks

# The production stack (gunicorn, PostgreSQL, Redis, an nginx micro-cache) under wrk, with
# a bare Django view as the ceiling; generates the archive the first time (not in `make test`).
# BENCH_ARTICLES=5000 for a quick run; BENCH_WAGTAIL=1 adds the Wagtail reference in the same
# run; BENCH_MODE=mixed reads while writing. See tests/benchmarks/http_bench.py for the settings.
bench-http: install
ifeq ($(BENCH_MODE),mixed)
	$(BIN)/python -m tests.benchmarks.mixed_bench
else
	$(BIN)/python -m tests.benchmarks.http_bench
endif

# 10,000 messages through two worker processes to a local SMTP server (aiosmtpd) on
# PostgreSQL; counts Message-IDs (0 lost, 0 twice) and the time. BENCH_MAIL_MESSAGES=...
bench-mail: install
	$(BIN)/python -m tests.benchmarks.mail_bench

# The README's and the staff guide's screenshots (docs/img/, docs/img/en/), taken in Debian's
# Chromium from a fresh demo in a temporary SQLite database (db.sqlite3 is left alone).
# DOCS_PORT picks the server's port (default: a free one). See docs/screenshots.py.
docs: install
	$(BIN)/python docs/screenshots.py

# The dependencies pyproject.toml names that are behind their latest release, with the
# range each is allowed (pip list --outdated through the configured index; see tools/outdated.py).
outdated: install
	@$(BIN)/python tools/outdated.py

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles artifacts run node_modules
