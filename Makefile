# The two commands of the README: `make demo` and `make test`. Each builds .venv itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# One stamp per set of extras installed into .venv: the demo's (cli) and the tools' (dev).
DEMO_STAMP := $(VENV)/.demo-installed
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.bench-installed

.PHONY: demo test lint typecheck unit clean bench bench-importance bench-pruning bench-samplers bench-boosting-pruning bench-dashboard bench-grids bench-throughput plotly-bundle

# The virtualenv itself; stamps name it after | (order-only), so its date never forces a reinstall.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The demo needs the command line (click, rich, pydantic, PyYAML, scikit-learn) and plotly for the
# report command it suggests, not the ~1.5 GB of dev tools and PyTorch.
$(DEMO_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[cli,plots]"
	touch $(DEMO_STAMP)

# HEBO 0.3.6 (a benchmark anchor) pins numpy<1.25 and pymoo==0.6.0 but runs on today's: it is
# installed without its pins, beside the dependencies its GP and acquisition search import.
HEBO_DEPS := pandas pymoo gpytorch disjoint-set

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]" $(HEBO_DEPS)
	$(BIN)/python -m pip install --quiet --no-deps hebo==0.3.6
	touch $(STAMP)

# Tune an SVM on the breast-cancer dataset into a fresh SQLite file, then print the best trial.
demo: $(DEMO_STAMP)
	rm -rf demo-output && mkdir -p demo-output
	$(BIN)/tunesmith run examples/svm_breast_cancer.yaml --storage sqlite:///demo-output/demo.db
	$(BIN)/tunesmith best svm-breast-cancer --storage sqlite:///demo-output/demo.db
	@echo
	@echo "Next: source $(BIN)/activate"
	@echo "      tunesmith show svm-breast-cancer --storage sqlite:///demo-output/demo.db"

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks examples
	$(BIN)/ruff format --check src tests benchmarks examples

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/python -m pytest

test: lint typecheck unit

# The benchmarks need the bench extra (Optuna, Hyperopt, cmaes, PyTorch, matplotlib) on top of dev.
$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[dev,bench]"
	touch $(BENCH_STAMP)

# Every pruner, with Optuna's beside them, on two training tasks over 10 seeds; see README "Pruning".
# Options go in PRUNING_ARGS, e.g. make bench-pruning PRUNING_ARGS="--jobs 1 --progress".
bench-pruning: $(BENCH_STAMP)
	$(BIN)/python -m benchmarks.pruning $(PRUNING_ARGS)

# tunesmith's LightGBM and XGBoost pruning callbacks beside optuna-integration's, Hyperband, 10 seeds;
# see README "Pruning benchmark: LightGBM and XGBoost callbacks".
bench-boosting-pruning: $(BENCH_STAMP)
	$(BIN)/python -m benchmarks.boosting_pruning $(BOOSTING_PRUNING_ARGS)

# Samplers side by side with Optuna, Hyperopt, SMAC3, HEBO and random search: quality over 10
# seeds at 50 and 100 trials, milliseconds per suggestion, and 4 workers against 1; see README
# "Benchmarks". Options go in SAMPLERS_ARGS, e.g. make bench-samplers SAMPLERS_ARGS="quality --seeds 3".
# A fixed hash seed makes SMAC3's runs repeat from one process to the next.
SAMPLERS_ARGS ?= all
bench-samplers: $(BENCH_STAMP)
	PYTHONHASHSEED=0 $(BIN)/python -m benchmarks.samplers $(SAMPLERS_ARGS)

# Score the tabulated tasks' whole grids again (about 10 minutes of one core); see README.
bench-grids: $(BENCH_STAMP)
	$(BIN)/python -m benchmarks.samplers.problems.tabulate

# fANOVA and PED-ANOVA beside Optuna's on the same studies of 100 / 1,000 / 10,000 trials: seconds
# and Spearman agreement; see README "Importance benchmark". Options go in IMPORTANCE_ARGS.
bench-importance: $(BENCH_STAMP)
	$(BIN)/python -m benchmarks.importance $(IMPORTANCE_ARGS)

# The dashboard on a 10,000-trial study: seconds until its page is usable in Chromium and until
# the changes endpoint sends 100 new trials; see README "Dashboard". Options in DASHBOARD_ARGS,
# e.g. make bench-dashboard DASHBOARD_ARGS="--trials 1000 --screenshots docs".
bench-dashboard: $(BENCH_STAMP)
	$(BIN)/python -m benchmarks.dashboard $(DASHBOARD_ARGS)

# 8 worker processes on one study, tunesmith beside Optuna, on PostgreSQL and SQLite: trials per
# second, and ask + tell at 10,000 trials; see README "Throughput benchmark". Needs a PostgreSQL
# server (--postgres-url); options go in THROUGHPUT_ARGS, e.g. THROUGHPUT_ARGS="--storages sqlite".
bench-throughput: $(BENCH_STAMP)
	$(BIN)/python -m benchmarks.throughput $(THROUGHPUT_ARGS)

bench: bench-samplers bench-pruning bench-importance bench-boosting-pruning bench-dashboard bench-throughput

clean:
	rm -rf $(VENV) demo-output .pytest_cache .mypy_cache .ruff_cache

# The dashboard's plotly.js with only the traces tunesmith's plots draw (committed in
# src/tunesmith/dashboard/static; rebuild it when the plotly package's plotly.js changes).
plotly-bundle:
	cd tools/plotly_bundle && npm ci --no-audit --no-fund && node build.js
