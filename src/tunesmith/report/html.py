"""``report(study, path)``: one self-contained HTML file, plotly.js embedded, no network needed."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from tunesmith.study import Study

__all__ = ["report", "report_page"]

_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 1100px; margin: 2em auto; color: #222; }
h1 { font-size: 1.6em; } h2 { font-size: 1.2em; margin-top: 2em; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .4em 1.2em; }
dt { font-weight: 600; } dd { margin: 0; }
.plot { border: 1px solid #ddd; border-radius: 6px; padding: .5em; }
"""


def report(study: Study, path: str | Path, *, seed: int = 0) -> Path:
    """Write a self-contained HTML report of ``study`` to ``path`` and return the path.

    The file holds the summary (trials by state, the best trial, the selected
    small model and how much smaller it is, the honest estimate of the best
    score, overfitting warnings, pruning savings, which sampler ``auto`` used
    and why), the importance of each hyperparameter and every plot that
    applies, with plotly.js embedded: it opens offline in any browser.

    Args:
        study: a study from any storage, finished or still running.
        path: the HTML file to write (its folder must exist).
        seed: the importance forest's seed, so a report is reproducible.

    Raises:
        ImportError: plotly is missing (``pip install "tunesmith[plots]"``).
    """
    from tunesmith.report.figures import report_figures

    target = Path(path)
    target.write_text(report_page(study, report_figures(study, seed)), encoding="utf-8")
    return target


def report_page(study: Study, figures: list[tuple[str, Any]]) -> str:
    """The report of ``study`` as HTML text, with ``figures`` (``report_figures``'s) as its plots.

    The dashboard passes the figures it built for its page, so a download does
    not build them again.
    """
    # Imported here: the plots need plotly, an extra that `import tunesmith` must not need.
    from plotly.offline import get_plotlyjs

    from tunesmith.report.summary import summary_facts

    facts = "\n".join(
        f"<dt>{html.escape(heading)}</dt><dd>{html.escape(sentence)}</dd>"
        for heading, sentence in summary_facts(study)
    )
    sections = "\n".join(
        f'<h2>{html.escape(title)}</h2>\n<div class="plot" data-plot="{html.escape(title)}">'
        + figure.to_html(full_html=False, include_plotlyjs=False, default_height="480px")
        + "</div>"
        for title, figure in figures
    )
    name = html.escape(study.study_name)
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>tunesmith report: {name}</title>\n<style>{_STYLE}</style>\n"
        f'<script type="text/javascript">{get_plotlyjs()}</script>\n</head>\n<body>\n'
        f"<h1>Study {name}</h1>\n<h2>Summary</h2>\n<dl>\n{facts}\n</dl>\n{sections}\n"
        "</body>\n</html>\n"
    )
