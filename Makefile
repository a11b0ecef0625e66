# The newcomer's commands: `make demo` and `make test`. See README.md.
PY := .venv/bin/python
PORT ?= 8000
TEST_DATABASE_URL ?= $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/portal)
TEST_REDIS_URL ?= $(or $(REDIS_URL),redis://127.0.0.1:6379/0)
# The demo runs on its embedded defaults: SQLite under var/, Celery eager, memory cache.
# PORT reaches the settings so SITE_URL (links in PDFs, QR codes, e-mails) is the served address.
DEMO_ENV := env -u DATABASE_URL -u REDIS_URL DJANGO_SETTINGS_MODULE=portal.settings.local PORT=$(PORT)

.PHONY: demo test install lint messages demo-check

install: .venv/.installed

.venv/.installed: pyproject.toml
	test -d .venv || python3 -m venv .venv
	.venv/bin/pip install --quiet --upgrade pip
	.venv/bin/pip install --quiet ".[dev]"
	touch $@

demo: install
	$(DEMO_ENV) $(PY) manage.py translations compile
	$(DEMO_ENV) $(PY) manage.py migrate --noinput
	$(DEMO_ENV) $(PY) manage.py seed_demo
	$(DEMO_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(PY) manage.py translations compile
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(PY) -m pytest --create-db -n 2 $(PYTEST_ARGS)

lint: install
	$(PY) -m ruff check .
	$(PY) -m mypy
	.venv/bin/djlint templates --lint

# Regenerate the catalogues from the code and locale/sources/*.json (needs GNU gettext).
messages: install
	mkdir -p var && flock var/messages.lock $(PY) manage.py translations update
