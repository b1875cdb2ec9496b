"""Helpers for the accessibility, keyboard and shortlist browser tests.

The search interface is being rebuilt, so the search helpers rely only on what any version
must have (these selectors are the whole contract):

- the search field: a text or search input inside <main>;
- results: links to offer pages (``/aanbod/...``) inside <main>;
- filters: checkboxes inside <main>, possibly behind <details> or a button with aria-expanded
  whose text says "filter".
"""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT

AXE = ROOT / "node_modules/axe-core/axe.min.js"
# WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best practices (landmarks, one h1,
# heading order, every piece of content inside a landmark).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

SEARCH_FIELD = "main input[type=search], main input[type=text]"
RESULT_LINKS = "main a[href*='/aanbod/']"
# Only filter toggles: other buttons with aria-expanded (such as the map) stay closed.
FILTER_TOGGLES = "main details:not([open]) > summary, main button[aria-expanded=false]:has-text('filter')"
FILTER_BOXES = "main input[type=checkbox]"

SHORTLIST_KEY = "open-aanbod-lijstje"


def axe_violations(page) -> list[str]:
    """Every axe violation on the page as 'rule: selector (impact)', empty when the page passes."""
    # Evaluated, not added as an inline <script>: the pages' Content-Security-Policy blocks inline script.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    violations = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
            return result.violations.flatMap(v => v.nodes.map(n => `${v.id}: ${n.target.join(" ")} (${v.impact})`));
        }""",
        AXE_TAGS,
    )
    return violations


def page_types(site: Path) -> dict[str, str]:
    """One URL for every kind of page in the built site: each top-level page and one page of every
    folder of pages (an offer, a provider, a list per taxonomy…). New page types are found by
    themselves."""
    urls = {"home": "/", "404": "/404.html"}
    for index in sorted(site.glob("*/index.html")):
        urls[index.parent.name] = f"/{index.parent.name}/"
    for folder in sorted(path for path in site.iterdir() if path.is_dir()):
        pages = sorted(folder.glob("*/index.html"))
        if pages:
            urls[f"{folder.name}/…"] = f"/{folder.name}/{pages[0].parent.name}/"
    return urls


def search(page, site_url: str, query: str) -> list[str]:
    """Type ``query`` on the search page; the offer URLs of the results."""
    page.goto(f"{site_url}/zoeken/")
    field = page.locator(SEARCH_FIELD).first
    field.click()
    field.press_sequentially(query, delay=20)
    page.wait_for_selector(RESULT_LINKS)
    return result_urls(page)


def result_urls(page) -> list[str]:
    return page.eval_on_selector_all(RESULT_LINKS, "links => links.map(link => link.pathname)")


def open_filters(page) -> None:
    """Open every closed filter group, as a visitor would by clicking it."""
    for _ in range(50):
        toggle = page.locator(FILTER_TOGGLES).first
        if not toggle.count():
            break
        toggle.click()
    page.locator(FILTER_BOXES).first.wait_for(state="visible")


def focused(page) -> dict:
    """What has keyboard focus: tag, text, accessible name hints, and whether focus is visible."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            const box = el.getBoundingClientRect();
            return {
                tag: el.tagName.toLowerCase(),
                type: el.getAttribute("type") || "",
                text: (el.innerText || el.value || "").trim().replace(/\\s+/g, " "),
                label: el.getAttribute("aria-label") || "",
                href: el.getAttribute("href") || "",
                id: el.id,
                outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
                shadow: style.boxShadow !== "none",
                visible: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight
                         && box.right > 0 && box.left < innerWidth,
            };
        }"""
    )


def tab_until(page, matches, limit: int = 80) -> dict:
    """Press Tab until ``matches(focused)`` holds; fails after ``limit`` presses."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        current = focused(page)
        if matches(current):
            return current
    raise AssertionError(f"no element reached with Tab after {limit} presses")
