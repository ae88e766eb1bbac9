# The two commands: `make run` (set up and serve) and `make test` (the whole suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup vendor chromium lint messages worker beat serve-production bench-load

# JavaScript from npm, served as our own static files (never a CDN): `npm ci`
# installs exactly package-lock.json, then only the files pages load are copied
# (UMD builds for plain <script> tags, no bundler). Rebuilt when the lock changes.
# Blockly 13 has keyboard navigation in its core: the @blockly/keyboard-navigation
# plugin (3.x, for Blockly 12) fails to load on it and is not used.
# Pyodide: its ES module, the WebAssembly interpreter and the standard library,
# loaded by the Python exercise's worker on the first run only.
VENDOR := static/vendor
BLOCKLY := node_modules/blockly
PYODIDE := node_modules/pyodide
$(VENDOR)/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --omit=peer --loglevel=error
	rm -rf $(VENDOR)
	mkdir -p $(VENDOR)/blockly/msg $(VENDOR)/blockly/media
	cp $(BLOCKLY)/blockly_compressed.js $(BLOCKLY)/LICENSE $(VENDOR)/blockly/
	cp $(BLOCKLY)/msg/fr.js $(BLOCKLY)/msg/de.js $(BLOCKLY)/msg/nl.js $(BLOCKLY)/msg/en.js $(VENDOR)/blockly/msg/
	cp $(BLOCKLY)/media/1x1.gif $(BLOCKLY)/media/*.cur \
	  $(BLOCKLY)/media/*.svg $(VENDOR)/blockly/media/
	mkdir -p $(VENDOR)/pyodide
	cp $(PYODIDE)/pyodide.mjs $(PYODIDE)/pyodide.asm.mjs $(PYODIDE)/pyodide.asm.wasm \
	  $(PYODIDE)/python_stdlib.zip $(PYODIDE)/pyodide-lock.json $(PYODIDE)/README.md \
	  $(VENDOR)/pyodide/
	# Their source maps are not copied: the comments naming them would make the
	# production collectstatic (whitenoise's manifest) fail on a missing file.
	sed -i '/^\/\/# sourceMappingURL=/d' $(VENDOR)/blockly/blockly_compressed.js \
	  $(VENDOR)/pyodide/pyodide.mjs
	# The JSON-LD contexts of Open Badges 3.0 Data Integrity proofs, from npm.
	node badges/jsonld/export_contexts.cjs $(VENDOR)/jsonld-contexts.json
	touch $@

vendor: $(VENDOR)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

setup: $(VENV)/.installed $(VENDOR)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo

run: setup
	@echo "Serving HTTP and WebSocket (ASGI) on http://$(HOST):$(PORT)/"
	$(PY) manage.py runserver $(HOST):$(PORT)

# Debian's chromium for the browser tests (never `playwright install`: offline).
chromium:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Install Debian's chromium: sudo apt-get install chromium" >&2; exit 1; fi; }

# The Open Badges 2.0 validator, in a virtual environment of its own (old pins).
VALIDATOR := .venv-obvalidator
$(VALIDATOR)/.installed: tests/badges/validator/requirements.txt
	$(PYTHON) -m venv $(VALIDATOR)
	$(VALIDATOR)/bin/pip install --quiet --no-deps -r $<
	touch $@

# One worker per core, at most four (config.settings_test gives each worker a
# database and a Redis database of its own). `pytest` alone runs in one process.
test: $(VENV)/.installed $(VALIDATOR)/.installed $(VENDOR)/.installed chromium
	$(VENV)/bin/pytest --numprocesses=auto --maxprocesses=4

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Extract and compile translations (fr, de, nl, en).
messages: $(VENV)/.installed
	$(PY) manage.py makemessages -l fr -l de -l nl -l en --ignore=.venv --ignore=.venv-obvalidator --ignore=tests --ignore=node_modules
	$(PY) manage.py compilemessages --ignore=.venv --ignore=.venv-obvalidator

# Production shape: PRODUCTION=true, DATABASE_URL, REDIS_URL and SECRET_KEY set.
worker: $(VENV)/.installed
	$(VENV)/bin/celery -A config worker --loglevel=info

beat: $(VENV)/.installed
	$(VENV)/bin/celery -A config beat --loglevel=info

serve-production: $(VENV)/.installed
	$(PY) manage.py collectstatic --noinput
	$(VENV)/bin/daphne -b $(HOST) -p $$(($(PORT) + 1)) config.asgi:application &
	$(VENV)/bin/gunicorn config.wsgi:application -w $$((2 * $$(nproc) + 1)) -b $(HOST):$(PORT)

# The load benchmark on the production shape (bench/README.md): PostgreSQL and
# Redis local, locust from the `bench` extra (`$(VENV)/bin/pip install -e '.[bench]'`).
bench-load: $(VENV)/.installed $(VENDOR)/.installed
	bench/load/run.sh
