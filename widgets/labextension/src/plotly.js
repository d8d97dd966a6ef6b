// plotly.js with the three trace types the kit's dashboards draw (scatter is in the core):
// about a quarter of the full bundle, and ready in a tenth of the time on this machine.
// tests/test_chart_extension.py checks every dashboard chart uses only these.
const Plotly = require("plotly.js/lib/core");

Plotly.register([require("plotly.js/lib/bar"), require("plotly.js/lib/scatterpolar")]);

module.exports = Plotly;
