"""Building blocks of the Streamlit page: widget ↔ design mapping and chart data.

Only ``app.py`` imports this package; ``import packcalc`` never imports streamlit.
Nothing here computes physics: it maps widget values to a :class:`~packcalc.design.Design`
and results to tables and pictures.
"""
