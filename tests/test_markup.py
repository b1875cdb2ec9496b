import pytest
from bs4 import BeautifulSoup

from aanbod.content.markup import is_safe_link, plain_text, render_markdown


ALLOWED_TAGS = {"p", "a", "strong", "em", "ul", "ol", "li", "code", "pre", "blockquote", "h1", "h2", "h3", "h4", "hr", "br",
                "table", "thead", "tbody", "tr", "th", "td"}


@pytest.mark.parametrize(
    "markdown",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<div onclick='x()'>klik</div>",
        "[klik](javascript:alert(1))",
        "[klik](JaVaScRiPt:alert(1))",
        "[klik](data:text/html;base64,PHNjcmlwdD4=)",
        "[klik](vbscript:msgbox)",
        "[klik](/relatief/pad)",
        "![foto](https://elders.example/x.png)",
        "<a href='https://a.nl' onmouseover='x()'>a</a>",
        '[a](https://a.nl "title" onclick="x")',
        "<iframe src='https://elders.example'></iframe>",
        "<style>body{display:none}</style>",
        "[a](<javascript:alert(1)>)",
        "<javascript:alert(1)>",
    ],
)
def test_untrusted_markdown_cannot_inject_html_or_script(markdown):
    soup = BeautifulSoup(str(render_markdown(markdown)), "html.parser")
    for element in soup.find_all(True):
        assert element.name in ALLOWED_TAGS
        assert not [name for name in element.attrs if name.startswith("on") or name in ("style", "src")]
        if element.name == "a":
            assert is_safe_link(element["href"])


@pytest.mark.parametrize("url", ["https://a.nl/x", "http://a.nl", "mailto:info@a.nl", "tel:0301234567"])
def test_allowed_links_are_kept_with_rel(url):
    html = str(render_markdown(f"[link]({url})"))
    assert f'href="{url}"' in html
    assert 'rel="nofollow noopener"' in html


def test_markdown_basics_render():
    html = str(render_markdown("**vet**\n\n- een\n- twee\n"))
    assert "<strong>vet</strong>" in html
    assert "<li>een</li>" in html


def test_safe_link_check():
    assert is_safe_link(" HTTPS://a.nl")
    assert not is_safe_link("javascript:alert(1)")
    assert not is_safe_link("//elders.example/x")


def test_plain_text_keeps_words_only():
    assert plain_text("Hallo **vet** [site](https://a.nl)\n\n- een") == "Hallo vet site een"
    assert plain_text(None) == ""
