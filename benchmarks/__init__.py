"""Benchmarks: tunesmith side by side with Optuna, Hyperopt and random search."""
