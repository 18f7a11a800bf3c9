"""The one exception type of packcalc."""

from __future__ import annotations

import difflib
from typing import Any


class PackcalcError(ValueError):
    """A bad value, file or identifier, with the place it was found.

    Parameters
    ----------
    field : str
        Where the bad value sits, as a dotted path (``fabrics.silnylon.areal_density``,
        ``pockets[1].width``). May be empty when the message already says it all.
    message : str
        What was wrong and what was expected.

    The string form is one line: ``"<field>: <message>"``.
    """

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        text = f"{field}: {message}" if field else message
        # One line, whatever the user typed: line breaks in a key or value are escaped.
        text = text.replace("\r", "\\r").replace("\n", "\\n")
        super().__init__(text)


def did_you_mean(word: str, choices: Any) -> str:
    """A ``" (did you mean 'x'?)"`` suffix for an unknown name, or an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.5)
    if not close:
        # Substring matches catch 'powermesh' → 'power-mesh-150'.
        squashed = word.replace("-", "").replace("_", "").lower()
        close = [c for c in choices if squashed and squashed in c.replace("-", "").lower()][:1]
    return f" (did you mean {close[0]!r}?)" if close else ""
