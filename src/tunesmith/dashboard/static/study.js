// One study: summary, note, plots (plotly JSON built by the server) and the trials table,
// kept live by polling the changes endpoint with the last change count seen.
"use strict";

const studyName = dashboard.study;
const base = studyApi(studyName);
const SLOW_REFRESH_MS = 5000;
const table = { state: "", range: "", choice: "", sort: "number", order: "asc", offset: 0, limit: 50 };
let header = null;
let changeCount = null;
let figuresCount = -1;
let lastSlowRefresh = 0;

function countsText(nTrials, states) {
  const parts = Object.entries(states)
    .filter(([, count]) => count > 0)
    .map(([state, count]) => `${count} ${state}`);
  return `${nTrials} trials: ${parts.join(", ") || "none yet"}.`;
}

function showHeader(body) {
  document.getElementById("counts").textContent = countsText(body.n_trials, body.states);
  const facts = document.getElementById("facts");
  facts.replaceChildren();
  for (const [heading, sentence] of body.facts) {
    facts.appendChild(element("dt", heading));
    facts.appendChild(element("dd", sentence));
  }
}

function fillFilters(body) {
  const states = document.getElementById("state-filter");
  for (const state of Object.keys(body.states)) states.appendChild(element("option", state));
  const params = document.getElementById("range-param");
  for (const name of body.param_names) params.appendChild(element("option", name));
}

// A categorical hyperparameter is filtered by one of its choices, a numeric one by a range.
function showFilterFields() {
  const choices = header.choices[document.getElementById("range-param").value];
  for (const label of document.querySelectorAll("#filters .bounds")) label.hidden = !!choices;
  document.getElementById("choice-label").hidden = !choices;
  if (choices) {
    document.getElementById("choice-value").replaceChildren(
      ...choices.map((choice) => element("option", choice))
    );
  }
}

// Plots are drawn when they come near the screen: a study of 10,000 trials has plots that
// take seconds each to draw, and the ones out of sight can wait until the reader scrolls.
const PLOT_CONFIG = { responsive: true, displaylogo: false };
const undrawn = new Map();
const nearScreen = new IntersectionObserver(
  (entries) => {
    for (const entry of entries) if (entry.isIntersecting) drawPlot(entry.target);
  },
  { rootMargin: "200px" }
);

// plotly.js (the dashboard's 1.4 MB build, or the plotly package's 4.8 MB one) is loaded beside
// the study's data, not before it: the summary, the table and the figures' JSON arrive while the
// browser compiles it.
const plotlyLoaded = new Promise((resolve, reject) => {
  const script = document.createElement("script");
  script.src = "/static/plotly.min.js";
  script.onload = resolve;
  script.onerror = () => reject(new Error("plotly.js did not load"));
  document.head.appendChild(script);
});

async function drawPlot(div) {
  const figure = undrawn.get(div);
  if (figure === undefined) return;
  undrawn.delete(div);
  await plotlyLoaded;
  await Plotly.react(div, figure.data, figure.layout, PLOT_CONFIG);
  div.dataset.drawn = "true";
}

function isNearScreen(div) {
  const box = div.getBoundingClientRect();
  return box.bottom > -200 && box.top < window.innerHeight + 200;
}

function fetchFigures() {
  return api(`${base}/figures?known=${figuresCount}`);
}

async function showFigures(body) {
  figuresCount = body.change_count;
  if (body.figures === null) return;
  const plots = document.getElementById("plots");
  for (const { title, figure } of body.figures) {
    let div = plots.querySelector(`[data-plot="${CSS.escape(title)}"]`);
    if (div === null) {
      div = element("div", null, "plot");
      div.dataset.plot = title;
      plots.appendChild(div);
      nearScreen.observe(div);
    }
    undrawn.set(div, figure);
  }
  await Promise.all([...undrawn.keys()].filter(isNearScreen).map(drawPlot));
}

function columns() {
  const values = header.objectives.map((objective, index) => ({
    label: objective.name,
    sort: `value:${index}`,
    cell: (row) => (row.values === null ? "-" : formatValue(row.values[index])),
    number: true,
  }));
  const params = header.param_names.map((name) => ({
    label: name,
    sort: `param:${name}`,
    cell: (row) => (name in row.params ? formatValue(row.params[name]) : "-"),
    number: true,
  }));
  return [
    { label: "#", sort: "number", cell: (row) => row.number, number: true, link: true },
    { label: "state", sort: null, cell: (row) => row.state },
    ...values,
    ...params,
    { label: "duration", sort: "duration", cell: (row) => formatSeconds(row.duration), number: true },
    { label: "note", sort: null, cell: (row) => row.note },
  ];
}

