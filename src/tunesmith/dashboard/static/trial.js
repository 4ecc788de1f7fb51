// One trial: hyperparameters, values, intermediate values, attributes, model card, note.
"use strict";

const studyName = dashboard.study;
const number = dashboard.trial;
const url = `${studyApi(studyName)}/trials/${number}`;
let noteReady = false;

function pairs(tableId, entries) {
  const rows = entries.map(([key, value]) =>
    rowOf([element("th", key), element("td", formatValue(value), "number")])
  );
  document.getElementById(tableId).replaceChildren(...rows);
}

function showTrial(trial) {
  const facts = [
    ["State", trial.state],
    ["Values", trial.values === null ? "-" : trial.values.map(formatValue).join(", ")],
    ["Started", formatMoment(trial.datetime_start)],
    ["Finished", formatMoment(trial.datetime_complete)],
    ["Duration", formatSeconds(trial.duration)],
  ];
  if (trial.fail_reason) facts.push(["Fail reason", trial.fail_reason]);
  const list = document.getElementById("facts");
  list.replaceChildren();
  for (const [heading, text] of facts) {
    list.appendChild(element("dt", heading));
    list.appendChild(element("dd", text));
  }
  pairs(
    "params",
    Object.keys(trial.params)
      .sort()
      .map((name) => [name, trial.params[name]])
  );
  document.getElementById("card-section").hidden = trial.model_card === null;
  if (trial.model_card !== null) {
    pairs("card", [
      ["parameters learned", trial.model_card.n_parameters],
      ["bytes they take", trial.model_card.n_bytes],
      ["hyperparameters set", Object.keys(trial.params).length],
    ]);
  }
  document.getElementById("steps-section").hidden = trial.intermediate_values.length === 0;
  pairs("steps", trial.intermediate_values.map(([step, value]) => [`step ${step}`, value]));
  const attrs = Object.keys(trial.user_attrs).sort();
  document.getElementById("attrs-section").hidden = attrs.length === 0;
  pairs(
    "attrs",
    attrs.map((key) => [key, JSON.stringify(trial.user_attrs[key])])
  );
  if (!noteReady) {
    setUpNoteEditor(`${url}/note`, trial.note);
    noteReady = true;
  } else {
    showNote(trial.note);
  }
}

document.getElementById("study-link").href = studyHref(studyName);
poll(2000, async () => showTrial(await api(url)));
