"""Error codes: every raise site names a registered code, every code has its English and its
Vietnamese, the catalogue template lists the registry, and the CLI speaks one language."""

from __future__ import annotations

import ast
import os
import pickle
import re
import string
import unicodedata
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po
from typer.testing import CliRunner

from chiso import error_messages
from chiso.cli import _lang, app
from chiso.error_messages import FIELDS, HINTS, MESSAGES, NAMES, PYDANTIC, WHEN_FORMAT, WORDS, render
from chiso.errors import ChisoError, ConflictError, InputError, NotFoundError, TooManyAttemptsError
from chiso.store.db import Database
from chiso.web import errors as web_errors  # noqa: F401  (its classes join the tree)

SRC = Path(error_messages.__file__).resolve().parent  # src/chiso
LOCALE = SRC / "locale"
_VIETNAMESE = re.compile(r"[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]", re.I)


def _error_classes(root: type[ChisoError]) -> set[str]:
    return {root.__name__}.union(*(_error_classes(sub) for sub in root.__subclasses__()))


#: The exception classes whose first argument is a code: chiso's error tree, the web's two
#: included (read from the classes, so a new one is checked without being listed here).
ERRORS = frozenset(_error_classes(ChisoError))


def _slots(template: str) -> set[str]:
    return {
        field.split(".")[0].split("[")[0] for _, field, _, _ in string.Formatter().parse(template) if field
    }


def _catalogue(lang: str) -> dict[tuple[str, str | None], str]:
    with (LOCALE / lang / "LC_MESSAGES" / "errors.po").open("rb") as fp:
        catalog = read_po(fp, locale=lang)
    return {(str(m.id), m.context): str(m.string) for m in catalog if m.id}


def _error_calls() -> list[tuple[str, ast.Call]]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for n in ast.walk(tree):
            if isinstance(n, ast.Call):
                f = n.func
                name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
                if name in ERRORS:
                    found.append((f"{path.relative_to(SRC)}:{n.lineno}", n))
    return found


# -- the raise sites ---------------------------------------------------------------------------


def test_every_error_is_made_with_a_registered_code_and_its_parameters() -> None:
    calls = _error_calls()
    assert len(calls) > 150  # the walk sees the raise sites
    for where, call in calls:
        assert call.args, f"{where}: no code"
        code = call.args[0]
        # A string literal, not an f-string or a sentence: the code names the message.
        assert isinstance(code, ast.Constant), f"{where}: the code must be a string literal"
        assert isinstance(code.value, str), where
        assert code.value in MESSAGES, f"{where}: {code.value!r} is not in chiso.error_messages.MESSAGES"
        assert len(call.args) == 1, f"{where}: parameters are named"
        assert not any(k.arg is None for k in call.keywords), f"{where}: no **params, name each one"
        given = {k.arg for k in call.keywords} - {"retry_after"}
        template = MESSAGES[code.value] + HINTS.get(code.value, "")
        assert _slots(template) <= given, f"{where}: {code.value} needs {sorted(_slots(template) - given)}"
        assert given <= _slots(template), f"{where}: {code.value} shows no {sorted(given - _slots(template))}"


def test_every_code_is_raised_somewhere() -> None:
    # A code nobody raises is a message nobody reads: drop it.
    raised = {c.args[0].value for _, c in _error_calls() if isinstance(c.args[0], ast.Constant)}
    assert set(MESSAGES) - raised == set()


# -- the registry and the catalogues -----------------------------------------------------------


def test_codes_are_snake_case_and_templates_one_line() -> None:
    for code, template in MESSAGES.items():
        assert re.fullmatch(r"[a-z][a-z0-9_]*", code), code
        assert "\n" not in template, code
        assert template == template.strip(), code


def test_the_catalogue_template_lists_every_message() -> None:
    # pybabel extract (see chiso.error_messages) must have run after the last change to the registry.
    extracted = {
        (str(msg), ctx)
        for _, msg, _, ctx in extract_from_file(
            "python", str(SRC / "error_messages.py"), keywords={"N_": None, "NC_": ((1, "c"), 2)}
        )
    }
    with (LOCALE / "errors.pot").open("rb") as fp:
        pot = {(str(m.id), m.context) for m in read_po(fp) if m.id}
    assert extracted == pot, "errors.pot is not up to date: pybabel extract"
    listed = {(m, None) for m in [*MESSAGES.values(), *HINTS.values(), *PYDANTIC.values()]}
    listed |= {(w, "word") for w in WORDS} | {(n, "name") for n in NAMES} | {(f, "field") for f in FIELDS}
    listed.add((WHEN_FORMAT, "format"))
    assert listed <= pot, sorted(listed - pot)[:5]
    for lang in ("vi", "en"):
        assert set(_catalogue(lang)) == pot, f"{lang}/errors.po is not up to date: pybabel update"


