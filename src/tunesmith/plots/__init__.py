"""Plots of a study as plotly figures, one function each (``pip install "tunesmith[plots]"``).

Every function reads a study from any storage, finished or still running, and
returns a ``plotly.graph_objects.Figure``: show it with ``figure.show()``,
save it with ``figure.write_html(path)``. Without plotly, importing this
package raises an ImportError saying what to install.
"""

from tunesmith.plots.contour import plot_contour
from tunesmith.plots.distribution import plot_empirical_distribution
from tunesmith.plots.history import plot_history
from tunesmith.plots.importance import plot_importance
from tunesmith.plots.intermediate import plot_intermediate_values
from tunesmith.plots.overfitting import plot_overfitting
from tunesmith.plots.parallel import plot_parallel_coordinates
from tunesmith.plots.pareto import plot_pareto_front
from tunesmith.plots.size import plot_fit_over_size
from tunesmith.plots.slice import plot_slice
from tunesmith.plots.timeline import plot_timeline

__all__ = [
    "plot_contour",
    "plot_empirical_distribution",
    "plot_fit_over_size",
    "plot_history",
    "plot_importance",
    "plot_intermediate_values",
    "plot_overfitting",
    "plot_parallel_coordinates",
    "plot_pareto_front",
    "plot_slice",
    "plot_timeline",
]