function showTableHead() {
  const tr = document.createElement("tr");
  for (const column of columns()) {
    const th = element("th", column.label);
    if (column.sort !== null) {
      th.classList.add("sortable");
      if (table.sort === column.sort) {
        th.classList.add("sorted");
        th.textContent += table.order === "asc" ? " ▲" : " ▼";
      }
      th.addEventListener("click", () => {
        table.order = table.sort === column.sort && table.order === "asc" ? "desc" : "asc";
        table.sort = column.sort;
        table.offset = 0;
        showTableHead();
        loadTable().catch(showFilterError);
      });
    }
    tr.appendChild(th);
  }
  document.querySelector("#trials thead").replaceChildren(tr);
}

function tableRow(row) {
  const cells = columns().map((column) => {
    const td = element("td", null, column.number ? "number" : "");
    const text = column.cell(row);
    if (column.link) {
      const link = element("a", text);
      link.href = `${studyHref(studyName)}/trials/${row.number}`;
      td.appendChild(link);
    } else {
      td.textContent = text;
    }
    return td;
  });
  cells[1].className = `state-${row.state}`;
  const tr = rowOf(cells);
  tr.dataset.trial = row.number;
  return tr;
}

function fetchTable() {
  const query = new URLSearchParams({
    sort: table.sort,
    order: table.order,
    offset: table.offset,
    limit: table.limit,
  });
  if (table.state) query.set("state", table.state);
  if (table.range) query.append("range", table.range);
  if (table.choice) query.append("choice", table.choice);
  return api(`${base}/trials?${query}`);
}

function showTable(body) {
  document.querySelector("#trials tbody").replaceChildren(...body.rows.map(tableRow));
  const last = Math.min(body.offset + body.rows.length, body.total);
  document.getElementById("page-info").textContent =
    body.total === 0 ? "no trials match" : `${body.offset + 1}-${last} of ${body.total}`;
  document.getElementById("previous").disabled = body.offset === 0;
  document.getElementById("next").disabled = last >= body.total;
  document.getElementById("filter-error").textContent = "";
}

async function loadTable() {
  showTable(await fetchTable());
}

function showFilterError(error) {
  document.getElementById("filter-error").textContent = error.message;
}

function setUpTableControls() {
  document.getElementById("range-param").addEventListener("change", showFilterFields);
  document.getElementById("filters").addEventListener("submit", (event) => {
    event.preventDefault();
    const param = document.getElementById("range-param").value;
    const low = document.getElementById("range-low").value.trim();
    const high = document.getElementById("range-high").value.trim();
    const categorical = param in header.choices;
    table.state = document.getElementById("state-filter").value;
    table.range = param && !categorical ? `${param}:${low}:${high}` : "";
    table.choice = categorical ? `${param}:${document.getElementById("choice-value").value}` : "";
    table.offset = 0;
    loadTable().catch(showFilterError);
  });
  document.getElementById("previous").addEventListener("click", () => {
    table.offset = Math.max(0, table.offset - table.limit);
    loadTable().catch(showFilterError);
  });
  document.getElementById("next").addEventListener("click", () => {
    table.offset += table.limit;
    loadTable().catch(showFilterError);
  });
}

// New or finished trials: counts and the table page at once; summary and plots at most
// every SLOW_REFRESH_MS (the server rebuilds the plots in the background).
async function followChanges() {
  const delta = await api(`${base}/changes?since=${changeCount}`);
  if (delta.change_count !== changeCount) {
    changeCount = delta.change_count;
    document.getElementById("counts").textContent = countsText(delta.n_trials, delta.states);
    await loadTable();
  }
  if (figuresCount < changeCount && Date.now() - lastSlowRefresh >= SLOW_REFRESH_MS) {
    lastSlowRefresh = Date.now();
    await refreshSlowParts();
  }
}

async function refreshSlowParts() {
  const body = await api(base);
  const knownParams = header.param_names.join("\u0000");
  header = body;
  showHeader(body);
  if (body.param_names.join("\u0000") !== knownParams) {
    showTableHead();
    await loadTable();
  }
  await showFigures(await fetchFigures());
}

async function start() {
  // The three requests go out together; the table's rows wait for the header's columns.
  const figuresFetched = fetchFigures();
  const tableFetched = fetchTable();
  header = await api(base);
  changeCount = header.change_count;
  document.getElementById("report-link").href = `${studyHref(studyName)}/report.html`;
  showHeader(header);
  fillFilters(header);
  setUpNoteEditor(`${base}/note`, header.note);
  setUpTableControls();
  showTableHead();
  lastSlowRefresh = Date.now();
  showTable(await tableFetched);
  await showFigures(await figuresFetched);
  // When the page became usable, for the benchmark: table filled, the plots in sight drawn.
  document.body.dataset.readyMs = String(performance.now());
  document.body.dataset.ready = "true";
  poll(1000, followChanges);
}

start().catch((error) => {
  document.getElementById("counts").textContent = error.message;
});
