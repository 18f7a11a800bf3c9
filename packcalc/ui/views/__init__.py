"""The page's views, one module each: Vest, Explore, Made where, Compare A/B, Materials
library, Areal-density calculator. Each has a ``page()`` that ``app.py`` hands to
``st.navigation``: only the view on screen runs."""
