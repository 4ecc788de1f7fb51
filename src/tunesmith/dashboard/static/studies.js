// The studies list: every study of the storage, refreshed every 2 seconds.
"use strict";

function statesText(states) {
  return Object.entries(states)
    .filter(([, count]) => count > 0)
    .map(([state, count]) => `${count} ${state}`)
    .join(", ");
}

function studyRow(study) {
  const link = element("a", study.name);
  link.href = studyHref(study.name);
  const name = element("td");
  name.appendChild(link);
  const objectives = study.objectives.map((o) => `${o.name} (${o.direction})`).join(", ");
  const best = study.best_values === null ? "-" : study.best_values.map(formatValue).join(", ");
  const history = element("td");
  history.appendChild(sparkline(study.sparkline));
  const row = rowOf([
    name,
    element("td", objectives),
    element("td", study.n_trials, "number"),
    element("td", statesText(study.states)),
    element("td", best, "number"),
    element("td", formatMoment(study.last_change)),
    history,
  ]);
  row.dataset.study = study.name;
  return row;
}

poll(2000, async () => {
  const body = await api("/api/studies");
  const tbody = document.querySelector("#studies tbody");
  tbody.replaceChildren(...body.studies.map(studyRow));
  document.getElementById("empty").hidden = body.studies.length > 0;
});
