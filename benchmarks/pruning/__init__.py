"""Pruning benchmark: training steps spent and best validation score, with and without pruning.

Run ``python -m benchmarks.pruning`` (``--quick`` for a smoke run of a few
seconds). Every tunesmith pruner and Optuna's MedianPruner and
HyperbandPruner tune the same real training tasks, each epoch one step, over
the same number of trials and seeds; see ``tasks`` for the tasks and
``runner`` for how one run is measured.
"""
