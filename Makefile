# make install: the virtualenv with everything; make run: migrate and start; make test: all checks;
# make bench: every benchmark's figure in one table (a throw-away PostgreSQL for the cluster one
# when it can start one; BENCH_ARGS="--only cluster" runs some); make demo: a tour without QQ.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install run test lint typecheck pytest bench demo clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) (Python 3.11)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: install
	@test -f .env || { \
	  token=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(24))'); \
	  sed "s/^ONEBOT_ACCESS_TOKEN=.*/ONEBOT_ACCESS_TOKEN=$$token/" .env.example > .env; \
	  echo "created .env with a new access token: give NapCat the same token: $$token"; }
	$(PY) manage.py migrate
	$(PY) bot.py

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: install
	$(VENV)/bin/mypy

pytest: install
	$(VENV)/bin/pytest

test: lint typecheck pytest

# The cluster benchmark needs PostgreSQL: without QUNGUI_TEST_PG_URL, a throw-away server is
# started when it can be (root, Debian's postgresql installed); otherwise it is skipped.
bench: install
	@if [ -z "$$QUNGUI_TEST_PG_URL" ] && [ "$$(id -u)" = 0 ] && ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then \
	  bash -c '. .ci/postgres.sh && $(PY) -m bench $(BENCH_ARGS)'; \
	else \
	  $(PY) -m bench $(BENCH_ARGS); \
	fi

demo: install
	$(PY) -m demo.tour

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
