"""What the page calls the library's records and the design's parts, in English and French.

The library's own names are long trade descriptions (``PA/elastane 82/18 stretch fabric,
190 g/m² ('Lycra')``) written in English with metric figures in them. The page shows
short names without figures (the figures it shows itself, in the chosen units), in the
chosen language; the Materials library page also shows each record's own name, as
written in the materials files. A test checks that every record of the library has a
name here, so that a new record cannot appear untranslated.
"""

from __future__ import annotations

import re

# id → (English, French)
FABRICS = {
    "taffeta-nylon-7d": ("7D nylon taffeta", "taffetas nylon 7D"),
    "taffeta-nylon-10d": ("10D nylon taffeta (Membrane 10)", "taffetas nylon 10D (Membrane 10)"),
    "ripstop-nylon-15d": ("15D nylon ripstop", "ripstop nylon 15D"),
    "ripstop-nylon-20d-330t": ("20D nylon ripstop, 330T", "ripstop nylon 20D, 330T"),
    "ripstop-nylon-20d": ("20D nylon ripstop", "ripstop nylon 20D"),
    "momentum-0.9-20d": ("Momentum 0.9, calendered 20D nylon", "Momentum 0.9, nylon 20D calandré"),
    "ripstop-nylon-30d": ("30D nylon ripstop", "ripstop nylon 30D"),
    "ripstop-nylon-40d": ("40D nylon ripstop (Airwave)", "ripstop nylon 40D (Airwave)"),
    "ripstop-nylon-70d": ("70D nylon ripstop", "ripstop nylon 70D"),
    "ripstop-nylon-70d-pu": ("70D nylon ripstop, PU-coated", "ripstop nylon 70D enduit PU"),
    "robic-210d": ("Robic 210D nylon ripstop, PU-coated", "ripstop nylon Robic 210D enduit PU"),
    "ripstop-polyester-30d": ("30D polyester ripstop", "ripstop polyester 30D"),
    "hyperd-300": (
        "HyperD 300 polyester ripstop, PU-coated",
        "ripstop polyester HyperD 300 enduit PU",
    ),
    "silpoly-1.1oz": ("Silpoly (silicone-coated polyester)", "Silpoly (polyester siliconé)"),
    "silnylon-1.1oz": ("Silnylon (silicone-impregnated nylon)", "Silnylon (nylon siliconé)"),
    "dcf-0.5oz": (
        "Dyneema Composite Fabric, light shelter grade",
        "Dyneema Composite Fabric, qualité abri léger",
    ),
    "dcf-0.74oz": (
        "Dyneema Composite Fabric, shelter grade",
        "Dyneema Composite Fabric, qualité abri",
    ),
    "dcf-0.8oz": ("Dyneema Composite Fabric CT2E.08", "Dyneema Composite Fabric CT2E.08"),
    "dcf-hybrid-50d": ("DCF hybrid, 50D polyester face", "DCF hybride, face polyester 50D"),
    "challenge-ultra-200": ("Challenge Ultra 200 (Ultraweave)", "Challenge Ultra 200 (Ultraweave)"),
    "challenge-ultra-400": ("Challenge Ultra 400 (Ultraweave)", "Challenge Ultra 400 (Ultraweave)"),
    "ecopak-epx200": ("Challenge Ecopak EPX200 laminate", "laminé Challenge Ecopak EPX200"),
    "xpac-vx21": ("X-Pac VX21 laminate", "laminé X-Pac VX21"),
    "pa-elastane-knit-190": (
        "PA/elastane stretch knit, heavy (Lycra)",
        "maille extensible PA/élasthanne, lourde (Lycra)",
    ),
    "pa-elastane-knit-200": (
        "PA/elastane stretch knit, 92/8",
        "maille extensible PA/élasthanne, 92/8",
    ),
    "pa-elastane-knit-150": (
        "PA/elastane stretch knit, light",
        "maille extensible PA/élasthanne, légère",
    ),
    "pes-knit-50": ("light polyester knit", "maille polyester légère"),
    "pes-knit-72": ("polyester knit", "maille polyester"),
    "tee-jersey-polyester": ("polyester tee jersey", "jersey polyester de t-shirt"),
    "tee-jersey-polyester-145": ("polyester performance jersey", "jersey polyester technique"),
    "tee-jersey-cotton": ("cotton tee jersey", "jersey coton de t-shirt"),
    "power-mesh": ("power mesh (4-way stretch)", "filet élastique (power mesh)"),
    "lycra-mesh": ("Lycra pocket mesh", "filet Lycra de poche"),
    "duraweave-stretch": ("Duraweave stretch woven", "tissé extensible Duraweave"),
    "venom-stretch-mesh": ("Dyneema stretch mesh (Venom)", "filet extensible Dyneema (Venom)"),
    "hex-mesh": ("open hex mesh (no stretch)", "filet hexagonal ajouré (non extensible)"),
    "spacer-mesh-3mm": ("3D spacer mesh, 3 mm", "filet 3D (maille espacée), 3 mm"),
    "spacer-mesh-6mm": ("3D spacer mesh, 6 mm", "filet 3D (maille espacée), 6 mm"),
}

