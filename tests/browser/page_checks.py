"""Scripts for ``page.evaluate`` that check what a dashboard page shows."""

# every chart in view has drawn: a chart in a closed tab or accordion is drawn when it is shown
CHARTS_DRAWN = """() => [...document.querySelectorAll('.ickit-chart')]
    .filter(chart => chart.offsetWidth > 0).every(chart => chart.querySelector('.main-svg'))"""
# the sides of each drawn chart whose margin plotly had to widen for what is drawn in it
WIDENED_MARGINS = """() => [...document.querySelectorAll('.ickit-chart .js-plotly-plot')].flatMap(plot => {
    const {margin, _size: drawn} = plot._fullLayout;
    return ['l', 'r', 't', 'b'].filter(side => Math.round(drawn[side]) > margin[side])
        .map(side => `${side}: ${margin[side]} -> ${Math.round(drawn[side])} px`);
})"""
