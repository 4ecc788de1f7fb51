// Builds ../../src/tunesmith/dashboard/static/plotly-<version>-dashboard.min.js from entry.js,
// with the settings of plotly.js's own build (esbuild-config.js in its package).
"use strict";

const path = require("node:path");
const esbuild = require("esbuild");
const { glsl } = require("esbuild-plugin-glsl");
const InlineCSSPlugin = require("esbuild-plugin-inline-css");
const { environmentPlugin } = require("esbuild-plugin-environment");
const { version } = require("plotly.js/package.json");

const outfile = path.join(
  __dirname, "..", "..", "src", "tunesmith", "dashboard", "static",
  `plotly-${version}-dashboard.min.js`
);

esbuild
  .build({
    entryPoints: [path.join(__dirname, "entry.js")],
    outfile,
    format: "iife",
    globalName: "Plotly",
    bundle: true,
    minify: true,
    banner: {
      js: `/* plotly.js v${version}, with the traces scatter, bar, contour and parcoords only.` +
        " Copyright 2012-2026, Plotly, Inc. Licensed under the MIT license." +
        " Built for tunesmith's dashboard by tools/plotly_bundle. */",
    },
    plugins: [InlineCSSPlugin(), glsl({ minify: true }), environmentPlugin({ NODE_DEBUG: false })],
    alias: { regl: "@plotly/regl", stream: "stream-browserify" },
    define: { global: "window", "define.amd": "false" },
    target: "es2016",
    logLevel: "warning",
  })
  .then(() => console.log(`wrote ${outfile}`));
