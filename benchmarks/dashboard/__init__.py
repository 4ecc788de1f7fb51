"""How fast the dashboard answers on a large study: ``python -m benchmarks.dashboard``."""
