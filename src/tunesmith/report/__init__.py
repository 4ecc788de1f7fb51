"""A study's report: one self-contained HTML file of its summary, importance and plots.

``report(study, "report.html")`` (also ``tunesmith.report``) and the command
``tunesmith report STUDY -o report.html`` write it. It needs the plots extra:
``pip install "tunesmith[plots]"``.
"""

from tunesmith.report.html import report

__all__ = ["report"]
