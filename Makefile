# LokerWarga: `make run` serves the demo, `make test` runs the whole suite.
VENV   := .venv
PY     := $(VENV)/bin/python
FLASK  := $(VENV)/bin/flask --app app
PORT   ?= 5000
PYTHON ?= python3

.PHONY: setup run test serve clean lighthouse

MO := translations/en/LC_MESSAGES/messages.mo
# The icon sprite holds only the icons the templates name (app/core/icons.py), so it is built
# again whenever a template changes.
SPRITE := static/vendor/icons.svg
TEMPLATES := $(shell find templates -name '*.html')

setup: $(VENV)/.installed static/vendor/.installed $(SPRITE) $(MO)

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

static/vendor/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	mkdir -p static/vendor
	cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx.min.js
	cp node_modules/jsqr/dist/jsQR.js static/vendor/jsQR.js
	touch $@

$(SPRITE): static/vendor/.installed $(VENV)/.installed app/core/icons.py $(TEMPLATES)
	$(PY) -m app.core.icons --templates templates --source node_modules/lucide-static/icons --out $@

$(MO): translations/en/LC_MESSAGES/messages.po $(VENV)/.installed
	$(VENV)/bin/pybabel compile -d translations

# The background-job worker (`flask worker`) runs beside the web server and stops with it.
WITH_WORKER = $(FLASK) worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; trap 'exit 130' INT; trap 'exit 143' TERM;

# `make serve` runs it under a supervisor that starts it again if it ever exits.
SUPERVISED_WORKER = $(FLASK) worker --supervise & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; trap 'exit 130' INT; trap 'exit 143' TERM;

run: setup
	$(FLASK) db upgrade
	$(FLASK) demo --if-empty
	@$(WITH_WORKER) $(FLASK) run --host 127.0.0.1 --port $(PORT)

# Production: gunicorn (gunicorn.conf.py) on 127.0.0.1:$(PORT), same settings and database as `run`.
serve: setup
	$(FLASK) db upgrade
	@$(SUPERVISED_WORKER) PORT=$(PORT) $(VENV)/bin/gunicorn -c gunicorn.conf.py

test: setup
	$(VENV)/bin/bandit -q -r app demo matching evaluation --severity-level medium
	env -u TEST_DATABASE_URL $(PY) -m pytest
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "== again on PostgreSQL ($$TEST_DATABASE_URL), browser tests excluded =="; \
		$(PY) -m pytest -m "not browser"; \
	fi

# Lighthouse scores of the three home pages on the demo data (not part of `make test`).
lighthouse: setup
	$(PY) bench/lighthouse.py

clean:
	rm -rf $(VENV) node_modules static/vendor
