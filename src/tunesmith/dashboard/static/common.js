// What every dashboard page shares: JSON requests, polling, number formatting, notes.
"use strict";

const dashboard = document.body.dataset;
const readOnly = dashboard.readOnly === "true";

async function api(path, options) {
  const response = await fetch(path, options);
  const body = await response.json();
  if (!response.ok) {
    throw new Error(body.error || `HTTP ${response.status}`);
  }
  return body;
}

function studyApi(name) {
  return `/api/studies/${encodeURIComponent(name)}`;
}

function studyHref(name) {
  return `/studies/${encodeURIComponent(name)}`;
}

// An element with its text set as text, never parsed as HTML.
function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function formatValue(value) {
  if (value === null || value === undefined) return "-";
  if (typeof value === "number") {
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
  }
  return String(value);
}

function formatSeconds(seconds) {
  if (seconds === null || seconds === undefined) return "-";
  return seconds < 60 ? `${seconds.toFixed(1)} s` : `${(seconds / 60).toFixed(1)} min`;
}

function formatMoment(iso) {
  return iso ? new Date(iso).toLocaleString() : "-";
}

// Run `step` now and every `milliseconds` after it finishes; the header shows if it fails.
function poll(milliseconds, step) {
  const live = document.getElementById("live");
  async function run() {
    try {
      await step();
      live.className = "live ok";
      live.textContent = "live";
    } catch (error) {
      live.className = "live down";
      live.textContent = error.message;
    }
    setTimeout(run, milliseconds);
  }
  run();
}

function sparkline(values) {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("class", "sparkline");
  svg.setAttribute("viewBox", "0 0 120 28");
  if (values.length < 2) return svg;
  const numbers = values.map(Number);
  const low = Math.min(...numbers);
  const span = Math.max(...numbers) - low || 1;
  const points = numbers.map(
    (value, index) =>
      `${((index / (numbers.length - 1)) * 118 + 1).toFixed(1)},${(26 - ((value - low) / span) * 24).toFixed(1)}`
  );
  const line = document.createElementNS("http://www.w3.org/2000/svg", "polyline");
  line.setAttribute("points", points.join(" "));
  svg.appendChild(line);
  return svg;
}

// The note of a study or a trial: shown always, editable unless the dashboard is read-only.
function showNote(text) {
  document.getElementById("note-text").textContent = text || "(no note)";
}

function setUpNoteEditor(url, initialText) {
  showNote(initialText);
  if (readOnly) return;
  const editor = document.getElementById("note-editor");
  const status = document.getElementById("note-status");
  editor.value = initialText;
  editor.closest(".editor").hidden = false;
  document.getElementById("note-save").addEventListener("click", async () => {
    try {
      const saved = await api(url, {
        method: "PUT",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ note: editor.value }),
      });
      showNote(saved.note);
      status.textContent = " saved";
    } catch (error) {
      status.textContent = ` ${error.message}`;
    }
  });
}

function rowOf(cells) {
  const tr = document.createElement("tr");
  for (const cell of cells) tr.appendChild(cell);
  return tr;
}
