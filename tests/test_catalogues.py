"""The gettext catalogues: the committed chiso.pot is what the code marks, Vietnamese has every
string, each .po compiles, and the loader picks the language the way chiso.i18n says."""

from __future__ import annotations

import gettext as stdlib_gettext
import io
import re
import string
import tokenize
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from chiso import i18n

ROOT = Path(__file__).resolve().parents[1]
POT = i18n.LOCALE_DIR / "chiso.pot"
#: the Makefile's KEYWORDS (`make messages`): the only calls whose literal arguments are msgids
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def _po(lang: str) -> Path:
    return i18n.LOCALE_DIR / lang / "LC_MESSAGES" / "chiso.po"


def _read(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as fp:
        return read_po(fp, locale=lang)


@cache
def _extracted() -> frozenset[str]:
    """Every msgid the code and templates mark, extracted now as `make messages` does."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as fp:
        method_map, options_map = parse_mapping_cfg(fp)
    found: set[str] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        ROOT, method_map, options_map, keywords=KEYWORDS
    ):
        found.add(message if isinstance(message, str) else message[0])
    return frozenset(found)


def _ids(catalogue: Catalog) -> set[str]:
    return {m.id if isinstance(m.id, str) else m.id[0] for m in catalogue if m.id}


def test_the_extraction_finds_the_ui() -> None:
    found = _extracted()
    # a template literal, a template data word (N_), a Python marker
    assert {"Reports", "met late", "strong match"} <= found


def test_the_committed_pot_matches_the_code() -> None:
    committed = _ids(_read(POT))
    extracted = set(_extracted())
    assert committed == extracted, (
        f"chiso.pot is stale: run `make messages` (new: {sorted(extracted - committed)}, "
        f"gone: {sorted(committed - extracted)})"
    )


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_each_po_holds_every_msgid_of_the_pot(lang: str) -> None:
    missing = _ids(_read(POT)) - _ids(_read(_po(lang), lang))
    assert not missing, f"{lang}.po lacks {sorted(missing)}: run `make messages`"


def test_every_string_has_a_vietnamese_translation() -> None:
    vi = _read(_po("vi"), "vi")
    untranslated = sorted(
        msgid for msgid in _extracted() if not (m := vi.get(msgid)) or not m.string or m.fuzzy
    )
    assert not untranslated, f"no Vietnamese (or only a fuzzy guess) in vi.po for {untranslated}"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_translations_keep_the_placeholders() -> None:
    # "cạnh số liệu có {terms}": a translation that drops or renames a field breaks .format()
    for m in _read(_po("vi"), "vi"):
        if m.id and isinstance(m.id, str) and isinstance(m.string, str) and m.string:
            assert _fields(m.string) == _fields(m.id), m.id


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_each_po_compiles_and_the_installed_mo_is_current(lang: str) -> None:
    buffer = io.BytesIO()
    write_mo(buffer, _read(_po(lang), lang))
    buffer.seek(0)
    compiled = stdlib_gettext.GNUTranslations(buffer)
    expected = "Báo cáo" if lang == "vi" else "Reports"
    assert compiled.gettext("Reports") == expected
    installed = i18n.translations(lang)  # type: ignore[arg-type]
    stale = sorted(msgid for msgid in _ids(_read(POT)) if installed.gettext(msgid) != compiled.gettext(msgid))
    assert not stale, f"the compiled {lang} catalogue is older than its .po: run `make catalogues`"


def test_gettext_reads_the_catalogue_and_falls_back_to_english() -> None:
    assert i18n.gettext("vi", "Reports") == "Báo cáo"
    assert i18n.gettext("en", "Reports") == "Reports"
    assert i18n.gettext("vi", "a string nobody marked") == "a string nobody marked"
    assert i18n.gettext("fr", "Reports") == "Reports"
    assert i18n.N_("Reports") == "Reports"
    assert i18n.ngettext("en", "day", "days", 2) == "days"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "vi"),
        ({"LANG": "C"}, "vi"),
        ({"LANG": "POSIX"}, "vi"),
        ({"LANG": "C.UTF-8"}, "vi"),
        ({"LANG": "vi_VN.UTF-8"}, "vi"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "en_GB"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "vi"),
        ({"LANG": "vi_VN.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "en"),
        ({"LANG": "vi_VN.UTF-8", "LC_MESSAGES": "en_US.UTF-8", "LC_ALL": "vi_VN.UTF-8"}, "vi"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": ""}, "en"),
    ],
)
def test_the_language_of_the_locale(environ: dict[str, str], expected: str) -> None:
    assert i18n.lang_from_locale(environ) == expected


def test_the_makefile_extracts_with_the_same_keywords() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    line = re.search(r"^KEYWORDS\s*:=\s*(.+)$", makefile, re.MULTILINE)
    assert line is not None
    assert line.group(1).split() == [
        "--no-default-keywords",
        *[part for k, spec in KEYWORDS.items() for part in ("-k", k + _spec(spec))],
    ]


def _spec(spec: tuple[int, ...] | None) -> str:
    return "" if spec is None else ":" + ",".join(map(str, spec))


def _fstrings_with_markers(path: Path) -> list[int]:
    """Lines of ``path`` where an f-string calls ``_()`` or ``N_()``: Python 3.11 reads an f-string
    as one token, so extraction never sees those msgids and they would print untranslated."""
    found = []
    with tokenize.open(path) as fp:
        for tok in tokenize.generate_tokens(fp.readline):
            if tok.type != tokenize.STRING:
                continue
            prefix = tok.string[: len(tok.string) - len(tok.string.lstrip("rRbBuUfF"))]
            if "f" in prefix.lower() and re.search(r"\bN?_\(", tok.string):
                found.append(tok.start[0])
    return found


def test_no_msgid_hides_in_an_f_string() -> None:
    hidden = {
        str(path.relative_to(ROOT)): lines
        for path in sorted((ROOT / "src" / "chiso").rglob("*.py"))
        if (lines := _fstrings_with_markers(path))
    }
    assert not hidden, f"_() inside an f-string is never extracted; translate before formatting: {hidden}"
