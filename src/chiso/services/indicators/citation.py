"""How to cite an indicator's series: the parts of an APA-like reference and a BibTeX entry.

The reference names chiso as the author of the data set, the indicator's names, the absolute
address of its page and the day it was read. The BibTeX entry is language-free (machine
format); its text fields escape what TeX would read as commands or groups, and its ``url``
percent-encodes the characters a field cannot hold, so the entry always parses.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

from chiso.services.indicators.schemas import IndicatorOut
from chiso.services.schemas import Out

#: BibTeX (and TeX) special characters in a text field, and how each is written
_TEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_TEX_TABLE = str.maketrans(_TEX)
#: the author of the data set as a reference names it
AUTHOR = "chiso"


def tex_escape(text: str) -> str:
    """Text for a BibTeX field: TeX's special characters escaped, whitespace collapsed."""
    return " ".join(text.split()).translate(_TEX_TABLE)


def url_field(url: str) -> str:
    """A URL for a BibTeX ``url`` field: braces, backslashes, spaces and other unsafe
    characters percent-encoded (the rest, ``%`` escapes included, kept)."""
    return quote(url, safe=":/?#[]@!$&'()*+,;=%-._~")


class CitationOut(Out):
    """The parts of a reference to one indicator's series, and its BibTeX entry."""

    author: str = AUTHOR
    title: str
    title_en: str
    year: int
    url: str
    accessed_on: date
    bibtex_key: str
    bibtex: str


def cite(indicator: IndicatorOut, url: str, accessed: date) -> CitationOut:
    """How to cite ``indicator``'s series read at ``url`` on ``accessed`` (pure: no database)."""
    key = f"chiso-{indicator.slug}-{accessed.year}"
    title = indicator.name_vi if indicator.name_vi == indicator.name_en else f"{indicator.name_vi} [{indicator.name_en}]"
    fields = [
        ("author", "{" + AUTHOR + "}"),
        ("title", tex_escape(title)),
        ("year", str(accessed.year)),
        ("howpublished", "Data set"),
        ("url", url_field(url)),
        ("urldate", accessed.isoformat()),
        ("note", tex_escape(f"Indicator {indicator.slug}; accessed {accessed.isoformat()}")),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return CitationOut(
        title=indicator.name_vi,
        title_en=indicator.name_en,
        year=accessed.year,
        url=url,
        accessed_on=accessed,
        bibtex_key=key,
        bibtex=f"@misc{{{key},\n{body}\n}}\n",
    )


__all__ = ["AUTHOR", "CitationOut", "cite", "tex_escape", "url_field"]