TRIMS = {
    "zipper-chain-3-coil": ("#3 coil zip chain", "chaîne de zip spirale n° 3"),
    "zipper-chain-5-coil": ("#5 coil zip chain", "chaîne de zip spirale n° 5"),
    "zipper-slider-3": ("#3 zip slider", "curseur de zip n° 3"),
    "zipper-slider-5": ("#5 zip slider", "curseur de zip n° 5"),
    "shock-cord-2mm": ("shock cord, 2 mm", "cordon élastique, 2 mm"),
    "shock-cord-3mm": ("shock cord, 3 mm", "cordon élastique, 3 mm"),
    "cord-lock-single": ("cord lock", "bloque-cordon"),
    "cord-end-dogbone": ("cord end (dogbone)", "embout de cordon"),
    "hook-nylon-spring": ("nylon spring hook", "crochet à ressort nylon"),
    "hook-sternum-piping": ("sternum hook on piping rail", "crochet de sternum sur passepoil"),
    "webbing-tubular-9-16in": ("tubular webbing, 9/16 in", "sangle tubulaire, 9/16 po"),
    "webbing-15mm": ("flat webbing, 15 mm", "sangle plate, 15 mm"),
    "webbing-10mm": ("flat webbing, 10 mm", "sangle plate, 10 mm"),
    "buckle-side-release-15mm": ("side-release buckle, 15 mm", "boucle à clip, 15 mm"),
    "buckle-side-release-10mm": ("side-release buckle, 10 mm", "boucle à clip, 10 mm"),
    "binding-lycra-25mm": ("Lycra binding strip", "biais Lycra"),
    "elastic-tape-10mm": ("elastic tape, 10 mm", "ruban élastique, 10 mm"),
    "seam-tape-20mm": ("seam tape, 20 mm", "ruban thermocollant, 20 mm"),
    "thread-tex30-polyester": ("polyester thread, Tex 30", "fil polyester, Tex 30"),
    "thread-tex40-polyester": ("polyester thread, Tex 40", "fil polyester, Tex 40"),
    "thread-tex40-nylon-bonded": ("bonded nylon thread, Tex 40", "fil nylon collé, Tex 40"),
    "thread-tex30-nylon-bonded": ("bonded nylon thread, Tex 30", "fil nylon collé, Tex 30"),
    "reflective-print": ("reflective print", "impression réfléchissante"),
    "label-tag": ("sewn-in label", "étiquette cousue"),
    "bar-tack": ("bar tack", "point d'arrêt"),
    "cord-2mm-braided": ("braided cord, 2 mm", "cordelette tressée, 2 mm"),
    "heat-transfer-print": ("heat-transfer print", "impression transfert"),
    "whistle-sternum": ("sternum whistle", "sifflet de sternum"),
}

