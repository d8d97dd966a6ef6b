/* The kit's chart widget (ickit.views.chart.Chart), in its Voila dashboards and in JupyterLab.
 *
 * A chart is drawn once its place on the page has a width, at that width; a change of width
 * resizes it, and a new figure from the kernel updates the plot already there (plotly compares
 * the two figures and redraws what changed). plotly.js, of the trace types the kit uses, starts
 * loading as the page starts, while the kernel is reached. Nothing is drawn ahead of the page's
 * own charts: with the page's main thread busy from its start to its last chart, a chart drawn off
 * the page to warm plotly.js up only added to the wait (bench/RESULTS.md, 2026-12-06).
 */
import { DOMWidgetModel, DOMWidgetView, IJupyterWidgetRegistry } from "@jupyter-widgets/base";
import pkg from "../package.json";

const { name: NAME, version: VERSION } = pkg; // the Python widget asks for this name, ^VERSION

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

// ahead of time only: a chart that needs plotly.js loads it again, and says so if it cannot
whenIdle(() => loadPlotly().catch(() => {}));

export class ChartModel extends DOMWidgetModel {
  defaults() {
    return {
      ...super.defaults(),
      _model_name: "ChartModel", _model_module: NAME, _model_module_version: VERSION,
      _view_name: "ChartView", _view_module: NAME, _view_module_version: VERSION,
      figure: {},
    };
  }
}

export class ChartView extends DOMWidgetView {
  render() {
    this.el.classList.add("ickit-chart");
    this.plot = this.el.appendChild(document.createElement("div")); // plotly draws in this
    this.plotly = null;
    this.loading = false; // plotly.js is being loaded for this view
    this.waiting = true; // a figure not yet drawn
    this.drawn = false; // plotly has drawn in this.plot
    this.broken = false; // this.plot says the last figure could not be drawn
    this.removed = false;
    this.draws = 0; // drawings begun: only the last one's outcome counts
    this.width = 0; // the element's width, in pixels, when last drawn or resized
    this.sized = new ResizeObserver((entries) => this.fit(entries[entries.length - 1].contentRect.width));
    this.sized.observe(this.el);
    this.listenTo(this.model, "change:figure", () => {
      this.waiting = true;
      this.fit(this.el.clientWidth);
    });
    this.load();
  }

  /* Load plotly.js, then draw; after a failure, the next figure tries again. */
  load() {
    if (this.loading) return;
    this.loading = true;
    loadPlotly().then((plotly) => {
      this.plotly = plotly;
      this.fit(this.el.clientWidth);
    }, (error) => this.fail(error)).finally(() => { this.loading = false; });
  }

  /* Draw the figure once the element has a width; afterwards follow changes of that width (not
   * of its height, which the drawing itself sets; a pixel's difference is rounding). */
  fit(width) {
    if (this.removed) return;
    if (!this.plotly) {
      if (this.waiting) this.load(); // plotly.js failed to load: try again
      return;
    }
    if (width < 1) return; // once the element is in view
    if (this.waiting) {
      // a copy: plotly writes ranges into the figure it is given, and the model's is the kernel's
      const { data = [], layout = {}, config = {} } = structuredClone(this.model.get("figure"));
      const draw = ++this.draws;
      this.waiting = false;
      this.width = width;
      if (this.broken) {
        this.plot.textContent = "";
        this.broken = false;
      }
      Promise.resolve() // plotly can throw before it returns a promise
        .then(() => this.plotly.react(this.plot, data, { height: DEFAULT_HEIGHT, ...layout }, config))
        .then(() => {
          if (draw !== this.draws || this.removed) return;
          this.drawn = true;
          this.fit(this.el.clientWidth); // the width may have changed while it drew
        }, (error) => draw === this.draws && this.fail(error));
    } else if (this.drawn && Math.abs(width - this.width) > 1) {
      this.width = width;
      this.plotly.Plots.resize(this.plot);
    }
  }

  fail(error) {
    if (this.removed) return;
    console.error("ickit-charts: a chart could not be drawn", error);
    if (this.plotly) this.plotly.purge(this.plot);
    this.drawn = false;
    this.broken = true;
    this.plot.textContent = "This chart could not be drawn.";
  }

  remove() {
    this.removed = true;
    this.sized.disconnect();
    if (this.plotly) this.plotly.purge(this.plot);
    return super.remove();
  }
}

/* A device's key for workshop rooms (ickit.views.device_key.DeviceKey): a random secret kept in
 * this browser's local storage, so a participant who reloads, loses the connection or gets a new
 * kernel comes back as the same participant. Shows nothing. */
const DEVICE_SLOT = "ickit-device-key";
const DEVICE_KEY = /^[A-Za-z0-9_-]{16,64}$/;

function deviceKey() {
  let key = null;
  try {
    key = window.localStorage.getItem(DEVICE_SLOT);
  } catch (error) {
    // storage blocked (a private window, say): this page gets a key of its own
  }
  if (!key || !DEVICE_KEY.test(key)) {
    const bytes = window.crypto.getRandomValues(new Uint8Array(24));
    key = btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    try {
      window.localStorage.setItem(DEVICE_SLOT, key);
    } catch (error) {
      // as above
    }
  }
  return key;
}

export class DeviceKeyModel extends DOMWidgetModel {
  defaults() {
    return {
      ...super.defaults(),
      _model_name: "DeviceKeyModel", _model_module: NAME, _model_module_version: VERSION,
      _view_name: "DeviceKeyView", _view_module: NAME, _view_module_version: VERSION,
      key: "",
    };
  }
}

export class DeviceKeyView extends DOMWidgetView {
  render() {
    this.el.hidden = true;
    this.model.set("key", deviceKey());
    this.model.save_changes();
  }
}

export default {
  id: "ickit-charts:widget",
  requires: [IJupyterWidgetRegistry],
  autoStart: true,
  activate: (app, registry) => {
    // asked for as a page's widgets are built: only then is ipywidgets' controls module loaded
    // for the radio buttons' view, as the widget manager loads it for its own
    const exports = { ChartModel, ChartView, DeviceKeyModel, DeviceKeyView };
    let all = null;
    registry.registerWidget({
      name: NAME, version: VERSION,
      exports: () => (all = all || import("./choices.js").then(
        ({ ChoicesView }) => ({ ...exports, ChoicesView }),
        (error) => { // the charts do without: the radio buttons' view is missing, and asked for again
          console.error("ickit-charts: the radio buttons' view could not be loaded", error);
          all = null;
          return exports;
        })),
    });
  },
};
