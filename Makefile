# Between Sessions. `make run` and `make test` set everything up themselves.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: install run chat test timings lint validate transcripts bench clean train-screen train-coder \
	check-screen check-coder train-reader check-reader test-bytecode

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

# The shipped screen model is what its data gives, to a float16 step a weight (rounding on
# another processor). Trains in memory, ~10-40 s: kept out of pytest, which checks only the
# data's hash.
check-screen: $(TRAIN_STAMP)
	$(PY) -m tests.safety.train_screen --check

# PyTorch and the pretrained encoder, to train the crisis screen's reader (never the bot's)
READER_STAMP := $(VENV)/.reader-stamp
$(READER_STAMP): $(TRAIN_STAMP)
	$(PY) -m pip install --quiet -e '.[reader-train]'
	touch $(READER_STAMP)

# The crisis screen's reader, again from the data in tests/safety (seeded; ~40 min on 2 cores).
train-reader: $(READER_STAMP)
	$(PY) -m tests.safety.train_reader

# The shipped reader is what its data gives: the same bytes on one host, the same decisions
# on another (~25 min: kept out of pytest, which checks only the data's hash).
check-reader: $(READER_STAMP)
	$(PY) -m tests.safety.train_reader --check

# The practice partner's coder, again from tests/partner/corpus (seeded: the same bytes).
train-coder: $(TRAIN_STAMP)
	$(PY) -m tests.partner.train_coder

# The shipped coder is what training on tests/partner/corpus gives, bit for bit (~10 s of
# scikit-learn: kept out of pytest, whose test_coder.py checks the training data's hash).
check-coder: $(TRAIN_STAMP)
	$(PY) -m tests.partner.train_coder --check

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
# Telegram, end-to-end and studio tests, the flows' validation and the golden transcripts (all
# under pytest: tests/app/test_golden_transcripts.py and test_cli.py run what `between validate`
# and `between test` do, so they are not run again here; `make validate` and `make transcripts`
# print their reports). The screen's and the coder's bit-for-bit retraining first, so pytest's summary ends it.
test: install $(TRAIN_STAMP)
	$(MAKE) --no-print-directory -j3 --output-sync check-screen check-coder test-bytecode
	$(PY) -m pytest -q

# The test modules imported once, with pytest's rewritten asserts kept beside them (alongside the
# retraining, which leaves a core free): in a new checkout the four workers otherwise each
# rewrite the whole suite at the same moment (about 2 s of CPU each).
test-bytecode: install
	$(PY) -m pytest -q --collect-only -n 0 -p no:cacheprovider > /dev/null

# Style and types: ruff (lint and format) and mypy, configured in pyproject.toml.
# The suite's order on a new checkout (tests/scheduling.py): each test's wall and CPU seconds
# from one whole run, kept in tests/timings.json; rerun when tests are added or grow slower
# (with TEST_DATABASE_URL set: a skipped test keeps the figures it had).
timings: install
	BETWEEN_WRITE_TIMINGS=tests/timings.json $(PY) -m pytest -q

lint: install
	$(VENV)/bin/ruff check bot persistence
	$(VENV)/bin/ruff format --check bot persistence
	$(VENV)/bin/mypy bot persistence

bench: install
	$(PY) bench/run.py $(if $(QUICK),--quick,)

clean:
	rm -rf $(VENV) .pytest_cache *.egg-info
