// Added to @jupyterlab/builder's configuration. plotly.js's registry asks for maplibre's CSS
// when a map subplot registers; the kit's plotly.js registers none, so that CSS is left out.
module.exports = {
  resolve: { alias: { "maplibre-gl/dist/maplibre-gl.css": false } },
};
