"""Chart builders: pure functions that take logic results and return plotly figures."""
