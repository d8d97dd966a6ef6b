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
const loadPlotly = () => {
  loading = loading || import(/* webpackChunkName: "plotly" */ "./plotly.js").catch((error) => {
    loading = null; // the next chart tries again
    throw error;
  });
  return loading.then((plotly) => plotly.default || plotly);
};

/* A page's first chart takes plotly.js about twice as long to draw as the next (its code is
 * compiled as it first runs): draw a small chart of each kind the kit draws off the page while the
 * page waits for its kernel, so the dashboard's own are drawn at the later speed. */
async function warmUp() {
  const Plotly = await loadPlotly();
  const scratch = document.createElement("div");
  scratch.style.cssText = "position:absolute;left:-10000px;top:0;width:600px;visibility:hidden";
  document.body.appendChild(scratch);
  try {
    await Plotly.newPlot(scratch, [
      { type: "bar", x: ["a", "b"], y: [1, 2] },
      { type: "scatter", x: ["a", "b"], y: [2, 1], mode: "lines+markers+text", text: ["a", "b"] },
      { type: "scatterpolar", r: [1, 2, 1], theta: ["a", "b", "c"], fill: "toself" },
    ], {
      title: { text: "a" }, legend: { orientation: "h" },
      annotations: [{ text: "a", x: 0, y: 0 }], shapes: [{ type: "line", x0: 0, x1: 1, y0: 0, y1: 1 }],
    });
  } finally {
    Plotly.purge(scratch);
    scratch.remove();
  }
}

// ahead of time only: a chart that needs plotly.js loads it again, and says so if it cannot
whenIdle(() => loadPlotly().then(() => whenIdle(() => warmUp().catch(() => {}))).catch(() => {}));

/* A dashboard replaces a chart by replacing its Output's contents: the old renderer is disposed
 * and a new one made in the same place. The old plot is kept here for a moment, by that place, so
 * that the new renderer can update it (plotly compares the two figures and redraws what changed)
 * rather than build a plot anew. An Output of the kit shows one chart; with more in one place,
 * the last one disposed is kept and the others are purged. */
const spares = new Map(); // output area -> the plot last drawn there, until taken or purged

class ChartRenderer extends Widget {
  constructor(options) {
    super();
    this.addClass("ickit-chart");
    this.mimeType = options.mimeType;
    this.plot = this.node.appendChild(document.createElement("div")); // plotly draws in this
    this.plotly = null;
    this.figure = null; // waiting to be drawn
    this.drawing = null; // plotly's promise of the drawing, once begun
    this.area = null; // the output area it is drawn in
    this.width = 0; // the node's width, in pixels, when last drawn or resized
    this.sized = new ResizeObserver((entries) => this.fit(entries[entries.length - 1].contentRect.width));
    this.sized.observe(this.node);
  }

  async renderModel(model) {
    const { data = [], layout = {}, config = {} } = model.data[this.mimeType];
    try {
      this.plotly = await loadPlotly();
    } catch (error) {
      this.fail(error);
      return;
    }
    this.figure = { data, layout: { height: DEFAULT_HEIGHT, ...layout }, config };
    if (this.node.isConnected) this.fit(this.node.clientWidth); // else once it is in the page
  }

  /* Draw the figure once the node has a width; afterwards follow changes of that width (not of
   * its height, which the drawing itself sets; a pixel's difference is rounding). */
  fit(width) {
    if (this.isDisposed || !this.plotly || width < 1) return;
    if (this.figure) {
      const { data, layout, config } = this.figure;
      this.figure = null;
      this.width = width;
      this.area = this.node.closest(".jp-OutputArea");
      const spare = this.drawing ? null : spares.get(this.area); // a first drawing only
      if (spare) {
        spares.delete(this.area);
        this.plot.replaceWith(spare);
        this.plot = spare;
      }
      this.drawing = Promise.resolve()  // plotly can throw before it returns a promise
        .then(() => this.plotly.react(this.plot, data, layout, config))
        .catch((error) => this.fail(error));
    } else if (this.drawing && Math.abs(width - this.width) > 1) {
      this.width = width;
      this.plotly.Plots.resize(this.plot);
    }
  }

  fail(error) {
    if (this.isDisposed) return; // its plot may be the next renderer's by now
    console.error("ickit-charts: a chart could not be drawn", error);
    if (this.drawing) this.plotly.purge(this.plot);
    this.drawing = null;
    this.plot.textContent = "This chart could not be drawn.";
  }

  dispose() {
    if (this.isDisposed) return;
    this.sized.disconnect();
    if (this.drawing && this.area) {
      const { area, plot, plotly } = this;
      const other = spares.get(area);
      if (other && other !== plot) plotly.purge(other);
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
