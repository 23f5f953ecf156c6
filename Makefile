# The two quick-start commands are `make run` and `make test`; both install what they need first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed-stamp

.PHONY: install run test lint migrations-check messages bench loadtest two-servers soak soak-restart-db \
	soak-stop-mail soak-failures

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# The settings default to production's (debug off, two-factor required of staff). The demo turns debug on, and the
# two-factor requirement off: its staff account has no authenticator app. The tests do the same (pyproject.toml).
run: export DJANGO_DEBUG = 1
run: export DJANGO_STAFF_REQUIRE_2FA = 0
# The mail worker runs beside the development server and prints each queued e-mail to this console; it stops with it.
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py deliver_mail --every 3 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .

# Commands for a developer's machine: debug on, so that no secret key is needed.
migrations-check messages: export DJANGO_DEBUG = 1

migrations-check: install
	$(BIN)/python manage.py makemigrations --check --dry-run

# Needs GNU gettext (Debian: gettext). The compiled catalogues are committed, so running the portal does not.
messages: install
	$(BIN)/python manage.py makemessages --locale pl --ignore ".venv/*" --ignore "staticfiles/*" --ignore "tests/*"
	$(BIN)/python manage.py compilemessages --locale pl --ignore ".venv/*"

bench: install
	$(BIN)/python bench/run.py

loadtest: install
	$(BIN)/python bench/loadtest.py $(LOADTEST_ARGS)

two-servers: install
	$(BIN)/python bench/two_servers.py

soak: install
	$(BIN)/python bench/soak.py $(SOAK_ARGS)

# The soak through a failure: PostgreSQL restarted in the middle (a cluster of the script's own, never the shared
# server), or the SMTP server stopped for a minute in the middle (aiosmtpd, the script's own). SOAK_ARGS shortens them.
soak-restart-db: install
	$(BIN)/python bench/soak.py --restart-db $(SOAK_ARGS)

soak-stop-mail: install
	$(BIN)/python bench/soak.py --stop-mail 60 $(SOAK_ARGS)

soak-failures: soak-restart-db soak-stop-mail
