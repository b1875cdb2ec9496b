"""A page's parts are macros of modules made once per language and site URL (aanbod/site/pages/parts.py, issue 10):
made once, from the site's context only, and a macro without arguments rendered once."""

from __future__ import annotations

from jinja2 import DictLoader, Environment

from aanbod.site.pages.parts import PageParts

TEMPLATES = {
    "_part.html": (
        "{% macro show(offer) %}{{ lang }} {{ SITEURL }} {{ offer }} {{ SITENAME }} "
        "{{ 'page' if page_offer is defined else 'no page' }}{% endmacro %}"
        "{% macro fixed() %}{{ count() }}{% endmacro %}"
    ),
}


def _parts(site: dict):
    environment = Environment(loader=DictLoader(TEMPLATES), autoescape=True)
    made = []

    def make_module(name, variables):
        made.append((name, variables["lang"], variables["SITEURL"]))
        return environment.get_template(name).make_module(variables)

    return PageParts(make_module, site), made


def test_a_module_is_made_once_per_language_and_site_url():
    parts, made = _parts({"SITENAME": "Aanbod"})
    for _ in range(3):
        parts.module("_part.html", "nl", "")
        parts.module("_part.html", "en", "")
        parts.module("_part.html", "nl", "../..")
    assert made == [("_part.html", "nl", ""), ("_part.html", "en", ""), ("_part.html", "nl", "../..")]


def test_a_part_sees_the_site_the_language_and_its_arguments_never_a_page():
    site = {"SITEURL": "https://example.org", "page_offer": "elsewhere"}
    parts, _ = _parts(site)
    del site["page_offer"]  # the site context is read when the module is made, so it may be completed until then
    site["SITENAME"] = "Aanbod"
    assert parts.module("_part.html", "en", "/sub").show("koken") == "en /sub koken Aanbod no page"


def test_a_macro_without_arguments_is_rendered_once_per_language_and_site_url():
    calls = []

    def count():
        calls.append(1)
        return len(calls)

    parts, _ = _parts({"count": count})
    assert [parts.shared("_part.html", "fixed", "nl", "") for _ in range(3)] == ["1", "1", "1"]
    assert parts.shared("_part.html", "fixed", "en", "") == "2"
    assert parts.shared("_part.html", "fixed", "nl", "/sub") == "3"
