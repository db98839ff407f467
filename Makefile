# Between Sessions. `make run` and `make test` set everything up themselves.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: install run chat test lint validate transcripts bench clean train-screen train-coder \
	check-screen

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed (set PYTHON=python3.11)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# scikit-learn, to train the crisis screen's learned layer (the bot itself never needs it)
TRAIN_STAMP := $(VENV)/.train-stamp
$(TRAIN_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[train]'
	touch $(TRAIN_STAMP)

# The learned crisis screen, again from the data in tests/safety (seeded: the same bytes).
train-screen: $(TRAIN_STAMP)
	$(PY) -m tests.safety.train_screen

# The shipped screen model is what its data gives, bit for bit (trains in memory, ~10-40 s:
# kept out of pytest, which checks only the data's hash).
check-screen: $(TRAIN_STAMP)
	$(PY) -m tests.safety.train_screen --check

# The practice partner's coder, again from tests/partner/corpus (seeded: the same bytes).
train-coder: $(TRAIN_STAMP)
	$(PY) -m tests.partner.train_coder

# Bytecode is written here (only for changed files), also where PYTHONDONTWRITEBYTECODE is set:
# otherwise every start compiles our modules again (~0.2 s of the bot's start-up).
install: $(STAMP)
	@$(PY) -m compileall -q bot persistence

# The bot with TELEGRAM_BOT_TOKEN set; otherwise the terminal chat on the bundled flows.
run: install
	$(VENV)/bin/between run

chat: install
	$(VENV)/bin/between chat

validate: install
	$(VENV)/bin/between validate

transcripts: install
	$(VENV)/bin/between test

# Everything: unit, store contract (SQLite, and PostgreSQL when TEST_DATABASE_URL is set),
# Telegram and end-to-end tests, then the flows' validation and golden transcripts.
test: install $(TRAIN_STAMP) check-screen
	$(PY) -m pytest -q
	$(VENV)/bin/between validate
	$(VENV)/bin/between test

# Style and types: ruff (lint and format) and mypy, configured in pyproject.toml.
lint: install
	$(VENV)/bin/ruff check bot persistence
	$(VENV)/bin/ruff format --check bot persistence
	$(VENV)/bin/mypy bot persistence

bench: install
	$(PY) bench/run.py $(if $(QUICK),--quick,)

clean:
	rm -rf $(VENV) .pytest_cache *.egg-info
