"""Bill of materials: fabric areas with cutting waste, trims and thread, as rows or CSV.

Cut fabric is consumed at the net area of its pieces (panels, pockets and seam
allowances, layers counted) divided by the marker efficiency; knit-to-shape panels are
knitted to their outline and waste nothing. Trims come in pieces, lengths or areas;
thread in metres (its mass over its tex).

Marker efficiency: "the industry gold standard for standard wovens is 80–85 %"
(garmentprocess.com, "Marker efficiency in production",
https://garmentprocess.com/en/insights/fabric-yield-marker-making). A vest's small,
shaped stretch pieces sit at the low end: 0.80 by default, a parameter.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from typing import Any

from packcalc.library import Library

MARKER_EFFICIENCY = 0.80
BOM_COLUMNS = ["kind", "id", "name", "quantity", "unit", "net_area_m2", "mass_g", "note"]


def bill_of_materials(
    estimate: Any, library: Library, marker_efficiency: float = MARKER_EFFICIENCY
) -> list[dict[str, Any]]:
    """The materials one vest takes.

    Parameters
    ----------
    estimate : packcalc.estimator.Estimate
        The estimate of the design (its weight parts).
    library : Library
        Names and linear densities.
    marker_efficiency : float, optional
        Share of the cut fabric that ends in pieces [-] (default 0.80).

    Returns
    -------
    list of dict
        Rows with :data:`BOM_COLUMNS`: fabrics in m² consumed (``net_area_m2`` is what
        ends in the vest), trims in pieces, m or m², thread in m; ``mass_g`` is the mass
        in the finished vest.
    """
    if not 0 < marker_efficiency <= 1:
        raise ValueError(f"marker_efficiency: expected 0 to 1, got {marker_efficiency!r}")
    fabric_net: dict[str, float] = defaultdict(float)
    fabric_cut: dict[str, float] = defaultdict(float)
    fabric_mass: dict[str, float] = defaultdict(float)
    cut_fabrics: set[str] = set()  # fabrics with at least one cut (not knitted) piece
    trim_mass: dict[str, float] = defaultdict(float)
    for part in estimate.parts:
        if part.material in library.fabrics:
            area = part.area_m2 + part.allowance_area_m2
            fabric_net[part.material] += area
            fabric_mass[part.material] += part.mass_g
            if part.knit_to_shape:
                fabric_cut[part.material] += area
            else:
                fabric_cut[part.material] += area / marker_efficiency
                cut_fabrics.add(part.material)
        else:
            trim_mass[part.material] += part.mass_g

    rows = []
    for fabric_id, net in fabric_net.items():
        knitted = fabric_id not in cut_fabrics
        rows.append(
            {
                "kind": "fabric",
                "id": fabric_id,
                "name": library.fabrics[fabric_id].name,
                "quantity": round(fabric_cut[fabric_id], 5),
                "unit": "m2",
                "net_area_m2": round(net, 5),
                "mass_g": round(fabric_mass[fabric_id], 2),
                "note": "knitted to shape: no cutting waste"
                if knitted
                else f"cut at {marker_efficiency:.0%} marker efficiency",
            }
        )
    for trim_id, grams in trim_mass.items():
        trim = library.trims[trim_id]
        if trim.kind == "thread":
            quantity, unit, note = grams / trim.linear_density_tex * 1000, "m", "with wastage"
        elif trim.mass_g is not None:
            quantity, unit, note = grams / trim.mass_g, "pieces", ""
        elif trim.linear_mass_g_m is not None:
            quantity, unit, note = grams / trim.linear_mass_g_m, "m", ""
        else:
            quantity, unit, note = grams / trim.areal_mass_gsm, "m2", ""
        rows.append(
            {
                "kind": "thread" if trim.kind == "thread" else "trim",
                "id": trim_id,
                "name": trim.name,
                "quantity": round(quantity, 4),
                "unit": unit,
                "net_area_m2": "",
                "mass_g": round(grams, 2),
                "note": note,
            }
        )
    return rows


def bom_csv(rows: list[dict[str, Any]]) -> str:
    """The bill of materials as CSV text (header :data:`BOM_COLUMNS`)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=BOM_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()
