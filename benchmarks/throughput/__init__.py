"""The throughput benchmark: tunesmith beside Optuna on one database server.

Eight worker processes share one study and run a trivial objective (one
``suggest_float``, then ``x ** 2``) until the study holds a fixed number of
trials; the wall clock gives trials per second, on PostgreSQL (a fresh
database per run) and on SQLite (a fresh file). A second measurement times
``ask`` + ``tell`` in one process on a study already holding 10,000 trials.
Run it with ``python -m benchmarks.throughput`` (``--help`` lists the options).
"""
