"""Boosting pruning benchmark: tunesmith's LightGBM and XGBoost callbacks beside Optuna's.

Run ``python -m benchmarks.boosting_pruning`` (``--quick`` for a smoke run).
For each library and seed, tunesmith and Optuna evaluate the same list of
configurations, in the same order, each under its own Hyperband pruner fed by
its own pruning callback (``optuna-integration``'s for Optuna); the table
gives the boosting rounds spent and the best validation log loss, over seeds.
"""
