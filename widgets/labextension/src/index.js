/* The kit's chart renderer for plotly's MIME type, in its Voila dashboards only.
 *
 * Each chart is drawn once, when its place on the page has a width, at that width; a change of
 * size resizes it. No PNG snapshot is made (a dashboard page is never saved). plotly.js, of the
 * trace types the kit uses, starts loading as the page starts, while the kernel is reached.
 */
import { Widget } from "@lumino/widgets";

const MIME = "application/vnd.plotly.v1+json";
const DEFAULT_HEIGHT = 360; // as plotly's own JupyterLab renderer

let loading = null;
const loadPlotly = () => (loading = loading || import(/* webpackChunkName: "plotly" */ "./plotly.js"));
(window.requestIdleCallback || window.setTimeout)(loadPlotly);

class ChartRenderer extends Widget {
  constructor(options) {
    super();
    this.addClass("ickit-chart");
    this.mimeType = options.mimeType;
    this.figure = null; // waiting to be drawn
    this.drawing = null; // plotly's promise of the drawing, once begun
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
      this.drawing = this.plotly.react(this.node, data, layout, config).catch((error) => this.fail(error));
    } else if (this.drawing) {
      this.plotly.Plots.resize(this.node);
    }
  }

  fail(error) {
    console.error("ickit-charts: a chart could not be drawn", error);
    this.drawing = null;
    this.node.textContent = "This chart could not be drawn.";
  }

  dispose() {
    if (this.isDisposed) return;
    this.sized.disconnect();
    if (this.drawing) this.plotly.purge(this.node);
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
