"""The dashboard's HTML pages: small shells that the page's script fills from the JSON API.

No template engine and no front-end build: each page is a header, a main
element with the ids its script fills, and the script tags. Everything a page
shows that came from a study goes through ``html.escape`` here or
``textContent`` in the scripts.
"""

from __future__ import annotations

import html

__all__ = ["error_page", "studies_page", "study_page", "trial_page"]


def _page(title: str, main: str, scripts: list[str], data: dict[str, str]) -> str:
    attributes = "".join(f' data-{key}="{html.escape(value)}"' for key, value in data.items())
    tags = "\n".join(f'<script src="/static/{name}"></script>' for name in scripts)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)} · tunesmith</title>\n"
        '<link rel="stylesheet" href="/static/dashboard.css">\n</head>\n'
        f"<body{attributes}>\n"
        '<header><a class="home" href="/">tunesmith</a>'
        '<span id="live" class="live" title="updated every 2 seconds">live</span></header>\n'
        f"<main>\n{main}\n</main>\n{tags}\n</body>\n</html>\n"
    )


# The note of a study or a trial; the editor stays hidden on a read-only dashboard.
_NOTE = (
    '<section class="note"><h2>Note</h2><p id="note-text" class="note-text"></p>\n'
    '<div class="editor" hidden><textarea id="note-editor" rows="3"></textarea>\n'
    '<button id="note-save">Save note</button><span id="note-status" class="muted"></span>'
    "</div></section>"
)


def _common(storage: str, read_only: bool) -> dict[str, str]:
    return {"storage": storage, "read-only": "true" if read_only else "false"}


def studies_page(storage: str, read_only: bool) -> str:
    main = (
        f'<h1>Studies</h1>\n<p class="muted">in {html.escape(storage)}</p>\n'
        '<table id="studies" class="grid"><thead><tr><th>Study</th><th>Objectives</th>'
        "<th>Trials</th><th>By state</th><th>Best</th><th>Last change</th><th>History</th>"
        '</tr></thead><tbody></tbody></table>\n<p id="empty" class="muted" hidden>'
        "No studies yet: run one, and it appears here.</p>"
    )
    return _page("Studies", main, ["common.js", "studies.js"], _common(storage, read_only))


def study_page(study_name: str, storage: str, read_only: bool) -> str:
    name = html.escape(study_name)
    main = f"""<h1>Study <span id="study-name">{name}</span></h1>
<p id="counts" class="muted"></p>
<p><a id="report-link" download href="">Download the one-file HTML report</a></p>
<section><h2>Summary</h2><dl id="facts"></dl></section>
{_NOTE}
<section><h2>Plots</h2><div id="plots"></div></section>
<section><h2>Trials</h2>
<form id="filters" class="filters">
<label>State <select id="state-filter"><option value="">all</option></select></label>
<label>Hyperparameter <select id="range-param"><option value="">none</option></select></label>
<label class="bounds">from <input id="range-low" size="8"></label>
<label class="bounds">to <input id="range-high" size="8"></label>
<label id="choice-label" hidden>is <select id="choice-value"></select></label>
<button type="submit">Filter</button><span id="filter-error" class="error"></span>
</form>
<table id="trials" class="grid"><thead></thead><tbody></tbody></table>
<p class="pager"><button id="previous">Previous</button> <span id="page-info"></span>
<button id="next">Next</button></p></section>"""
    data = {**_common(storage, read_only), "study": study_name}
    return _page(study_name, main, ["common.js", "study.js"], data)


def trial_page(study_name: str, number: int, storage: str, read_only: bool) -> str:
    main = f"""<p><a id="study-link" href="">Study {html.escape(study_name)}</a></p>
<h1>Trial {number}</h1>
<dl id="facts"></dl>
{_NOTE}
<section><h2>Hyperparameters</h2><table id="params" class="grid"></table></section>
<section id="card-section" hidden><h2>Model card</h2><table id="card" class="grid"></table>
</section>
<section id="steps-section" hidden><h2>Intermediate values</h2><table id="steps" class="grid">
</table></section>
<section id="attrs-section" hidden><h2>User attributes</h2><table id="attrs" class="grid"></table>
</section>"""
    data = {**_common(storage, read_only), "study": study_name, "trial": str(number)}
    return _page(f"Trial {number}", main, ["common.js", "trial.js"], data)


def error_page(status: int, message: str) -> str:
    main = f'<h1>Error {status}</h1>\n<p class="error" id="error">{html.escape(message)}</p>'
    return _page(f"Error {status}", main, [], {})
