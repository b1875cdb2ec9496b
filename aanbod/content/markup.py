"""Markdown from untrusted pull requests, rendered safely.

markdown-it-py with raw HTML switched off escapes every tag a provider types; links are kept
only for http(s), mailto and tel; images are not rendered, so a page never loads anything
from another host.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup

ALLOWED_SCHEMES = ("http://", "https://", "mailto:", "tel:")


def is_safe_link(url: str) -> bool:
    return url.strip().lower().startswith(ALLOWED_SCHEMES)


def _renderer() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.disable(["image", "html_block", "html_inline"])
    md.validateLink = is_safe_link

    def link_open(renderer, tokens, index, options, env):
        tokens[index].attrSet("rel", "nofollow noopener")
        return renderer.renderToken(tokens, index, options, env)

    md.add_render_rule("link_open", link_open)
    return md


_MARKDOWN = _renderer()
# A text is asked for by its page in every language, by the JSON-LD and by the search index, one
# offer after another: a small cache parses each text once there, without keeping a whole catalogue.
RECENT_TEXTS = 512


def render_markdown(text: str | None) -> Markup:
    """HTML for a Markdown text; safe to put in a page as is."""
    if not text:
        return Markup("")
    return _rendered(text)


@lru_cache(maxsize=RECENT_TEXTS)
def _parsed(text: str) -> tuple[list, dict]:
    """The text's tokens, and what the parse noted beside them (link references): one parse serves both the HTML and
    the words (a parse was most of the JSON-LD's time). Rendering only sets the rel of links, the same each time."""
    env: dict = {}
    return _MARKDOWN.parse(text, env), env


@lru_cache(maxsize=RECENT_TEXTS)
def _rendered(text: str) -> Markup:
    tokens, env = _parsed(text)
    return Markup(_MARKDOWN.renderer.render(tokens, _MARKDOWN.options, env))


def plain_text(text: str | None) -> str:
    """The words of a Markdown text without markup, for search and summaries."""
    if not text:
        return ""
    return _words(text)


@lru_cache(maxsize=RECENT_TEXTS)
def _words(text: str) -> str:
    tokens, _env = _parsed(text)
    words = []
    for token in tokens:
        if token.type == "inline":
            words.extend(child.content for child in token.children or () if child.type in ("text", "code_inline"))
    return " ".join(" ".join(words).split())
