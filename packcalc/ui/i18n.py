"""Interface strings in English (the keys) and French.

``translate(text, "fr")`` returns the French text, or the English one when a string has
no translation yet (a test lists the app's strings and checks each has one).

Units, numbers and ids stay out of the strings: the app formats them around the text.
The size labels (XS … XL) read the same in French and fall back to the English key.
"""

from __future__ import annotations

LANGUAGES = {"en": "English", "fr": "Français"}

FR: dict[str, str] = {
    "Air share of the last leg [%]": "Part de l'aérien sur le dernier trajet [%]",
    "CO2e by step": "CO2e par étape",
    "Compared with": "Comparé à",
    "Ecobalyse query (JSON)": "Requête Ecobalyse (JSON)",
    "Made in": "Fabriqué en",
    "Made where": "Fabriqué où",
    "Supply chain": "Chaîne d'approvisionnement",
    "Where the factors come from": "D'où viennent les facteurs",
    "band": "fourchette",
    "days": "jours",
    "g CO2e per gram saved": "g CO2e par gramme gagné",
    "scenario": "scénario",
    "materials to the maker": "matières jusqu'à l'atelier",
    "making": "confection",
    "to the warehouse": "jusqu'à l'entrepôt",
    "Capacity at least [L]": "Capacité minimale [L]",
    "Explore": "Explorer",
    "Lightest": "Le plus léger",
    "Load the lightest design": "Charger le modèle le plus léger",
    "Packed volume at most [L]": "Volume compressé maximal [L]",
    "Searching…": "Recherche…",
    "The lightest design that meets a brief": (
        "Le modèle le plus léger qui respecte un cahier des charges"
    ),
    "Trade-off front: click a point to load that design": (
        "Front des compromis : cliquez sur un point pour charger ce modèle"
    ),
    "Variants searched": "Variantes explorées",
    "Weight change for ±10 % of each parameter": (
        "Variation du poids pour ±10 % de chaque paramètre"
    ),
    "Which parameter to work on first": "Sur quel paramètre travailler d'abord",
    "binding": "contraintes actives",
    "packed": "compressé",
    "the kit does not fit": "le matériel ne rentre pas",
    "the kit fits": "le matériel rentre",
    # ---------------------------------------------------------------- page and tabs
    "Weight, packed volume and load fit of ultralight running vests, from fabric specs.": (
        "Poids, volume compressé et chargement des gilets de trail ultralégers, "
        "à partir des fiches techniques des tissus."
    ),
    "Vest": "Gilet",
    "Compare A/B": "Comparer A/B",
    "Materials library": "Bibliothèque de matières",
    "Areal-density calculator": "Calcul du grammage",
    "Pockets, trims and load": "Poches, fournitures et charge",
    # ---------------------------------------------------------------- sidebar
    "Units": "Unités",
    "metric": "métrique",
    "imperial": "impérial",
    "Preset": "Modèle de base",
    "Open a design (TOML)": "Ouvrir un modèle (TOML)",
    "Size": "Taille",
    "custom": "sur mesure",
    "Chest circumference": "Tour de poitrine",
    "Back length": "Longueur de dos",
    "Pattern": "Patron",
    "Squeeze pressure": "Pression de compression",
    "The pressure the packed vest is squeezed at": "La pression de compression du gilet plié",
    "Fabrics": "Tissus",
    "Layers": "Couches",
    "Override": "Grammage imposé",
    "0: the fabric's own areal density": "0 : grammage propre du tissu",
    # panel groups (GROUP_LABELS)
    "Back panel": "Panneau dorsal",
    "Shoulder straps": "Sangles d'épaule",
    "Front panels": "Panneaux avant",
    "Side wings": "Ailettes latérales",
    # pattern options (OPTION_SPECS descriptions, capitalised)
    "Back panel height": "Hauteur du panneau dorsal",
    "Back panel width": "Largeur du panneau dorsal",
    "Neckline dip at the back": "Creux d'encolure dos",
    "Shoulder strap width": "Largeur de sangle d'épaule",
    "Strap, back to front": "Sangle, du dos à l'avant",
    "Front panel height": "Hauteur du panneau avant",
    "Front panel width": "Largeur du panneau avant",
    "Front neckline drop": "Profondeur d'encolure devant",
    "Side wing height": "Hauteur d'ailette latérale",
    "Likely range P5–P95": "Fourchette probable P5–P95",
    "Pin: the item goes in this pocket": "Épingler : l'objet va dans cette poche",
    "Nominal capacity at least [L]": "Capacité nominale minimale [L]",
    "Designs evaluated": "Modèles évalués",
    "Any fabric on load-bearing panels": "Tout tissu sur les pièces porteuses",
    "Pocket size": "Taille des poches",
    "Keep as they are (locks)": "Garder tels quels (verrous)",
    "Fabrics each panel group may take": "Tissus permis par groupe de pièces",
    "limiting constraints": "contraintes limitantes",
    "constraint": "contrainte",
    "value": "valeur",
    "limit": "limite",
    "limiting": "limitante",
    "drafts in every size (XS–XL)": "se trace dans toutes les tailles (XS–XL)",
    "every pocket within its panel": "chaque poche dans sa pièce",
    "straps reach over the shoulder in every size": (
        "bretelles passant l'épaule dans toutes les tailles"
    ),
    "fits its runner's chest": "va au buste du coureur",
    "shoulder pressure": "pression sur les épaules",
    "nominal capacity": "capacité nominale",
    "packed volume": "volume compressé",
    "Manufacturing tolerances and the model’s own error on real vests": (
        "Tolérances de fabrication et erreur propre du modèle sur des gilets réels"
    ),
    "manufacturing alone": "fabrication seule",
    "All pockets filled snug, as a brand counts its litres": (
        "Toutes les poches remplies à l'aise, comme une marque compte ses litres"
    ),
    "relaxed": "au repos",
    "stretched to the limit": "étirées à la limite",
    "On": "Sur",
    "real vests, the weight came within": "gilets réels, le poids estimé s'écarte de",
    "on average": "en moyenne",
    "each estimated without itself": "chacun estimé sans lui-même",
    "and this range held": "et cette fourchette contient",
    "of the real weights": "des poids réels",
    "Neck opening between the straps": "Encolure entre les bretelles",
    "Armhole dip of the side wing": "Creux d'emmanchure de l'ailette",
    "Sternum gap between fronts": "Écart sternal entre les devants",
    "Girth ease (negative: stretch fit)": "Aisance de tour (négative : ajusté en extension)",
    # named squeeze pressures (NAMED_PRESSURES)
    "stuff sack": "housse de rangement",
    "stretch pocket": "poche extensible",
    "hand squeeze": "serrage à la main",
    "vacuum": "sous vide",
    # ---------------------------------------------------------------- tables
    "Pockets": "Poches",
    "location": "emplacement",
    "fabric": "tissu",
    "closure": "fermeture",
    "shape": "forme",
    "reachable": "accessible",
    "Trims": "Fournitures",
    "trim": "fourniture",
    "The load": "La charge",
    "Load list": "Liste de matériel",
    "(none)": "(aucune)",
    "More library items": "Autres articles de la bibliothèque",
    "item": "article",
    "quantity": "quantité",
    "Your own items (mass g, volume L, packed size cm)": (
        "Vos propres articles (masse g, volume L, encombrement cm)"
    ),
    "rigid": "rigide",
    "reach": "accès",
    "reach while running": "accessible en courant",
    # ---------------------------------------------------------------- answers
    "the design was not changed": "le modèle n'a pas été modifié",
    "showing the last design that worked": "affichage du dernier modèle valide",
    "size": "taille",
    "chest": "tour de poitrine",
    "back length": "longueur de dos",
    "Weight": "Poids",
    "Conditioned (65 % RH, 20 °C)": "Conditionné (65 % HR, 20 °C)",
    "Tolerance band P5–P95": "Plage de tolérance P5–P95",
    "Packed volume": "Volume compressé",
    "At": "À",
    "the solid polymer alone takes": "le polymère seul occupe",
    "Packed, vs a cotton t-shirt": "Compressé, vs un t-shirt en coton",
    "volume": "volume",
    "weight": "poids",
    "Dry": "Sec",
    "sweat-soaked": "trempé de sueur",
    "of the fabrics’ pores filled, an assumption": "des pores des tissus remplis, une hypothèse",
    "Capacity": "Capacité",
    "All pockets, relaxed → stretched to their limit": (
        "Toutes les poches, au repos → étirées au maximum"
    ),
    "The kit": "Le matériel",
    "fits": "tout rentre",
    "items do not fit": "articles ne rentrent pas",
    "items placed": "articles placés",
    "Carried": "Total porté",
    "Vest + load": "Gilet + charge",
    "Balance": "Équilibre",
    "front": "avant",
    "left": "gauche",
    "Does not fit": "Ne rentre pas",
    # ---------------------------------------------------------------- charts
    "grams": "grammes",
    "Where each gram goes": "Où va chaque gramme",
    "Flat pattern, to scale": "Patron à plat, à l'échelle",
    "squeeze pressure [kPa]": "pression de compression [kPa]",
    "packed volume [L]": "volume compressé [L]",
    "Packed volume over pressure": "Volume compressé selon la pression",
    "Where the load goes": "Répartition de la charge",
    "Pockets to scale, filled to their share": "Poches à l'échelle, remplies selon leur part",
    "load": "charge",
    "in front": "à l'avant",
    "on the left": "à gauche",
    "centre of mass of the load": "centre de gravité de la charge",
    "to the left": "vers la gauche",
    "to the front of mid-torso": "en avant du milieu du torse",
    "fits chests of": "convient aux tours de poitrine de",
    "the runner": "le coureur",
    "OUTSIDE the range": "HORS de la plage",
    "pocket": "poche",
    "fill": "remplissage",
    "of": "sur",
    "mass": "masse",
    "stretch limited by": "extension limitée par",
    "Comfort:": "Confort :",
    "appropriate": "adapté",
    "daily maximum": "maximum au quotidien",
    "sportswear maximum": "maximum pour un vêtement de sport",
    "Compared with vests of its class": "Comparé aux gilets de sa catégorie",
    "vest": "gilet",
    "capacity": "capacité",
    "this design": "ce modèle",
    "source": "source",
    "Where the figures come from": "Origine des chiffres",
    "assumption": "hypothèse",
    "the whole record": "toute la fiche",
    "Assumed": "Valeurs supposées",
    # ---------------------------------------------------------------- save and compare
    "Design (TOML)": "Modèle (TOML)",
    "Bill of materials (CSV)": "Nomenclature (CSV)",
    "Pattern (SVG)": "Patron (SVG)",
    "Keep as A": "Garder comme A",
    "Keep as B": "Garder comme B",
    "Keep a design as A and another as B (buttons on the Vest tab) to compare them.": (
        "Gardez un modèle comme A et un autre comme B (boutons de l'onglet Gilet) "
        "pour les comparer."
    ),
    "figure": "indicateur",
    # headline figures (figures.HEADLINE)
    "Weight P5": "Poids P5",
    "Weight P95": "Poids P95",
    "Solid floor": "Volume plancher (matière pleine)",
    "vs a cotton t-shirt, volume": "vs un t-shirt en coton, volume",
    "vs a cotton t-shirt, weight": "vs un t-shirt en coton, poids",
    "Capacity relaxed": "Capacité au repos",
    "Capacity stretched": "Capacité étirée",
    "Items that do not fit": "Articles qui ne rentrent pas",
    "Load in front": "Charge à l'avant",
    "Load on the left": "Charge à gauche",
    # ---------------------------------------------------------------- materials library
    "Records": "Fiches",
    "Fibres": "Fibres",
    "Load items": "Matériel",
    "Search": "Rechercher",
    "id, name, fibre, source…": "id, nom, fibre, source…",
    "records": "fiches",
    "Every figure has a source, or is flagged as an assumption with a note.": (
        "Chaque valeur a une source, ou est signalée comme hypothèse avec une note."
    ),
    "Where do the figures come from?": "D'où viennent les chiffres ?",
    "Assumption": "Hypothèse",
    "All fields": "Tous les champs",
    # ---------------------------------------------------------------- areal-density calculator
    "Structure": "Structure",
    "woven": "chaîne et trame",
    "knit": "maille",
    "Ends per cm (warp)": "Fils par cm (chaîne)",
    "Picks per cm (weft)": "Duites par cm (trame)",
    "Warp yarn": "Fil de chaîne",
    "Weft yarn": "Fil de trame",
    "Warp crimp": "Embuvage chaîne",
    "Weft crimp": "Embuvage trame",
    "Areal density": "Grammage",
    "Areal density (imperial)": "Grammage (impérial)",
    "Cover factor warp + weft (tex system)": "Facteur de couverture chaîne + trame (système tex)",
    "Plain weave is easy to weave at K = 12 + 12 and jams near 16 + 16.": (
        "La toile se tisse facilement à K = 12 + 12 et atteint le serrage maximal vers 16 + 16."
    ),
    "Courses per cm": "Rangées par cm",
    "Wales per cm": "Colonnes par cm",
    "Loop length": "Longueur de maille",
    "Yarn": "Fil",
    "Tightness factor": "Facteur de serrage",
    "Plain single-jersey knits run at TF 1.3–1.5.": (
        "Les jerseys simples se tricotent à un TF de 1.3–1.5."
    ),
}


def translate(text: str, language: str) -> str:
    """The interface string ``text`` in ``language`` ("en" or "fr")."""
    if language == "fr":
        return FR.get(text, text)
    return text
