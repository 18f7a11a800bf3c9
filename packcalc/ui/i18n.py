"""Interface strings in English (the keys) and French, and French typography.

``translate(text, "fr")`` returns the French text, or the English one when a string has
no translation (a test lists every string the page passes through ``t()`` or marks with
``N_()`` and checks each has one). Units, numbers and ids stay out of the strings: the
page formats them (``packcalc.ui.display.Fmt``) and fills them in (``{n} items``).

French typography: a no-break space before ``:``, ``;``, ``!``, ``?`` and ``%`` (written
in the translations below as a plain space, turned into a no-break space here).
"""

from __future__ import annotations

import re

LANGUAGES = {"en": "English", "fr": "Français"}
NBSP = "\u00a0"


def N_(text: str) -> str:
    """Mark an interface string where it is defined (it is translated where shown)."""
    return text


def french_typography(text: str) -> str:
    """No-break spaces before the high punctuation and ``%`` of a French string."""
    text = re.sub(r"(?<=[^\s(\[]) ?([:;!?])(?=\s|$)", NBSP + r"\1", text)
    return re.sub(r"(?<=[\d}]) ?%", NBSP + "%", text)


def translate(text: str, language: str) -> str:
    """The interface string ``text`` in ``language`` ("en" or "fr")."""
    if language == "fr":
        return _FR_TYPESET.get(text) or text
    return text


