/* The kit's dashboards: draw each new chart once.
 *
 * A dashboard shows a chart by replacing its Output's contents, so plotly's JupyterLab renderer
 * (jupyterlab-plotly 7) builds a new plot for every change. After `Plotly.react` it asks for an
 * update, which runs `Plotly.redraw` on the plot just drawn, and it draws the plot a third time
 * off-screen (`Plotly.toImage`) for a PNG that is kept in the output so a saved notebook shows it.
 * A dashboard page is never saved, so here that snapshot is skipped, and so is the first redraw of
 * a plot drawn on a shown page: the `Plots.resize` the renderer calls next fits it to its place.
 * A plot drawn while the page was hidden (Voila shows it once every cell has run) is redrawn as
 * before, as is any plot later.
 *
 * The renderer loads plotly.js on its first chart and sets `window.Plotly`; this script, run
 * before it, adopts that object as it is set. tests/browser/test_chart_drawing.py checks it.
 */
(() => {
  "use strict";
  const drawnShown = new WeakSet();  // plots drawn on a shown page, until their first redraw
  let plotly;

  const isRendererPlot = (gd) => Boolean(gd && gd.classList && gd.classList.contains("jp-RenderedPlotly"));

  function adopt(P) {
    const { react, redraw, toImage } = P;
    P.react = function (gd, ...rest) {
      return react.call(this, gd, ...rest).then((plot) => {
        if (plot && plot.offsetWidth > 0) drawnShown.add(plot);
        return plot;
      });
    };
    P.redraw = function (gd) {
      if (drawnShown.delete(gd)) return Promise.resolve(gd);  // the renderer resizes it next
      return redraw.call(this, gd);
    };
    P.toImage = function (gd, options) {
      // the renderer's snapshot: a promise left pending, so nothing is added to the output
      if (isRendererPlot(gd)) return new Promise(() => {});
      return toImage.call(this, gd, options);
    };
  }

  Object.defineProperty(window, "Plotly", {
    configurable: true,
    get: () => plotly,
    set: (P) => {
      if (P && P !== plotly) adopt(P);
      plotly = P;
    },
  });
})();
