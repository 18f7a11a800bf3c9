"""The sources cited in code, data and docs resolve to entries of docs/references.md.

An entry is one line ``- **key** — text``; a citation is the key in square brackets,
``[morton-hearle-2008]``. A key is lowercase letters and digits in hyphen-separated
parts, at least two parts and a first part of two characters or more, so Python
indexing (``x[i - 1]``), TOML arrays and tables (``["a-b"]``, ``[[place]]``), regex
classes (``[a-z]``) and Markdown links (``[text](url)``) are not taken for citations.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REFERENCES = ROOT / "docs" / "references.md"

KEY = r"[a-z][a-z0-9]+(?:-[a-z0-9]+)+"
ENTRY_RE = re.compile(rf"^- \*\*(?P<key>{KEY})\*\* — (?P<text>\S.*)$")
CITATION_RE = re.compile(rf"\[(?P<key>{KEY})\](?!\()")
TOML_TABLE_RE = re.compile(r"^\s*\[")

# How an entry says where the source is found.
IDENTIFIER_RES = (
    re.compile(r"\bdoi:10\.\d{4,9}/\S+|https://doi\.org/10\.\d{4,9}/\S+"),  # DOI
    re.compile(r"\bISBN(?:-1[03])?:? ?(?:97[89]-?)?\d[\d-]{8,}[\dX]\b"),  # ISBN
    re.compile(r"\b(?:ASTM [A-Z]\d+|(?:BS )?EN (?:ISO )?\d+|ISO \d+|GOST \d+)"),  # standard
    re.compile(r"\bTechnical Report [A-Z]+/TR-\d|\bDecree No\. \d+/\d{4}"),  # official number
    re.compile(r"https?://[^\s>]+"),  # the publisher's own page
)
# An entry without any of them must say so in these words (and say what it gives instead).
NO_IDENTIFIER = "No DOI, ISBN or link"

# Document-sharing sites, proxies, caches and mirrors, copied e-books: never cited.
DENIED_HOSTS = (
    "scribd",
    "issuu",
    "studylib",
    "fliphtml5",
    "zlib",  # zlibrary, zlibraries
    "z-lib",  # z-library
    "libgen",
    "annas-archive",
    "sci-hub",
    "bingj",  # Bing cache
    "webcache.googleusercontent",
    "archive.ph",
    "archive.today",
    "en-academic",  # Wikipedia mirror
    "redlib",  # Reddit mirror
    "anonyproxies",
    "ilovetranslation",  # translation proxy
    "lausr",  # article proxy
    "cnpereading",  # journal proxy (sage.cnpereading.com)
    "universitaspertamina",  # copied e-books on a university library site
    "openstats.eu",  # news relay of a Eurostat dataset
    "dokumen",
    "pdfcoffee",
    "pdfslide",
    "vdoc.pub",
    "docplayer",
    "yumpu",
    "doczz",
    "coek.info",
    "fdocuments",
    "123deta",
    "paperai.life",
    "http3.lol",  # web proxy
    "melakarnets",  # web proxy
)
URL_HOST_RE = re.compile(r"https?://([^/\s\"'<>)\]]+)", re.IGNORECASE)
DOMAIN_RE = re.compile(r"\b(?:[a-z0-9-]+\.)+[a-z]{2,}\b", re.IGNORECASE)

# Citations of files outside the repository (research notes, reference sheets, tags).
OUTSIDE_RES = (
    re.compile(r"\[S\d+[a-z]?(?:\]|,)"),  # [S14], [S86][S86b], [S33, low trust]
    re.compile(r"notes §|the notes'|\bresearch notes\b"),  # not "BMC Research Notes"
    re.compile(r"reference sheet|sheet §", re.IGNORECASE),
    re.compile(r"textile-physics|anchors\.md"),
    re.compile(r"(?<![\w/])references/"),  # references/fabrics.csv (not docs/references.md)
    re.compile(r"\(§\d"),
)


def scope() -> list[Path]:
    """Code, data and docs: the files whose citations must resolve."""
    files = [
        *ROOT.glob("packcalc/**/*.py"),
        ROOT / "app.py",
        *ROOT.glob("materials/**/*.toml"),
        ROOT / "materials" / "README.md",
        *ROOT.glob("validation/**/*.toml"),
        ROOT / "validation" / "README.md",
        *ROOT.glob("docs/*.md"),
        ROOT / "README.md",
    ]
    return sorted(p for p in files if p.is_file())


def parse_entries(text: str) -> dict[str, str]:
    """The entries of a references page, key → text; a malformed entry line is an error."""
    entries: dict[str, str] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.startswith("- **"):
            continue
        m = ENTRY_RE.match(line)
        if m is None:
            raise ValueError(f"line {n}: not an entry '- **key** — text': {line[:80]}")
        if m["key"] in entries:
            raise ValueError(f"line {n}: duplicate key {m['key']}")
        entries[m["key"]] = m["text"]
    return entries


def cited_keys(text: str, *, toml: bool = False) -> list[tuple[int, str]]:
    """(line, key) of every citation in a text; TOML table headers are skipped."""
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if toml and TOML_TABLE_RE.match(line):
            continue
        out += [(n, m["key"]) for m in CITATION_RE.finditer(line)]
    return out


def has_identifier(text: str) -> bool:
    return any(r.search(text) for r in IDENTIFIER_RES)


def denied_hosts(text: str) -> list[str]:
    """Hosts or domain names in a text that belong to the deny list."""
    names = {h.lower() for h in URL_HOST_RE.findall(text)}
    names |= {d.lower() for d in DOMAIN_RE.findall(text)}
    return sorted(n for n in names if any(bad in n for bad in DENIED_HOSTS))


def outside_citations(text: str) -> list[tuple[int, str]]:
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        out += [(n, m.group(0)) for r in OUTSIDE_RES for m in r.finditer(line)]
    return out


@pytest.fixture(scope="module")
def entries() -> dict[str, str]:
    return parse_entries(REFERENCES.read_text(encoding="utf-8"))


# ------------------------------------------------------------ the checks can fail


def test_parser_rejects_malformed_entries():
    good = "- **morton-hearle-2008** — W. E. Morton. ISBN 978-1-84569-220-9. Densities.\n"
    assert parse_entries(good) == {
        "morton-hearle-2008": "W. E. Morton. ISBN 978-1-84569-220-9. Densities."
    }
    for bad in (
        "- **Morton_Hearle** — upper case and underscore",
        "- **morton** — one part only",
        "- **morton-hearle-2008** - a hyphen, not the dash",
        "- **morton-hearle-2008** — ",
        "- **morton-hearle-2008**: colon",
    ):
        with pytest.raises(ValueError):
            parse_entries(bad)
    with pytest.raises(ValueError, match="duplicate"):
        parse_entries(good + good)


def test_citation_syntax_is_narrow():
    text = (
        "x[i - 1], y[n-1], d['a-b'], [\"a-b\"], [a-z], [0-9a-f], [[place]], "
        "[a link-text](https://example.org), [1]_, [S14], "
        "[morton-hearle-2008][bunsell-2009], (see [en-iso-20932-1]): "
    )
    assert [k for _, k in cited_keys(text)] == [
        "morton-hearle-2008",
        "bunsell-2009",
        "en-iso-20932-1",
    ]
    assert cited_keys("[comfort-limits]\nsource = '[nrc-2001]'", toml=True) == [(2, "nrc-2001")]


def test_identifier_and_host_checks():
    assert has_identifier("Journal 28 (1937) T45. doi:10.1080/19447023708658809. Takes.")
    assert has_identifier("Woodhead 2008. ISBN 978-1-84569-220-9. Takes.")
    assert has_identifier("ASTM D1777-96(2019), thickness. Takes.")
    assert has_identifier("Vendor page. <https://www.example.com/page>. Takes.")
    assert not has_identifier("A trade guide, 2010. Takes something.")
    assert denied_hosts("see https://www.scribd.com/document/1/x") == ["www.scribd.com"]
    assert denied_hosts("lib.zlibraries.com/text/1") == ["lib.zlibraries.com"]
    assert denied_hosts("https://doi.org/10.1177/0021998316685164") == []
    assert [s for _, s in outside_citations("x [S14] y notes §5.3, references/fabrics.csv")] == [
        "[S14]",
        "notes §",
        "references/",
    ]
    assert outside_citations("see docs/references.md") == []


# ------------------------------------------------------------ the repository


def test_references_page_parses(entries):
    assert len(entries) > 100
    assert "morton-hearle-2008" in entries


def test_every_citation_resolves(entries):
    missing = []
    for path in scope():
        text = path.read_text(encoding="utf-8")
        for n, key in cited_keys(text, toml=path.suffix == ".toml"):
            if key not in entries:
                missing.append(f"{path.relative_to(ROOT)}:{n}: [{key}]")
    assert not missing, "citations without an entry in docs/references.md:\n" + "\n".join(missing)


def test_citations_are_found(entries):
    """The scan sees the citations: a broken scope or pattern would pass vacuously."""
    cited = {
        key
        for path in scope()
        for _, key in cited_keys(path.read_text(encoding="utf-8"), toml=path.suffix == ".toml")
    }
    assert {"morton-hearle-2008", "astm-d1777", "zakaria-gupta-2020"} <= cited
    assert len(cited) > 50


def test_every_entry_says_where_to_find_it(entries):
    bare = [k for k, text in entries.items() if not has_identifier(text)]
    unexplained = [k for k in bare if NO_IDENTIFIER not in entries[k]]
    assert not unexplained, f"entries with no DOI, ISBN, standard number or link: {unexplained}"


def test_no_document_sharing_site_proxy_or_mirror():
    found = []
    for path in [REFERENCES, *scope()]:
        for host in denied_hosts(path.read_text(encoding="utf-8")):
            found.append(f"{path.relative_to(ROOT)}: {host}")
    assert not found, "links to document-sharing sites, proxies or mirrors:\n" + "\n".join(found)


def test_no_citation_of_files_outside_the_repository():
    found = []
    for path in scope():
        for n, hit in outside_citations(path.read_text(encoding="utf-8")):
            found.append(f"{path.relative_to(ROOT)}:{n}: {hit}")
    assert not found, "citations of research notes or files outside the repository:\n" + "\n".join(
        found
    )
