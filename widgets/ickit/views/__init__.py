"""Views: ipywidgets that bind the logic and the charts; each returns its root widget."""
