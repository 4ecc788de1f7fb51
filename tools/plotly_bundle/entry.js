// The trace types tunesmith's plots draw (tunesmith.dashboard.figures.BUNDLED_TRACES); scatter
// comes with the core.
"use strict";

const Plotly = require("plotly.js/lib/core");

Plotly.register([
  require("plotly.js/lib/bar"),
  require("plotly.js/lib/contour"),
  require("plotly.js/lib/parcoords"),
]);

module.exports = Plotly;
