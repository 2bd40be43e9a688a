# Two commands for a fresh clone: `make demo` and `make test`. Both create or reuse .venv.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install bench clean i18n

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/salesbot demo

test: $(STAMP)
	$(BIN)/python -m pytest -q

# Every speed target (bench/summary.py; needs wrk: apt-get install wrk). DATABASE_URL adds PostgreSQL runs.
bench: $(STAMP)
	$(BIN)/python bench/summary.py

# Message catalogs: extract what the code says (pybabel's extractor, plus every command's name and summary from
# the registry), merge it into each locale's .po, and compile the .mo files (the bot compiles a missing one itself).
POT := handlers/i18n/locales/salesbot.pot
i18n: $(STAMP)
	$(BIN)/pybabel extract -k L_ -k N_ -k pgettext:1c,2 -k ngettext:1,2 --no-default-keywords -k _ \
		-c i18n: -w 120 -o $(POT) handlers adapters bot
	$(BIN)/python -m handlers.i18n.extract $(POT)
	$(BIN)/pybabel update -i $(POT) -d handlers/i18n/locales -D salesbot -w 120 --no-fuzzy-matching --ignore-obsolete
	$(BIN)/pybabel compile -d handlers/i18n/locales -D salesbot --statistics

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis salesbot.db salesbot.db-* charts
