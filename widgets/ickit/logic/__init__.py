"""Plain-Python logic (models, scoring, planning, simulations): no Jupyter or widget imports."""
