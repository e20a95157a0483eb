PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
RUNTIME_STAMP := $(VENV)/.installed-runtime
# The task worker: the database's by default, RQ's (with its scheduler, for deferred
# tasks) when DJANGO_TASKS_BACKEND names the Redis backend.
WORKER := $(if $(filter django_tasks_rq.RQBackend,$(DJANGO_TASKS_BACKEND)),\
  $(BIN)/python manage.py rqworker --with-scheduler default,\
  $(BIN)/python manage.py db_worker)

.PHONY: install install-runtime browser nginx demo-data run serve test scale-test lint bench messages web web-test web-dev web-types

# The web portals (web/): installed from the lock file, rebuilt when a source changed.
WEB_DEPS := web/node_modules/.installed
WEB_BUILT := web/dist/.built
WEB_SOURCES := $(shell find web/src web/public web/scripts -type f 2>/dev/null) \
	$(wildcard web/index.html web/*.ts web/*.json)

# Development and tests install requirements-dev.txt (the runtime and the tools);
# production only requirements.txt.
install: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP) $(RUNTIME_STAMP)

install-runtime: $(RUNTIME_STAMP)

$(RUNTIME_STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(RUNTIME_STAMP)

demo-data: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seal_demo
	$(BIN)/python manage.py seed_demo

$(WEB_DEPS): web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	touch $@

$(WEB_BUILT): $(WEB_DEPS) $(WEB_SOURCES)
	cd web && npm run build
	touch $@

web: $(WEB_BUILT)

# Front-end lint (ESLint, Prettier), unit tests, the committed API types against the
# committed schema, and the first-load size budget.
web-test: $(WEB_BUILT)
	cd web && npm run lint && npm test && npm run check-types && npm run size

# After an API change: the schema the server generates, and the types built from it.
web-types: install $(WEB_DEPS)
	DJANGO_SETTINGS_MODULE=cms.settings.test $(BIN)/python manage.py spectacular \
	  --format openapi-json --file web/openapi.json
	cd web && npm run types

# Vite's dev server (http://127.0.0.1:5173/p/<key>/) proxied to Django on $(PORT).
web-dev: demo-data $(WEB_DEPS)
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT) & server=$$!; \
	trap 'kill $$server 2>/dev/null' EXIT INT TERM; \
	cd web && npm run dev

# The task worker (batch account generation) runs beside the server and stops with it.
run: demo-data web
	$(BIN)/python manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Production on this machine: gunicorn (deploy/gunicorn.conf.py, GUNICORN_BIND) with the
# production settings, and the task worker beside it (see WORKER), against what
# DATABASE_URL, REDIS_URL and the DJANGO_S3_* variables name; the web portals built and
# the static files collected first. Migrations are a release step of their own
# (`manage.py migrate`, once, before the new code starts).
serve: export DJANGO_SETTINGS_MODULE = cms.settings.production
serve: install-runtime web
	$(BIN)/python manage.py collectstatic --noinput
	$(WORKER) & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn -c deploy/gunicorn.conf.py cms.wsgi

# The browser tests drive Chromium: Debian's package, installed here when missing and
# this is Debian as root (CI); Playwright's own build on any other machine.
browser: install
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	else $(BIN)/python -m playwright install chromium; fi

# nginx, whose configuration (deploy/nginx/portail.conf) the tests check with `nginx -t`:
# Debian's package, installed here when missing and this is Debian as root (CI).
nginx:
	@if command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx; \
	else echo "nginx not installed: tests/ops/test_nginx.py will be skipped"; fi

test: install browser nginx web-test
	$(BIN)/python -m pytest

# The scale scenario on this machine (tests/cluster/scenario.py): nginx, two app nodes,
# two task workers, PostgreSQL, Redis and S3 on loopback; load, a batch, a node killed,
# PostgreSQL restarted (it restarts the machine's server: run it alone). About 10 min.
scale-test: install nginx
	$(BIN)/python -m tests.cluster.scenario

lint: install
	$(BIN)/ruff check .

bench: install browser web
	$(BIN)/python -m bench

# Needs GNU gettext; the compiled catalogues are committed so that nobody else does.
# Our strings are French in the code: the fr catalogue repeats them (msgen) so that
# French plural rules apply ("0 personne"); en holds their English.
FR_PO := locale/fr/LC_MESSAGES/django.po
messages: install
	$(BIN)/python manage.py makemessages -l en -l fr --ignore=.venv --ignore=var
	# A changed string comes back fuzzy with its old text, which msgen keeps: empty it
	# first so that msgen writes the French as it now stands.
	msgattrib --clear-fuzzy --empty -o $(FR_PO) $(FR_PO)
	msgen -o $(FR_PO) $(FR_PO)
	$(BIN)/python manage.py compilemessages --ignore=.venv