FR: dict[str, str] = {
    (
        "pocket {pocket} is {size} in {dim}, more than its panel's {panel}: its fabric "
        "and capacity are counted as given"
    ): (
        "la poche {pocket} mesure {size} en {dim}, plus que son panneau ({panel}) : son "
        "tissu et sa capacité sont comptés tels quels"
    ),
    "expected a whole number from {low} to {high}, got {value}": (
        "attendu un nombre entier de {low} à {high}, reçu {value}"
    ),
    "Choose…": "Choisir…",
    "empty mass": "masse à vide",
    "load-bearing rating": "aptitude à porter la charge",
    "mass per area": "masse surfacique",
    "mass per length": "masse linéique",
    "origin": "origine",
    "rigid volume": "volume rigide",
    "stretch": "extensibilité",
    "structure": "structure",
    "and": "et",
    "The two designs are the same.": "Les deux modèles sont identiques.",
    "What differs": "Ce qui diffère",
    "difference": "différence",
    "differences": "différences",
    "({changes} from A: see What differs)": "({changes} avec A : voir Ce qui diffère)",
    "(the same as A)": "(identique à A)",
    "what differs": "ce qui diffère",
    (
        "What one gram less of vest saves: the materials' stages per gram of "
        "fabric and trims (the making and the packaging do not change)."
    ): (
        "Ce qu'économise un gramme de gilet en moins : les étapes des matières par gramme "
        "de tissu et de fournitures (la confection et l'emballage ne changent pas)."
    ),
    (
        "None of the design's fabrics names its mill: «as sourced» takes them along the "
        "typical Asian chain (yarn from China, knitting, dyeing and finishing in Taiwan), the "
        "same as «Made in the Drôme from Asian fabric»."
    ): (
        "Aucun des tissus du modèle ne nomme son usine : « tels que sourcés » les fait passer "
        "par la chaîne asiatique type (fil de Chine, tricotage, teinture et finition à "
        "Taïwan), comme « Fabriqué dans la Drôme, tissus d'Asie »."
    ),
    (
        "{n} of the design's {m} fabrics name no mill: «as sourced» takes them "
        "along the typical Asian chain (yarn from China, knitting, dyeing and "
        "finishing in Taiwan), the same as «Made in the Drôme from Asian fabric»."
    ): (
        "{n} des {m} tissus du modèle ne nomment pas leur usine : « tels que sourcés » les "
        "fait passer par la chaîne asiatique type (fil de Chine, tricotage, teinture et "
        "finition à Taïwan), comme « Fabriqué dans la Drôme, tissus d'Asie »."
    ),
    (
        "Pocket {pocket} is {size} in {dim}, more than its panel ({panel}): the "
        "figures count it as given, but it cannot be sewn so."
    ): (
        "La poche {pocket} mesure {size} en {dim}, plus que son panneau ({panel}) : les "
        "chiffres la comptent telle quelle, mais elle ne peut pas être cousue ainsi."
    ),
    "(message in English)": "(message en anglais)",
    "expected {kind} like {example}, got {value}": (
        "attendu : {kind}, par exemple {example} ; reçu {value}"
    ),
    "an areal density": "un grammage",
    "a linear density": "un titre",
    "a mass per length": "une masse linéique",
    "a length": "une longueur",
    "a mass": "une masse",
    "a density": "une masse volumique",
    "a pressure": "une pression",
    "a volume": "un volume",
    "a modulus": "un module",
    "a tension": "une tension",
    "an area": "une surface",
    "the bare number {n}: write it with its unit": (
        "le nombre {n} sans unité : écrivez-le avec son unité"
    ),
    "an empty value": "une valeur vide",
    "at least {limit}": "au moins {limit}",
    "at most {limit}": "au plus {limit}",
    "more than {limit}": "plus de {limit}",
    "expected between {low} and {high}, got {value}": "attendu entre {low} et {high}, reçu {value}",
    "expected {bound}, got {value}": "attendu {bound}, reçu {value}",
    "pocket {n}, {what}": "poche {n}, {what}",
    "For the cutting room:": "Pour l'atelier de coupe :",
    "Pattern for CAD (DXF, graded)": "Patron pour la CAO (DXF, gradué)",
    "Pattern to print at 1:1 (PDF, A4)": "Patron à imprimer à 1:1 (PDF, A4)",
    "Flats (SVG)": "Dessins techniques (SVG)",
    "Tech pack (PDF, in English)": "Dossier technique (PDF, en anglais)",
    "bound edge (binding)": "bord bordé (biais)",
    "seamed or raw edge": "bord cousu ou franc",
    "topstitching": "surpiqûre",
    "pocket opening": "ouverture de poche",
    "shoulder (the strap goes on over it)": "épaule (la bretelle continue par-dessus)",
    "sternum strap": "sangle de sternum",
    "load, up to the nominal capacity": "charge, jusqu'à la capacité nominale",
    "load past the nominal capacity (stretched)": "charge au-delà de la capacité nominale (étirée)",
    "nominal capacity (filled snug); the top of a pocket: stretched to the limit": (
        "capacité nominale (remplie ajustée) ; le haut d'une poche : étirée à la limite"
    ),
    "The two are the same, stage by stage.": "Les deux sont identiques, étape par étape.",
    (
        "≥: the primary energy leaves out producing {fibres}, which no open source gives; "
        "its CO2e is counted."
    ): (
        "≥ : l'énergie primaire omet la production de {fibres}, qu'aucune source ouverte "
        "ne donne ; son CO2e est compté."
    ),
    (
        "≥: the primary energy leaves out producing {fibres}, which no open source gives; "
        "their CO2e is counted."
    ): (
        "≥ : l'énergie primaire omet la production de {fibres}, qu'aucune source ouverte "
        "ne donne ; leur CO2e est compté."
    ),
    "Add your own chain: a place for every stage": (
        "Ajouter votre propre chaîne : un lieu pour chaque étape"
    ),
    "Choose at least one supply chain.": "Choisissez au moins une chaîne d'approvisionnement.",
    "Choose two different scenarios.": "Choisissez deux scénarios différents.",
    "Compare": "Comparer",
    "For {scenario}: the ten factors whose own uncertainty moves the total most.": (
        "Pour {scenario} : les dix facteurs dont l'incertitude propre fait le plus varier le total."
    ),
    "From": "De",
    "From one to the other": "De l'un à l'autre",
    "From {a} to {b}: {change} g CO2e; stages that change by less than a gram are left out.": (
        "De {a} à {b} : {change} g CO2e ; les étapes qui changent de moins d'un gramme sont omises."
    ),
    (
        "Process energies: Carbonfact, textile LCA database (CC BY-SA 4.0). Electricity: "
        "Ember, Yearly Electricity Data (CC BY 4.0). Heat mixes, distances and the making "
        "energy: Ecobalyse (MIT). Fibres: published life-cycle studies and the UK "
        "government's conversion factors (Open Government Licence), each under «Where the "
        "factors come from»."
    ): (
        "Énergies des procédés : Carbonfact, textile LCA database (CC BY-SA 4.0). Électricité"
        " : Ember, Yearly Electricity Data (CC BY 4.0). Mix de chaleur, distances et énergie "
        "de confection : Ecobalyse (MIT). Fibres : analyses de cycle de vie publiées et "
        "facteurs de conversion du gouvernement britannique (Open Government Licence), chacun"
        " sous « D'où viennent les facteurs »."
    ),
    "Stage by stage": "Étape par étape",
    "Supply chains": "Chaînes d'approvisionnement",
    "To": "À",
    "What the total depends on": "Ce dont dépend le total",
    "Where the vest is sewn; every fabric is made where its record says.": (
        "Où le gilet est cousu ; chaque tissu est fabriqué là où sa fiche l'indique."
    ),
    "acid dyeing": "teinture aux colorants acides",
    "adds": "ajoute",
    "air freight": "fret aérien",
    "air-jet weaving": "tissage à jet d'air",
    "as sourced": "tel que sourcé",
    "by air": "par avion",
    "circular knitting": "tricotage circulaire",
    "coating": "enduction",
    "disperse dyeing": "teinture aux colorants dispersés",
    "electricity, {place}": "électricité, {place}",
    "energy of {process}": "énergie : {process}",
    "factor": "facteur",
    "heat mix, Europe": "mix de chaleur, Europe",
    "heat mix, world": "mix de chaleur, monde",
    "heat-setting": "thermofixage",
    "its uncertainty (1 σ)": "son incertitude (1 σ)",
    "kg CO2e per kg of vest": "kg CO2e par kg de gilet",
    "knitting to shape": "tricotage en forme",
    "lb CO2e per lb of vest": "lb CO2e par lb de gilet",
    "making minutes": "minutes de confection",
    "moves the total by (g CO2e)": "fait varier le total de (g CO2e)",
    "places": "lieux",
    "plastic trims": "accessoires en plastique",
    "polybag film": "film du sachet",
    "primary energy [MJ]": "énergie primaire [MJ]",
    "producing {fibre}": "production : {fibre}",
    "road freight": "fret routier",
    "saves": "économise",
    "sea freight": "fret maritime",
    "spinning elastane": "filage de l'élasthanne",
    "spinning polyamide": "filage du polyamide",
    "spinning polyester": "filage du polyester",
    "supply chains": "chaînes d'approvisionnement",
    "texturing": "texturation",
    "total": "total",
    "warp knitting": "tricotage chaîne",
    "washing": "lavage",
    "water-repellent finish": "apprêt déperlant",
    # ---------------------------------------------------------------- pages and sidebar
    "Vest": "Gilet",
    "Explore": "Explorer",
    "Made where": "Fabriqué où",
    "Compare A/B": "Comparer A/B",
    "Materials library": "Bibliothèque de matières",
    "Areal-density calculator": "Calcul du grammage",
    "Units": "Unités",
    "metric": "métrique",
    "imperial": "impérial",
    "The design": "Le modèle",
    "Preset": "Modèle de base",
    "{name} (file {file})": "{name} (fichier {file})",
    "{name}, lightest for the brief": "{name}, le plus léger pour le cahier des charges",
    "{name}, from the trade-off front": "{name}, pris sur le front des compromis",
    "Open a design (TOML)": "Ouvrir un modèle (TOML)",
    "A design file saved by packcalc (Design (TOML) below), at most {size}.": (
        "Un fichier de modèle enregistré par packcalc (Modèle (TOML) plus bas), {size} au plus."
    ),
    "kB": "ko",
    "TOML, 256 kB at most": "TOML, 256 ko au plus",
    "Browse": "Parcourir",
    "Size": "Taille",
    "custom": "sur mesure",
    "Chest circumference": "Tour de poitrine",
    "Back length": "Longueur de dos",
    "Pattern": "Patron",
    "Squeeze pressure": "Pression de compression",
    "The pressure the packed vest is squeezed at": "La pression à laquelle le gilet plié est serré",
    "Fabrics": "Tissus",
    "Layers": "Couches",
    "Areal density override": "Grammage imposé",
    "none ({own})": "aucun ({own})",
    "Empty: the fabric's own areal density.": "Vide : le grammage propre du tissu.",
    # panel groups
    "Back panel": "Panneau dorsal",
    "Shoulder straps": "Bretelles",
    "Front panels": "Panneaux avant",
    "Side wings": "Ailes latérales",
    # pattern options (OPTION_SPECS descriptions, capitalised)
    "Back panel height": "Hauteur du panneau dorsal",
    "Back panel width": "Largeur du panneau dorsal",
    "Neckline dip at the back": "Creux d'encolure dos",
    "Shoulder strap width": "Largeur des bretelles",
    "Strap, back to front": "Bretelle, du dos à l'avant",
    "Front panel height": "Hauteur du panneau avant",
    "Front panel width": "Largeur du panneau avant",
    "Front neckline drop": "Profondeur d'encolure devant",
    "Side wing height": "Hauteur des ailes latérales",
    "Sternum gap between fronts": "Écart sternal entre les devants",
    "Girth ease (negative: stretch fit)": "Aisance de tour (négative : ajusté en extension)",
    "Neck opening between the straps": "Encolure entre les bretelles",
    "Armhole dip of the side wing": "Creux d'emmanchure de l'aile",
    # named squeeze pressures (packing.NAMED_PRESSURES)
    "stuff sack": "sac de compression",
    "stretch pocket": "poche extensible",
    "hand squeeze": "serrage à la main",
    "vacuum": "sous vide",
    # ---------------------------------------------------------------- the answers
    "the design was not changed": "le modèle n'a pas été modifié",
    "showing the last design that worked": "affichage du dernier modèle valide",
    "changed": "modifié",
    "size": "taille",
    "chest": "tour de poitrine",
    "back length": "longueur de dos",
    "Weight": "Poids",
    "Conditioned (65 % RH, 20 °C)": "Conditionné (65 % HR, 20 °C)",
    "Likely range (P5–P95)": "Fourchette probable (P5–P95)",
    "Manufacturing tolerances and the model's own error on real vests": (
        "Tolérances de fabrication et erreur propre du modèle sur des gilets réels"
    ),
    "Manufacturing only (P5–P95)": "Fabrication seule (P5–P95)",
    "Fabric areal density, cut sizes and trims within their tolerances": (
        "Grammage des tissus, cotes de coupe et fournitures dans leurs tolérances"
    ),
    "Packed volume": "Volume compressé",
    "At {p} kPa; the solid polymer alone takes {floor}": (
        "À {p} kPa ; la matière pleine seule occupe {floor}"
    ),
    "Those are commercial vests written from their public descriptions, with the library's "
    "generic fabrics (two reviewers' weighings of the same vest differ by {agree} on average). "
    "With your own fabrics' weights and pattern the error should be smaller; no public data "
    "measures how much.": (
        "Ce sont des gilets du commerce décrits d'après leurs descriptions publiques, avec les "
        "tissus génériques de la bibliothèque (deux pesées du même gilet par deux testeurs "
        "diffèrent de {agree} en moyenne). Avec les grammages et le patronage de vos propres "
        "tissus, l'erreur devrait être plus faible ; aucune donnée publique ne permet de dire "
        "de combien."
    ),
    "How far to trust it: on the {n_cal} vests the model was calibrated on, each estimated "
    "without itself, the weight was off by {mae} on average (mean error {bias}; negative: the "
    "estimate is lighter than the vest); on {n_fresh} vests found afterwards, off by "
    "{fresh_mae} (mean error {fresh_bias}). The likely range is this error and the "
    "manufacturing tolerances together, about ×{spread} either way for every design; it held "
    "{coverage} of the {n} real weights, where a P5–P95 range should hold about {expected}: it is "
    "on the wide side.": (
        "Quelle confiance lui accorder : sur les {n_cal} gilets qui ont servi au calage, chacun "
        "estimé sans lui-même, le poids s'écarte de {mae} en moyenne (erreur moyenne {bias} ; "
        "négative : l'estimation est plus légère que le gilet) ; sur {n_fresh} gilets trouvés "
        "ensuite, de {fresh_mae} (erreur moyenne {fresh_bias}). La fourchette probable réunit "
        "cette erreur et les tolérances de fabrication, environ ×{spread} de part et d'autre "
        "pour tout modèle ; elle a contenu {coverage} des {n} poids réels, là où une "
        "fourchette P5–P95 devrait en contenir environ {expected} : elle est plutôt large."
    ),
    "The nominal capacity against the brands' litres: off by {mae} on average (mean error "
    "{bias}).": (
        "La capacité nominale face aux litres annoncés par les marques : écart de {mae} en "
        "moyenne (erreur moyenne {bias})."
    ),
    "Packed at {p} kPa, the vest takes {vr} the volume of {tee} packed the same way "
    "({tee_volume}), and weighs {wr} as much ({tee_mass}).": (
        "Compressé à {p} kPa, le gilet occupe {vr} le volume d'{tee} compressé de même "
        "({tee_volume}) et pèse {wr} son poids ({tee_mass})."
    ),
    "Oven-dry (the fibres' moisture regain removed) {dry}; sweat-soaked {wet} "
    "({share} of the fabrics' pores filled, an assumption).": (
        "Anhydre (sans la reprise d'humidité des fibres) {dry} ; trempé de sueur {wet} "
        "({share} des pores des tissus remplis, une hypothèse)."
    ),
    "Capacity, nominal": "Capacité nominale",
    "Every pocket filled snug: the figure to hold against a brand's litres. Relaxed "
    "{relaxed}; stretched to the limit {stretched}.": (
        "Chaque poche remplie juste : le chiffre à comparer aux litres d'une marque. Au repos "
        "{relaxed} ; étirées à la limite {stretched}."
    ),
    "The kit": "Le matériel",
    "fits": "tout rentre",
    "item does not fit": "article ne rentre pas",
    "items do not fit": "articles ne rentrent pas",
    "{n} items placed, {mass}": "{n} articles placés, {mass}",
    "Carried": "Total porté",
    "Vest and load": "Gilet et charge",
    "Share of the load's weight carried in front, and on the left.": (
        "Part du poids de la charge portée à l'avant, et à gauche."
    ),
    "in front": "à l'avant",
    "on the left": "à gauche",
    "Pressure under the straps": "Pression sous les bretelles",
    "The loaded vest on the shoulders; skin blood flow stops above {limit} kPa.": (
        "Le gilet chargé sur les épaules ; la circulation sanguine de la peau s'arrête "
        "au-delà de {limit} kPa."
    ),
    "Does not fit": "Ne rentre pas",
    # ---------------------------------------------------------------- save and keep
    "Design (TOML)": "Modèle (TOML)",
    "Bill of materials (CSV)": "Nomenclature (CSV)",
    "Pattern (SVG)": "Patron (SVG)",
    "Keep as {slot}": "Garder comme {slot}",
    "Kept as {slot}: see Compare A/B.": "Gardé comme {slot} : voir Comparer A/B.",
    # ---------------------------------------------------------------- charts
    "Where each gram goes": "Où va chaque gramme",
    "Where each ounce goes": "Où va chaque once",
    "weight": "poids",
    "part": "partie",
    "category": "catégorie",
    "material": "matière",
    "panels": "panneaux",
    "pockets": "poches",
    "pocket closures": "fermetures de poches",
    "pocket making": "confection des poches",
    "binding": "biais",
    "seam allowances": "surplus de couture",
    "thread": "fil",
    "seam tape": "ruban de couture",
    "trims": "fournitures",
    "details": "détails",
    "pocket: {pocket}": "poche : {pocket}",
    "closure: {pocket}": "fermeture : {pocket}",
    "labels": "étiquettes",
    "bar tacks": "points d'arrêt",
    "zip pullers": "tirettes de zip",
    "pole loops": "passants de bâtons",
    "hose loops": "passants de tuyau",
    "whistle": "sifflet",
    "side adjusters": "réglages latéraux",
    "compression cords": "cordons de compression",
    "sternum rails": "rails de sternum",
    "sternum straps": "sangles de sternum",
    "back pad": "dos rembourré",
    "reinforcement patches": "renforts",
    "logos and prints": "logos et impressions",
    "details: {finish} of the opening ({pocket})": "détails : {finish} de l'ouverture ({pocket})",
    "details: zip garage ({pocket})": "détails : garage de zip ({pocket})",
    "fold-over hem": "ourlet replié",
    "elastic casing": "coulisse élastique",
    "raw edge": "bord franc",
    "Pocket making: what making a pocket adds beyond its fabric and closure (hems, seams, "
    "bar tacks), {grams} a pocket, fitted on the calibration vests.": (
        "Confection des poches : ce que la confection d'une poche ajoute au-delà de son tissu "
        "et de sa fermeture (ourlets, coutures, arrêts), {grams} par poche, calé sur les "
        "gilets de calage."
    ),
    "Flat pattern, to scale": "Patron à plat, à l'échelle",
    "Detail": "Détail",
    "Packing": "Compression",
    "Load": "Charge",
    "Sources": "Sources",
    "{n} layers": "{n} couches",
    "bound edge": "bord bordé",
    "seam": "couture",
    "cutting line: seam allowance {a}": "ligne de coupe : surplus de couture {a}",
    "Packed volume over pressure": "Volume compressé selon la pression",
    "squeeze pressure": "pression de compression",
    "packed volume": "volume compressé",
    "what": "quoi",
    "pressure": "pression",
    "volume": "volume",
    "this vest": "ce gilet",
    "solid floor of this vest": "plancher de matière pleine de ce gilet",
    # ---------------------------------------------------------------- the load
    "Where the load goes": "Répartition de la charge",
    "front view": "vue de face",
    "back view": "vue de dos",
    "load": "charge",
    "centre of mass of the load": "centre de gravité de la charge",
    "to the left": "vers la gauche",
    "to the right": "vers la droite",
    "in front of mid-torso": "en avant du milieu du torse",
    "behind mid-torso": "en arrière du milieu du torse",
    "fits chests of": "convient aux tours de poitrine de",
    "the runner": "le coureur",
    "outside the range": "hors de la plage",
    "Comfort of a pocket on the body:": "Confort d'une poche sur le corps :",
    "appropriate": "adapté",
    "daily maximum": "maximum au quotidien",
    "sportswear maximum": "maximum pour un vêtement de sport",
    "pocket": "poche",
    "capacity, nominal": "capacité nominale",
    "stretched to the limit": "étirée à la limite",
    "mass": "masse",
    "pressure on the body": "pression sur le corps",
    "empty": "vide",
    "stretch limited by": "extension limitée par",
    "holds": "contient",
    "the table was not changed": "le tableau n'a pas été modifié",
    "fabric's stretch limit": "limite d'extension du tissu",
    "pressure on the body (comfort)": "pression sur le corps (confort)",
    "fabric does not stretch": "tissu non extensible",
    "opening held by the zip": "ouverture tenue par le zip",
    "Compared with vests of its class": "Comparé aux gilets de sa catégorie",
    "vest": "gilet",
    "capacity": "capacité",
    "this design": "ce modèle",
    "source": "source",
    "Where the figures come from": "D'où viennent les chiffres",
    "assumption": "hypothèse",
    "the whole record": "toute la fiche",
    "Assumed": "Valeurs supposées",
    "(note in English)": "(note en anglais)",
    # library notes and reasons (packcalc.ui.messages)
    "the sweat-soaked weight takes {share} of the fabrics' pores filled (no published value)": (
        "le poids trempé de sueur suppose {share} des pores des tissus remplis (aucune valeur "
        "publiée)"
    ),
    "packed volume and sweat-soaked weight take their construction's defaults for fabrics "
    "without a measured thickness: {fabrics}": (
        "le volume compressé et le poids trempé prennent les valeurs par défaut de leur "
        "construction pour les tissus sans épaisseur mesurée : {fabrics}"
    ),
    "the tension of stretch pockets is estimated from the EN 14704-1 force levels at the "
    "fabric's stated stretch limit (no measured modulus)": (
        "la tension des poches extensibles est estimée d'après les niveaux de force de "
        "l'EN 14704-1 à la limite d'extension annoncée du tissu (aucun module mesuré)"
    ),
    "the pin of {item} to {pocket} is left out: not in the load": (
        "l'épinglage de {item} dans {pocket} est ignoré : absent de la charge"
    ),
    "the vest has no pockets": "le gilet n'a pas de poche",
    "too big for any pocket ({volume}; the largest, {pocket}, takes {largest} stretched to "
    "the limit)": (
        "trop gros pour toutes les poches ({volume} ; la plus grande, {pocket}, prend {largest} "
        "étirée à la limite)"
    ),
    "too big for any pocket within reach (it must be reached while running)": (
        "trop gros pour les poches accessibles (il doit être atteint en courant)"
    ),
    "no pocket within reach left: those that take it are full": (
        "plus de poche accessible : celles qui le prennent sont pleines"
    ),
    "capacity used up: the pockets that take it are full": (
        "capacité épuisée : les poches qui le prennent sont pleines"
    ),
    # ---------------------------------------------------------------- the tables
    "Pockets, trims and load": "Poches, fournitures et charge",
    "Pockets": "Poches",
    "name": "nom",
    "place": "emplacement",
    "front, left": "devant, gauche",
    "front, right": "devant, droite",
    "back": "dos",
    "side, left": "côté, gauche",
    "side, right": "côté, droite",
    "hip, left": "hanche, gauche",
    "hip, right": "hanche, droite",
    "width": "largeur",
    "height": "hauteur",
    "gusset": "soufflet",
    "fabric": "tissu",
    "closure": "fermeture",
    "none": "aucune",
    "elastic": "élastique",
    "zip": "zip",
    "drawcord": "cordon",
    "hook": "crochet",
    "reach while running": "accessible en courant",
    "shape": "forme",
    "patch": "plaquée",
    "tube": "tube",
    "box": "boîte",
    "cylinder": "cylindre",
    "Trims": "Fournitures",
    "trim": "fourniture",
    "pieces": "pièces",
    "length": "longueur",
    "area": "surface",
    "The load": "La charge",
    "Load list": "Liste de matériel",
    "(none)": "(aucune)",
    "More library items": "Autres articles de la bibliothèque",
    "item": "article",
    "quantity": "quantité",
    "pinned to": "épinglé dans",
    "Pin: the item goes in this pocket": "Épingler : l'article va dans cette poche",
    "Your own items": "Vos propres articles",
    "diameter": "diamètre",
    "rigid": "rigide",
    # ---------------------------------------------------------------- explore
    "Which parameter to work on first": "Sur quel paramètre travailler d'abord",
    "Weight change for ±10 % of each parameter": (
        "Variation du poids pour ±10 % de chaque paramètre"
    ),
    "−10 %": "−10 %",
    "+10 %": "+10 %",
    "weight change": "variation du poids",
    "parameter": "paramètre",
    "change": "variation",
    "value": "valeur",
    "weight, −10 %": "poids, −10 %",
    "weight, +10 %": "poids, +10 %",
    "elasticity": "élasticité",
    "packed volume, +10 %": "volume compressé, +10 %",
    "nominal capacity, +10 %": "capacité nominale, +10 %",
    "* ±10 % of this parameter leaves the limits of the draft: its figures extrapolate.": (
        "* ±10 % de ce paramètre sort des limites du tracé : ces chiffres extrapolent."
    ),
    "No effect on the weight: {names}.": "Sans effet sur le poids : {names}.",
    "The squeeze pressure changes the packed volume only.": (
        "La pression de compression ne change que le volume compressé."
    ),
    "Elasticity: the weight's relative change over the parameter's (1: the weight follows the "
    "parameter in proportion). Changes are against the design's {weight}.": (
        "Élasticité : la variation relative du poids sur celle du paramètre (1 : le poids suit "
        "le paramètre en proportion). Variations par rapport aux {weight} du modèle."
    ),
    "areal density of the back panel": "grammage du panneau dorsal",
    "areal density of the straps": "grammage des bretelles",
    "areal density of the front panels": "grammage des panneaux avant",
    "areal density of the side wings": "grammage des ailes latérales",
    "Pocket size (width and height)": "Taille des poches (largeur et hauteur)",
    "The lightest design that meets a brief": (
        "Le modèle le plus léger qui respecte un cahier des charges"
    ),
    "Nominal capacity at least": "Capacité nominale minimale",
    "Packed volume at most": "Volume compressé maximal",
    "Designs evaluated": "Modèles évalués",
    "Any fabric on load-bearing panels": "Tout tissu sur les pièces porteuses",
    "Keep as they are (locks)": "Garder tels quels (verrous)",
    "Fabrics each panel group may take": "Tissus permis par groupe de pièces",
    "Search": "Rechercher",
    "Searching…": "Recherche…",
    "Lightest: {weight} · nominal capacity {capacity} · packed {packed} · {kit} · limiting: "
    "{limiting}": (
        "Le plus léger : {weight} · capacité nominale {capacity} · compressé {packed} · {kit} · "
        "contraintes limitantes : {limiting}"
    ),
    "What the search changed in the design:": "Ce que la recherche a changé dans le modèle :",
    "design": "modèle",
    "lightest": "le plus léger",
    "the kit fits": "le matériel rentre",
    "the kit does not fit": "le matériel ne rentre pas",
    "constraint": "contrainte",
    "limit": "limite",
    "limiting": "limitante",
    "Load the lightest design": "Charger le modèle le plus léger",
    "Trade-off front: click a point to load that design": (
        "Front des compromis : cliquez sur un point pour charger ce modèle"
    ),
    "nominal capacity": "capacité nominale",
    "packed": "compressé",
    "drafts in every size ({sizes})": "se trace dans toutes les tailles ({sizes})",
    "every pocket within its panel": "chaque poche dans sa pièce",
    "straps reach over the shoulder in every size": (
        "les bretelles passent l'épaule dans toutes les tailles"
    ),
    "fits its runner's chest": "va au tour de poitrine de son coureur",
    "pressure under the straps": "pression sous les bretelles",
    "the back panel": "le panneau dorsal",
    "the straps": "les bretelles",
    "the front panels": "les panneaux avant",
    "the side wings": "les ailes latérales",
    "{fabric} left out of the {group}: not rated load-bearing": (
        "pas de {fabric} pour {group} : non prévu pour porter la charge"
    ),
    "pockets no smaller than ×{scale} of the design's: below that the kit does not fit": (
        "des poches d'au moins ×{scale} celles du modèle : en dessous, le matériel ne rentre pas"
    ),
    "rounded to the millimetre, none of the ten lightest designs meets the brief: the "
    "lightest as found": (
        "arrondis au millimètre, aucun des dix modèles les plus légers ne tient le cahier des "
        "charges : le plus léger tel que trouvé"
    ),
    "none of the ten lightest designs carries the whole kit: the lightest": (
        "aucun des dix modèles les plus légers ne porte tout le matériel : le plus léger"
    ),
    "{parameter} at the {end} end of its range": "{parameter} à la borne {end} de sa plage",
    "lower": "inférieure",
    "upper": "supérieure",
    # ---------------------------------------------------------------- made where
    "Made in": "Fabriqué en",
    "Compared with": "Comparé à",
    "Air share of the last leg": "Part de l'avion sur le dernier trajet",
    "CO2e by stage": "CO2e par étape de fabrication",
    "Cradle to gate: from the fibre to the brand's warehouse, end of life not counted. g CO2e "
    "is the emission unit in every unit system; the band is P5–P95 over every factor's "
    "uncertainty.": (
        "Du berceau à la porte : de la fibre à l'entrepôt de la marque, fin de vie non "
        "comptée. Le g CO2e est l'unité des émissions dans tous les systèmes d'unités ; la "
        "fourchette est le P5–P95 sur l'incertitude de chaque facteur."
    ),
    "g CO2e": "g CO2e",
    "scenario": "scénario",
    "band": "fourchette",
    "lead time": "délai",
    "day": "jour",
    "days": "jours",
    "per gram saved": "par gramme gagné",
    "per ounce saved": "par once gagnée",
    "materials to the maker": "matières jusqu'à l'atelier",
    "making": "confection",
    "to the warehouse": "jusqu'à l'entrepôt",
    "{place}, by sea": "{place}, par mer",
    "{place}, {share} by air": "{place}, {share} par avion",
    "€: fabric and trims at placeholder prices (no published price list was found) and the "
    "labour where the vest is sewn; freight is not costed, so a share flown costs the same as "
    "shipping.": (
        "€ : tissus et fournitures à des prix provisoires (aucune liste de prix publiée "
        "trouvée) et main-d'œuvre là où le gilet est cousu ; le fret n'est pas chiffré : une "
        "part envoyée par avion coûte autant que par mer."
    ),
    "The first row of the table ({label}) as a query of Ecobalyse's textile simulator, to "
    "check it on their site.": (
        "La première ligne du tableau ({label}) en requête du simulateur textile "
        "d'Ecobalyse, pour la vérifier sur leur site."
    ),
    "fabric consumed at a marker efficiency of {share}": (
        "tissu consommé avec un rendement de placement de {share}"
    ),
    "{minutes} min of making, {kwh} kWh at {grid} g CO2e/kWh": (
        "{minutes} min de confection, {kwh} kWh à {grid} g CO2e/kWh"
    ),
    "by sea {sea} (road {road}, of which {share} taken by road), by air {air} × {air_share}": (
        "par mer {sea} (route {road}, dont {share} faits par la route), par avion {air} × "
        "{air_share}"
    ),
    ", then {road} by road": ", puis {road} par la route",
    "origin unknown, taken as the making country: {fabrics}": (
        "origine inconnue, prise comme le pays de confection : {fabrics}"
    ),
    "Ecobalyse query (JSON)": "Requête Ecobalyse (JSON)",
    "fibre, yarn, fabric, dyeing, finishing, trims and their transport": (
        "fibre, fil, tissu, teinture, finition, fournitures et leur transport"
    ),
    "{minutes} min of making": "{minutes} min de confection",
    "{share} by air": "{share} par avion",
    "{fibre}: no open figure for its spinning, not counted": (
        "{fibre} : aucun chiffre ouvert pour sa filature, non compté"
    ),
    "{fibre} spinning: the melt spinning of {other} stands in": (
        "filature de {fibre} : le filage en fusion de {other} en tient lieu"
    ),
    "{fibre}: no open figure for its production, left out": (
        "{fibre} : aucun chiffre ouvert pour sa production, laissé de côté"
    ),
    "{fabric}: no dyeing figure for its fibres, not counted": (
        "{fabric} : aucun chiffre de teinture pour ses fibres, non compté"
    ),
    "no labour cost for {country}: the making cost is not counted": (
        "aucun coût de main-d'œuvre pour {country} : le coût de confection n'est pas compté"
    ),
    "cost: fabric and trims at placeholder prices (no published price list found), labour "
    "where sewn; freight is not costed": (
        "coût : tissus et fournitures à des prix provisoires (aucun tarif publié trouvé), "
        "main-d'œuvre du lieu de confection ; le fret n'est pas compté"
    ),
    "{fibre}: its production energy is not given by the source": (
        "{fibre} : son énergie de production n'est pas donnée par la source"
    ),
    "fibre": "fibre",
    "spinning": "filature",
    "knitting, weaving, laminating": "tricotage, tissage, laminage",
    "dyeing": "teinture",
    "finishing": "finition",
    "packaging": "emballage",
    "transport": "transport",
    "stage": "étape de fabrication",
    "Where the factors come from": "D'où viennent les facteurs",
    "no source": "sans source",
    # ---------------------------------------------------------------- compare
    "Keep a design as A and another as B (buttons on the Vest page) to compare them.": (
        "Gardez un modèle comme A et un autre comme B (boutons de la page Gilet) pour les comparer."
    ),
    "figure": "indicateur",
    "Likely weight, P5": "Poids probable, P5",
    "Likely weight, P95": "Poids probable, P95",
    "Solid floor": "Plancher de matière pleine",
    "Packed volume, × a cotton t-shirt's": "Volume compressé, × celui d'un t-shirt en coton",
    "Weight, × a cotton t-shirt's": "Poids, × celui d'un t-shirt en coton",
    "Capacity, relaxed": "Capacité au repos",
    "Capacity, stretched to the limit": "Capacité étirée à la limite",
    "Items that do not fit": "Articles qui ne rentrent pas",
    "Carried (vest and load)": "Total porté (gilet et charge)",
    "Load in front": "Charge à l'avant",
    "Load on the left": "Charge à gauche",
    # ---------------------------------------------------------------- materials library
    "Records": "Fiches",
    "Fibres": "Fibres",
    "Load items": "Matériel",
    "id, name, fibre, source…": "id, nom, fibre, source…",
    "{shown} of {total} records. Every figure has a source, or is flagged as an assumption "
    "with a note.": (
        "{shown} fiches sur {total}. Chaque chiffre a une source, ou est signalé comme "
        "hypothèse avec une note."
    ),
    "construction": "construction",
    "composition": "composition",
    "areal density": "grammage",
    "thickness": "épaisseur",
    "stretch, warp": "extension, chaîne",
    "stretch, weft": "extension, trame",
    "density": "masse volumique",
    "moisture regain": "reprise d'humidité",
    "modulus": "module",
    "kind": "type",
    "mass a piece": "masse par pièce",
    "mass a length": "masse linéique",
    "mass an area": "masse surfacique",
    "yes": "oui",
    "no": "non",
    "name in the materials file": "nom dans le fichier de matières",
    "Where do the figures come from?": "D'où viennent les chiffres ?",
    "Assumption": "Hypothèse",
    "All fields, as in the materials file": "Tous les champs, comme dans le fichier de matières",
    "woven": "tissé",
    "coated woven": "tissé enduit",
    "laminate": "laminé",
    "knit": "maille",
    "warp-knit mesh": "filet en maille chaîne",
    "spacer mesh": "maille espacée (3D)",
    "zip chain": "chaîne de zip",
    "zip slider": "curseur de zip",
    "cord": "cordon",
    "cord lock": "bloque-cordon",
    "buckle": "boucle",
    "webbing": "sangle",
    "print": "impression",
    "label": "étiquette",
    "other": "autre",
    "water": "eau",
    "food": "nourriture",
    "safety": "sécurité",
    "clothing": "vêtements",
    "electronics": "électronique",
    "light": "éclairage",
    # ---------------------------------------------------------------- areal-density calculator
    "Structure": "Structure",
    "Ends (warp)": "Fils (chaîne)",
    "Picks (weft)": "Duites (trame)",
    "Warp yarn": "Fil de chaîne",
    "Weft yarn": "Fil de trame",
    "Warp crimp": "Embuvage chaîne",
    "Weft crimp": "Embuvage trame",
    "Courses": "Rangées",
    "Wales": "Colonnes",
    "Loop length": "Longueur de maille",
    "Yarn": "Fil",
    "Areal density": "Grammage",
    "Areal density (imperial)": "Grammage (impérial)",
    "Cover factor warp + weft (tex system)": "Facteur de couverture chaîne + trame (système tex)",
    "Plain weave is easy to weave at K = 12 + 12 and jams near 16 + 16.": (
        "La toile se tisse facilement à K = 12 + 12 et atteint le serrage maximal vers 16 + 16."
    ),
    "Tightness factor": "Facteur de serrage",
    "Plain single-jersey knits run at a tightness factor of 1.3 to 1.5.": (
        "Les jerseys simples se tricotent à un facteur de serrage de 1,3 à 1,5."
    ),
}

_FR_TYPESET = {key: french_typography(value) for key, value in FR.items()}
