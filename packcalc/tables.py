"""Results as pandas DataFrames (``to_dataframe()``), with pandas imported only then.

pandas is an optional dependency: ``pip install 'packcalc[dataframe]'`` (the app's
``[app]`` extra has it too).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


def dataframe(rows: Sequence[Mapping[str, Any]] | Mapping[str, Any]) -> Any:
    """A pandas DataFrame of ``rows`` (dicts with the same keys, or columns by name)."""
    try:
        import pandas as pd
    except ImportError:
        raise ImportError("to_dataframe needs pandas: pip install 'packcalc[dataframe]'") from None
    return pd.DataFrame(rows)