ITEMS = {
    "flask-150": ("soft flask 150 ml", "flasque souple 150 ml"),
    "flask-250": ("soft flask 250 ml", "flasque souple 250 ml"),
    "flask-350": ("soft flask 350 ml", "flasque souple 350 ml"),
    "flask-500": ("soft flask 500 ml", "flasque souple 500 ml"),
    "flask-750": ("soft flask 750 ml", "flasque souple 750 ml"),
    "phone": ("phone", "téléphone"),
    "headlamp-main": ("headlamp", "frontale"),
    "headlamp-nao-plus": ("headlamp, heavier", "frontale, plus lourde"),
    "headlamp-backup": ("backup headlamp", "frontale de secours"),
    "batteries-spare": ("spare power bank", "batterie de secours"),
    "survival-blanket": ("survival blanket", "couverture de survie"),
    "whistle": ("whistle", "sifflet"),
    "elastic-adhesive-band": ("adhesive bandage", "bande adhésive"),
    "first-aid-blister-kit": ("first-aid kit", "trousse de secours"),
    "id-cash": ("ID and cash", "papiers et argent"),
    "cup-15cl": ("collapsible cup", "gobelet souple"),
    "gel": ("energy gel", "gel énergétique"),
    "bar-65g": ("energy bar", "barre énergétique"),
    "waterproof-jacket": ("rain jacket", "veste imperméable"),
    "waterproof-jacket-minimus": ("rain jacket, stretch", "veste imperméable, extensible"),
    "wind-jacket": ("wind jacket", "coupe-vent"),
    "waterproof-overtrousers": ("rain trousers", "surpantalon imperméable"),
    "long-tights": ("long tights", "collant long"),
    "warm-long-sleeve-180": ("warm long-sleeve layer", "couche chaude à manches longues"),
    "warm-long-sleeve-110": ("light long-sleeve layer", "couche légère à manches longues"),
    "cap": ("cap", "casquette"),
    "buff": ("neck gaiter", "tour de cou"),
    "beanie": ("beanie", "bonnet"),
    "gloves-waterproof": ("waterproof gloves", "gants imperméables"),
    "sunglasses": ("sunglasses", "lunettes de soleil"),
    "poles-bd-distance-carbon-z": ("folding poles", "bâtons pliants"),
}