def test_every_code_has_a_vietnamese_translation() -> None:
    vi = _catalogue("vi")
    missing = [code for code, template in MESSAGES.items() if not vi.get((template, None))]
    assert missing == [], f"no Vietnamese in vi/LC_MESSAGES/errors.po for {missing}"
    missing_hints = [code for code, hint in HINTS.items() if not vi.get((hint, None))]
    assert missing_hints == []
    for kind, words in (("word", WORDS), ("name", NAMES), ("field", FIELDS)):
        assert [w for w in words if not vi.get((w, kind))] == [], kind
    assert [t for t, m in PYDANTIC.items() if not vi.get((m, None))] == []


def test_the_vietnamese_is_well_formed() -> None:
    for (english, context), viet in _catalogue("vi").items():
        assert unicodedata.is_normalized("NFC", viet), english
        if context in (None, "format"):
            assert _slots(viet) <= _slots(english), english
        words = re.sub(r"\{[^}]*\}", "", viet)
        if context is None and any(ch.isalpha() for ch in words) and not english.startswith(" ("):
            assert _VIETNAMESE.search(words), f"not Vietnamese: {viet!r}"


def test_the_english_catalogue_translates_nothing() -> None:
    # English is the templates themselves; en/errors.po exists for the loader and for fixes.
    assert set(_catalogue("en").values()) == {""}


# -- rendering ---------------------------------------------------------------------------------


def test_an_unknown_code_renders_as_its_code_and_never_fails() -> None:
    assert render("no_such_code", {"id": 3}, "vi") == "no_such_code id=3"
    # A parameter the template needs but the site forgot: the code, not a crash.
    assert render("no_such_id", {"what": "report"}, "vi") == "no_such_id what='report'"


def test_parameters_are_kept_for_json() -> None:
    err = NotFoundError("no_such_id", what="report", id=12)
    assert (err.code, err.params, err.status_code) == ("no_such_id", {"what": "report", "id": 12}, 404)
    odd = InputError("period_reversed", start=__import__("datetime").date(2025, 12, 31), end=None)
    assert odd.params == {"start": "2025-12-31", "end": None}  # plain values only


def test_errors_survive_pickling() -> None:
    err = TooManyAttemptsError("sign_ins_locked", what="account", minutes=2, retry_after=90)
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is TooManyAttemptsError
    assert (back.code, back.params, back.retry_after, str(back)) == (err.code, err.params, 90, str(err))


def test_optional_parts_and_plurals() -> None:
    decided = ConflictError("mention_already_decided", id=3, state="accepted", who="lan", when=None)
    assert (
        decided.message == "mention 3 is already accepted by lan; reopen it first (`chiso review reopen 3`)"
    )
    assert (
        decided.render("vi", hint=False)
        == "đề cập 3 đã ở trạng thái “đã nhận”, do lan quyết định; hãy mở lại đề cập trước"
    )
    assert decided.render("vi") == (
        "đề cập 3 đã ở trạng thái “đã nhận”, do lan quyết định; hãy mở lại đề cập trước (`chiso review reopen 3`)"
    )
    one = TooManyAttemptsError("sign_ins_locked", what="account", minutes=1, retry_after=60)
    assert one.message.endswith("try again in 1 minute")


# -- the CLI's language ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({}, "vi"),
        ({"CHISO_LANG": "en"}, "en"),
        ({"CHISO_LANG": "vi", "LANG": "en_US.UTF-8"}, "vi"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "vi_VN.UTF-8"}, "vi"),
        ({"LANG": "C.UTF-8"}, "vi"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "vi_VN.UTF-8"}, "en"),
        ({"LC_MESSAGES": "vi_VN", "LANG": "en_US"}, "vi"),
    ],
)
def test_cli_language(monkeypatch: pytest.MonkeyPatch, env: dict[str, str], lang: str) -> None:
    for var in ("CHISO_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert _lang.choose(os.environ.get("CHISO_LANG")) == lang


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("vi", "không tìm thấy báo cáo có mã 42"), ("en", "no report with id 42")],
)
def test_cli_prints_the_error_in_its_language(sqlite_db: Database, lang: str, expected: str) -> None:
    result = CliRunner().invoke(
        app, ["--db", str(sqlite_db.url), "report", "show", "42"], env={"CHISO_LANG": lang, "COLUMNS": "200"}
    )
    assert result.exit_code == 1
    err = result.stderr if hasattr(result, "stderr") else result.output
    assert err.strip().endswith(expected), err


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_installed_errors_catalogue_is_current(lang: str) -> None:
    # Compiled at install (hatch_build.py, `make catalogues`) through chiso.i18n's one loader.
    installed = error_messages.translations(lang)
    stale = [
        template
        for (template, context), text in _catalogue(lang).items()
        if context is None and text and installed.gettext(template) != text
    ]
    assert stale == [], f"errors.mo of {lang} is older than its .po: run `make catalogues`"
