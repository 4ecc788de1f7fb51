"""plotly, imported once, or an ImportError that says which extra to install."""

from __future__ import annotations

try:
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots
except ImportError as error:  # pragma: no cover - exercised in a subprocess by the tests
    raise ImportError(
        'tunesmith.plots needs plotly, which is not installed: pip install "tunesmith[plots]"'
    ) from error

__all__ = ["go", "make_subplots"]