LOADLISTS = {
    "utmb": ("UTMB mandatory kit", "matériel obligatoire UTMB"),
    "race-short": ("short race", "course courte"),
    "minimal": ("minimal run", "sortie minimale"),
}
GARMENTS = {
    "tee-cotton-m": ("a cotton t-shirt", "un t-shirt en coton"),
    "tee-polyester-m": ("a polyester tee", "un t-shirt en polyester"),
}
FIBRES = {
    "nylon-6": ("nylon 6", "nylon 6"),
    "nylon-6.6": ("nylon 6.6", "nylon 6.6"),
    "polyester": ("polyester", "polyester"),
    "polyester-recycled": ("recycled polyester", "polyester recyclé"),
    "uhmwpe": ("UHMWPE (Dyneema)", "UHMWPE (Dyneema)"),
    "elastane": ("elastane", "élasthanne"),
    "polypropylene": ("polypropylene", "polypropylène"),
    "cotton": ("cotton", "coton"),
    "wool": ("wool", "laine"),
    "acrylic": ("acrylic", "acrylique"),
    "pet-film": ("PET film", "film PET"),
    "polyurethane": ("polyurethane", "polyuréthane"),
}
PURPOSES = {
    "flask": ("flask pocket", "poche à flasque"),
    "phone": ("phone pocket", "poche à téléphone"),
    "nutrition": ("nutrition pocket", "poche à ravitaillement"),
    "stash": ("stash pocket", "poche d'appoint"),
    "main": ("main compartment", "compartiment principal"),
    "kangaroo": ("kangaroo pocket", "poche kangourou"),
    "bladder": ("bladder sleeve", "poche à poche à eau"),
    "poles": ("pole holder", "porte-bâtons"),
}
PLACES = {
    "FR-Drome": ("Drôme (Crest)", "Drôme (Crest)"),
    "VN": ("Vietnam", "Vietnam"),
    "FR": ("France", "France"),
    "CN": ("China", "Chine"),
    "TW": ("Taiwan", "Taïwan"),
    "IT": ("Italy", "Italie"),
    "PT": ("Portugal", "Portugal"),
    "DE": ("Germany", "Allemagne"),
    "ES": ("Spain", "Espagne"),
    "JP": ("Japan", "Japon"),
    "KR": ("South Korea", "Corée du Sud"),
    "US": ("United States", "États-Unis"),
    "TR": ("Türkiye", "Turquie"),
    "BD": ("Bangladesh", "Bangladesh"),
    "IN": ("India", "Inde"),
    "WORLD": ("world average", "moyenne mondiale"),
}
# The supply chains of materials/footprint.toml.
CHAINS = {
    "as-sourced": (
        "Fabrics as sourced, made in the Drôme",
        "Tissus tels que sourcés, fabriqué dans la Drôme",
    ),
    "drome-asian-fabric": (
        "Made in the Drôme from Asian fabric",
        "Fabriqué dans la Drôme, tissus d'Asie",
    ),
    "european": ("An all-European chain", "Une chaîne tout européenne"),
    "asian": ("An all-Asian chain, shipped by sea", "Une chaîne tout asiatique, par mer"),
    "asian-air": (
        "An all-Asian chain, a third flown",
        "Une chaîne tout asiatique, un tiers par avion",
    ),
    "custom": ("Your chain", "Votre chaîne"),
}
# The presets' names and descriptions in French (in English: as in their files).
PRESETS_FR = {
    "race-5l": (
        "Course 5 L",
        "corps en maille extensible, 7 poches (2 flasques, téléphone zippé, gels, dos, "
        "2 latérales), bords bordés, sangles de sternum élastiques",
    ),
    "ultra-12l": (
        "Ultra 12 L",
        "corps doublé en maille extensible, compartiment dorsal zippé de 12 L + poche "
        "kangourou, 9 poches, matériel UTMB",
    ),
    "ultra-minimal": (
        "Ultra-minimal 2,5 L",
        "maille extensible et filet hexagonal, bords bruts découpés au laser, 5 poches "
        "(2 flasques, 2 d'appoint, dos)",
    ),
}
# Words of the qualifiers in the names of commercial vests ("(men's M, measured)").
COMPARISON_WORDS = {
    "measured with 2 × 500 ml soft flasks": "pesé avec 2 flasques souples de 500 ml",
    "without flasks": "sans flasques",
    "measured": "pesé",
    "empty": "vide",
    "men's": "homme",
    "size": "taille",
}

# Pieces of the drafted pattern.
PIECES = {
    "back": ("Back", "Dos"),
    "strap-left": ("Left strap", "Bretelle gauche"),
    "strap-right": ("Right strap", "Bretelle droite"),
    "front-left": ("Left front", "Devant gauche"),
    "front-right": ("Right front", "Devant droit"),
    "wing-left": ("Left wing", "Aile gauche"),
    "wing-right": ("Right wing", "Aile droite"),
}
# Words of the presets' pocket names (a designer's own names are shown as written).
POCKET_WORDS = {
    "flask": "flasque",
    "phone": "téléphone",
    "gels": "gels",
    "back": "dos",
    "side": "latérale",
    "stash": "appoint",
    "front": "avant",
    "zip": "zippée",
    "main": "principal",
    "compartment": "compartiment",
    "kangaroo": "kangourou",
    "left": "gauche",
    "right": "droite",
    "hip": "hanche",
    "poles": "bâtons",
    "pole": "bâtons",
    "bladder": "poche à eau",
    "pocket": "poche",
}
POCKET_PHRASES = {  # phrases whose French word order differs
    "main compartment": "compartiment principal",
    "front zip": "zip avant",
    "side left": "latérale gauche",
    "side right": "latérale droite",
    "stash left": "appoint gauche",
    "stash right": "appoint droite",
    "flask left": "flasque gauche",
    "flask right": "flasque droite",
}

