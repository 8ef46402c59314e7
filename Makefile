# onrecord: `make demo` and `make test` work on a fresh Debian machine with Python 3.11.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Two stamps: the runtime install (`make demo`, `make serve`) and the dev group on top of it
# (`make test`, lint, bench, eval, train). Each is redone only when pyproject.toml changes.
RUNTIME_STAMP := $(VENV)/.installed-runtime
DEV_STAMP := $(VENV)/.installed-dev
SHARED ?= ../shared
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install install-runtime system-deps demo serve test test-fast lint bench bench-deps bench-quick bench-web eval eval-accurate train train-accurate calibrate-accurate clean

# The development install: onrecord, its runtime dependencies and the dev group (pytest, mypy,
# ruff, ray, playwright, schemathesis, torch for training).
install: $(DEV_STAMP)

# onrecord and its runtime dependencies only: what `make demo` and `make serve` need.
install-runtime: $(RUNTIME_STAMP)

$(RUNTIME_STAMP): pyproject.toml
	@# Debian splits venv support into python3-venv; install it when it is missing.
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); $(SUDO) apt-get update -qq && \
		$(SUDO) apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/pip install --quiet --upgrade "pip>=25.1"
	$(BIN)/pip install --quiet -e .
	touch $(RUNTIME_STAMP)

$(DEV_STAMP): $(RUNTIME_STAMP) pyproject.toml
	$(BIN)/pip install --quiet --group dev
	touch $(DEV_STAMP)

# Debian packages the test suite needs: a real PostgreSQL server (tests start a throwaway cluster)
# and chromium for the web UI tests (driven by Playwright).
system-deps:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && [ -x /usr/bin/chromium ] || { \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
		postgresql chromium; }

# Analyses the bundled samples into a fresh SQLite store (demo.db), then reads it back.
demo: install-runtime
	@rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/onrecord ingest samples/ --db demo.db
	$(BIN)/onrecord stats --by outlet --db demo.db
	$(BIN)/onrecord sources --db demo.db --limit 12
	$(BIN)/onrecord quotes --db demo.db --limit 8
	$(BIN)/onrecord analyze samples/03_warehouse_fire.txt

# The web UI and REST API on http://127.0.0.1:8000 over DB (the demo store, built if missing).
DB ?= demo.db
serve: install-runtime
	@[ -f $(DB) ] || $(BIN)/onrecord ingest samples/ --db $(DB) --quiet
	$(BIN)/onrecord serve --db $(DB)

test: install system-deps
	$(BIN)/pytest -q

test-fast: install system-deps
	$(BIN)/pytest -q -m "not slow"

lint: install
	$(BIN)/ruff check onrecord tests benchmarks
	$(BIN)/mypy

# wrk: the load tool the web benchmark uses next to its own Python load generator.
bench-deps:
	@[ -x /usr/bin/wrk ] || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		$(SUDO) apt-get install -y -qq wrk; }

bench: install system-deps bench-deps
	$(BIN)/python benchmarks/bench_analyze.py --texts $(SHARED)/data/polnear/dev.jsonl --accurate
	$(BIN)/python benchmarks/bench_ingest.py
	$(BIN)/python benchmarks/bench_web.py
	$(BIN)/python benchmarks/bench_stories.py

# The web benchmark alone: x-ray render time, 20 concurrent clients, reads over 20,000 articles.
bench-web: install bench-deps
	$(BIN)/python benchmarks/bench_web.py

# The ingest benchmark at small sizes (2k-article scale run only): minutes, not an hour.
bench-quick: install system-deps bench-deps
	$(BIN)/python benchmarks/bench_ingest.py --quick
	$(BIN)/python benchmarks/bench_web.py --quick
	$(BIN)/python benchmarks/bench_stories.py --quick

# Scores onrecord on the shared dev sets: PolNeAR attributions and sources, wire records, times,
# PLOVER events and GeoWebNews places.
eval: install
	benchmarks/eval_dev.sh $(SHARED)
	benchmarks/eval_times.sh $(SHARED)
	benchmarks/eval_events.sh $(SHARED)
	$(BIN)/python benchmarks/eval_places.py $(SHARED)

# Scores story building (stories across outlets) on stories_dev and the UCI headlines (docs/stories.md).
eval-stories: install
	benchmarks/eval_stories.sh $(SHARED)

# The same scores for the accurate mode (the transformer beside the CRF).
eval-accurate: install
	ONRECORD_ACCURATE=1 benchmarks/eval_dev.sh $(SHARED)

# Rebuilds the shipped attribution model from PolNeAR train (see docs/models.md).
train: install
	$(BIN)/python -m onrecord.train.attributions --train $(SHARED)/data/polnear/train.jsonl \
		--out onrecord/models/attributions.crfsuite

# Rebuilds the accurate mode's transformer (about 25 minutes on two cores), exported to int8 ONNX;
# then run calibrate-accurate, which refits its confidence calibration for the new model.
train-accurate: install
	$(BIN)/python -m onrecord.train.neural --train $(SHARED)/data/polnear/train.jsonl \
		--out onrecord/models/attributions-minilm.onnx

# Refits the accurate mode's confidence calibration (docs/models.md): trains the CRF and the
# transformer without train folds 0 and 1 (about an hour on two cores), then fits on those folds.
calibrate-accurate: install
	mkdir -p bench-out/folds
	for f in 0 1; do \
		$(BIN)/python -m onrecord.train.attributions --train $(SHARED)/data/polnear/train.jsonl \
			--exclude-fold $$f --out bench-out/folds/f$$f.crfsuite && \
		$(BIN)/python -m onrecord.train.neural --train $(SHARED)/data/polnear/train.jsonl \
			--exclude-fold $$f --out bench-out/folds/f$$f.onnx || exit 1; \
	done
	$(BIN)/python benchmarks/calibrate_accurate.py $(SHARED)/data/polnear/train.jsonl \
		--fold 0 bench-out/folds/f0.crfsuite bench-out/folds/f0.onnx \
		--fold 1 bench-out/folds/f1.crfsuite bench-out/folds/f1.onnx \
		--write onrecord/models/attributions-minilm.onnx

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
