/* The kit's chart renderer for plotly's MIME type, in its Voila dashboards only.
 *
 * Each chart is drawn once, when its place on the page has a width, at that width; a change of
 * size resizes it, and a new chart in the same place updates the plot already there. No PNG
 * snapshot is made (a dashboard page is never saved). plotly.js, of the trace types the kit uses,
 * starts loading as the page starts, while the kernel is reached.
 */
import { Widget } from "@lumino/widgets";

const MIME = "application/vnd.plotly.v1+json";
const DEFAULT_HEIGHT = 360; // as plotly's own JupyterLab renderer

const whenIdle = window.requestIdleCallback || window.setTimeout;
let loading = null;
const loadPlotly = () => (loading = loading || import(/* webpackChunkName: "plotly" */ "./plotly.js"));

/* A page's first chart takes plotly.js about twice as long to draw as the next (its code is
 * compiled as it first runs): draw one small chart of each kind off the page while the page waits
 * for its kernel, so the dashboard's own are drawn at the later speed. */
async function warmUp() {
  const plotly = await loadPlotly();
  const Plotly = plotly.default || plotly;
  const scratch = document.createElement("div");
  scratch.style.cssText = "position:absolute;left:-10000px;top:0;width:600px;visibility:hidden";
  document.body.appendChild(scratch);
  try {
    await Plotly.newPlot(scratch, [
      { type: "bar", x: ["a", "b"], y: [1, 2] },
      { type: "scatter", x: ["a", "b"], y: [2, 1], mode: "lines+markers+text", text: ["a", "b"] },
    ], {
      title: { text: "a" }, legend: { orientation: "h" },
      annotations: [{ text: "a", x: 0, y: 0 }], shapes: [{ type: "line", x0: 0, x1: 1, y0: 0, y1: 1 }],
    });
  } finally {
    Plotly.purge(scratch);
    scratch.remove();
  }
}

whenIdle(() => loadPlotly().then(() => whenIdle(warmUp)));

/* A dashboard replaces a chart by replacing its Output's contents: the old renderer is disposed
 * and a new one made in the same place. The old plot is kept here for a moment, by that place, so
 * that the new renderer can update it (plotly compares the two figures and redraws what changed)
 * rather than build a plot anew. */
const spares = new Map(); // output area -> the plot last drawn there, until taken or purged

class ChartRenderer extends Widget {
  constructor(options) {
    super();
    this.addClass("ickit-chart");
    this.mimeType = options.mimeType;
    this.plot = this.node.appendChild(document.createElement("div")); // plotly draws in this
    this.figure = null; // waiting to be drawn
    this.drawing = null; // plotly's promise of the drawing, once begun
    this.area = null; // the output area it is drawn in
    this.width = 0; // the node's width, in whole pixels, when last drawn or resized
    this.sized = new ResizeObserver((entries) => this.fit(entries[entries.length - 1].contentRect.width));
    this.sized.observe(this.node);
  }

  async renderModel(model) {
    const { data = [], layout = {}, config = {} } = model.data[this.mimeType];
    const plotly = await loadPlotly();
    this.plotly = plotly.default || plotly;
    this.figure = { data, layout: { height: DEFAULT_HEIGHT, ...layout }, config };
    if (this.node.isConnected) this.fit(this.node.clientWidth); // else once it is in the page
  }

  /* Draw the figure once the node has a width; afterwards follow changes of that width (not of
   * its height, which the drawing itself sets). */
  fit(exactWidth) {
    const width = Math.round(exactWidth);
    if (this.isDisposed || !this.plotly || width === 0 || width === this.width) return;
    this.width = width;
    if (this.figure) {
      const { data, layout, config } = this.figure;
      this.figure = null;
      this.area = this.node.closest(".jp-OutputArea");
      const spare = spares.get(this.area);
      if (spare) {
        spares.delete(this.area);
        this.plot.replaceWith(spare);
        this.plot = spare;
      }
      this.drawing = this.plotly.react(this.plot, data, layout, config).catch((error) => this.fail(error));
    } else if (this.drawing) {
      this.plotly.Plots.resize(this.plot);
    }
  }

  fail(error) {
    console.error("ickit-charts: a chart could not be drawn", error);
    this.drawing = null;
    this.plot.textContent = "This chart could not be drawn.";
  }

  dispose() {
    if (this.isDisposed) return;
    this.sized.disconnect();
    if (this.drawing && this.area) {
      const { area, plot, plotly } = this;
      spares.set(area, plot);
      setTimeout(() => { // not taken by a new renderer in the same place
        if (spares.get(area) !== plot) return;
        spares.delete(area);
        plotly.purge(plot);
      });
    } else if (this.drawing) {
      this.plotly.purge(this.plot);
    }
    super.dispose();
  }
}

export default {
  id: "ickit-charts:plotly",
  rendererFactory: {
    safe: true,
    mimeTypes: [MIME],
    defaultRank: 0,
    createRenderer: (options) => new ChartRenderer(options),
  },
  rank: 0,
  dataType: "json",
};