_LANG = {"en": 0, "fr": 1}


def _pick(table: dict, key: str, lang: str, fallback: str) -> str:
    names = table.get(key)
    return names[_LANG.get(lang, 0)] if names else fallback


def fabric(fabric_id: str, lang: str) -> str:
    return _pick(FABRICS, fabric_id, lang, fabric_id)


def trim(trim_id: str, lang: str) -> str:
    return _pick(TRIMS, trim_id, lang, trim_id)


def item(item_id: str, lang: str) -> str:
    return _pick(ITEMS, item_id, lang, item_id)


def material(material_id: str, lang: str) -> str:
    """A fabric or a trim."""
    if material_id in FABRICS:
        return fabric(material_id, lang)
    return trim(material_id, lang)


def loadlist(loadlist_id: str, lang: str) -> str:
    return _pick(LOADLISTS, loadlist_id, lang, loadlist_id)


def garment(garment_id: str, lang: str) -> str:
    return _pick(GARMENTS, garment_id, lang, garment_id)


def fibre(fibre_id: str, lang: str) -> str:
    return _pick(FIBRES, fibre_id, lang, fibre_id)


def purpose(purpose_id: str, lang: str) -> str:
    return _pick(PURPOSES, purpose_id, lang, purpose_id)


def place(place_id: str, lang: str) -> str:
    return _pick(PLACES, place_id, lang, place_id)


def chain(chain_id: str, lang: str, english: str = "") -> str:
    """A supply chain's name (``english``: the name in its file, for a chain added there)."""
    return _pick(CHAINS, chain_id, lang, english or chain_id)


def piece(name: str, lang: str) -> str:
    """A drafted piece (``strap-left`` → ``Left strap``), a pocket's own piece
    (``pocket:phone`` → ``Pocket: phone``), or a custom panel's own name."""
    if name.startswith("pocket:"):
        word = "Poche\u00a0:" if lang == "fr" else "Pocket:"
        return f"{word} {pocket(name.removeprefix('pocket:'), lang)}"
    return _pick(PIECES, name, lang, name)


def preset(preset_id: str, lang: str, english: str) -> str:
    """A preset's name (``english``: the name in its file)."""
    if lang == "fr" and preset_id in PRESETS_FR:
        return PRESETS_FR[preset_id][0]
    return english


def preset_description(preset_id: str | None, lang: str, english: str) -> str:
    if lang == "fr" and preset_id in PRESETS_FR:
        return PRESETS_FR[preset_id][1]
    return english


def comparison(name: str, lang: str) -> str:
    """A commercial vest's name (a proper noun) with its qualifiers in the language."""
    if lang != "fr":
        return name
    for english, french in COMPARISON_WORDS.items():
        name = name.replace(english, french)
    return name


def pocket(name: str, lang: str) -> str:
    """A pocket's name as shown: the presets' English words in French, a designer's own
    names as written."""
    if lang != "fr":
        return name
    key = name.strip().lower()
    if key in POCKET_PHRASES:
        return POCKET_PHRASES[key]
    words = re.findall(r"[a-z]+|[^a-z]+", key)
    if all(w in POCKET_WORDS for w in words if w.isalpha()):
        return "".join(POCKET_WORDS.get(w, w) for w in words)
    return name


def item_label(label: str, lang: str, custom_names: set[str] = frozenset()) -> str:
    """A placed item's label (``gel #2``, ``flask-500``, or a custom item's name)."""
    base, _, number = label.partition(" #")
    if base in custom_names or base not in ITEMS:
        return label
    shown = item(base, lang)
    return f"{shown} {number}" if number else shown
