# make install: the virtualenv with everything; make run: migrate and start; make test: all checks;
# make bench: every benchmark's figure in one table; make demo: a tour of the bot without QQ.
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

bench: install
	$(PY) -m bench

demo: install
	$(PY) -m demo.tour

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
