"""Every template reads only what its page context declares (Datasette's "every page has a JSON twin")."""

from __future__ import annotations

import importlib

import pytest
from jinja2 import nodes
from pydantic import BaseModel

from chiso.web import app as web_app
from chiso.web.rendering import TEMPLATES, UI, PageContext, make_environment, page_classes

# Import every route module so that every page context class is defined.
for _name in web_app.ROUTERS:
    importlib.import_module(_name)

ENV = make_environment()
GLOBALS = {
    "page",
    "ui",
    "_",
    "N_",
    "gettext",
    "ngettext",
    "t_error",
    "match_strength",
    "match_reasons",
    "measure_label",
    "m",
    "range",
    "loop",
    "super",
    "caller",
    "varargs",
    "kwargs",
    "true",
    "false",
    "none",
}


def _parse(name: str) -> nodes.Template:
    source = ENV.loader.get_source(ENV, name)[0]  # type: ignore[union-attr]
    return ENV.parse(source)


def _page_attrs(tree: nodes.Template, root: str = "page") -> set[str]:
    return {
        n.attr for n in tree.find_all(nodes.Getattr) if isinstance(n.node, nodes.Name) and n.node.name == root
    }


def _known(cls: type[BaseModel]) -> set[str]:
    names = set(cls.model_fields)
    names |= {n for n in dir(cls) if isinstance(getattr(cls, n, None), property)}
    return names


PAGES = sorted(page_classes(), key=lambda c: c.__name__)


def test_every_page_template_exists() -> None:
    for cls in PAGES:
        assert (TEMPLATES / cls.template).is_file() or ENV.loader.get_source(ENV, cls.template), cls  # type: ignore[union-attr]


@pytest.mark.parametrize("cls", PAGES, ids=lambda c: c.__name__)
def test_template_reads_only_its_context_fields(cls: type[PageContext]) -> None:
    tree = _parse(cls.template)
    unknown = _page_attrs(tree) - _known(cls)
    assert not unknown, (
        f"{cls.template} reads page.{', page.'.join(sorted(unknown))}, which {cls.__name__} lacks"
    )


@pytest.mark.parametrize("name", sorted(p.name for p in TEMPLATES.glob("*.html")))
def test_templates_read_only_ui_fields(name: str) -> None:
    unknown = _page_attrs(_parse(name), "ui") - _known(UI)
    assert not unknown, f"{name} reads ui.{unknown}"


def _stray(tree: nodes.Template) -> set[str]:
    """Names a template reads that are neither globals nor its own locals (variables it sets,
    loop and macro parameters, macros it defines, names it imports)."""
    assigned = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    assigned |= {n.name for n in tree.find_all(nodes.Macro)}
    assigned |= {n.target for n in tree.find_all(nodes.Import)}
    for imp in tree.find_all(nodes.FromImport):
        assigned |= {n if isinstance(n, str) else n[1] for n in imp.names}
    loaded = {n.name for n in tree.find_all(nodes.Name) if n.ctx == "load"}
    return loaded - assigned - GLOBALS


@pytest.mark.parametrize(
    ("source", "stray"),
    [
        ("{% macro cell(x) %}<td>{{ x }}</td>{% endmacro %}{{ cell(page.a) }}", set()),
        ("{% macro box() %}{{ caller() }}{% endmacro %}{% call box() %}hi{% endcall %}", set()),
        ('{% from "_macros.html" import pager as p %}{{ p(page.a, page.b) }}', set()),
        ("{% set L = {'a': _('Reports')} %}{% for k, v in L.items() %}{{ k }}{{ v }}{% endfor %}", set()),
        ("{% set block_text %}x{% endset %}{% with y = 1 %}{{ block_text }}{{ y }}{% endwith %}", set()),
        ("{{ request.url }}", {"request"}),
        ("{% macro cell(x) %}{{ session }}{% endmacro %}", {"session"}),
    ],
)
def test_names_check_counts_locals(source: str, stray: set[str]) -> None:
    assert _stray(ENV.parse(source)) == stray


def test_template_names_are_page_ui_or_locals() -> None:
    # No template reaches for request, session or anything else outside `page` and `ui`.
    for path in TEMPLATES.glob("*.html"):
        stray = _stray(_parse(path.name))
        assert not stray, f"{path.name} uses {stray}"


def test_templates_translate_with_gettext_only() -> None:
    # `t()` was the dict lookup before the catalogues; a leftover would fail only when rendered.
    for path in TEMPLATES.glob("*.html"):
        calls = {
            n.node.name for n in _parse(path.name).find_all(nodes.Call) if isinstance(n.node, nodes.Name)
        }
        assert "t" not in calls, f"{path.name} still calls t()"
