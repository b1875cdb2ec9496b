"""The "aanbod aanmelden" form in a browser, shared by its browser tests and the form/check parity test:
where it is served, how a field is filled in, and how the files it writes are validated."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aanbod.content.schema import load_schema
from aanbod.content.validation import validate_content
from browser import serve
from conftest import ROOT, SCHEMA


@pytest.fixture(scope="module")
def form_url(sample_site):
    with serve(sample_site) as url:
        yield f"{url}/aanbod-aanmelden/"


def change(page, selector: str, value: str) -> None:
    """Fill in one field as a provider would.

    ``group:<name>`` ticks the option labelled ``value`` in that group of choices (Voor wie, Online);
    ``label:<text>`` ticks the box with that label (a dagdeel of the week); a select is chosen from;
    a text field is typed into, after opening the folded part it may be in.
    """
    if selector.startswith("group:"):
        page.get_by_role("group", name=selector.removeprefix("group:")).get_by_label(value, exact=True).check()
    elif selector.startswith("label:"):
        page.get_by_label(selector.removeprefix("label:"), exact=True).check()
    elif page.eval_on_selector(selector, "element => element.tagName") == "SELECT":
        page.select_option(selector, value)
    else:
        folded = page.locator(selector).locator("xpath=ancestor::details[not(@open)]/summary")
        if folded.count():
            folded.click()  # the coordinates are folded away until the provider opens them
        page.fill(selector, value)


def fill(page, values: list[tuple[str, str]]) -> None:
    """Fill in fields in order (a choice before the choice that depends on it)."""
    for selector, value in values:
        change(page, selector, value)


def validate_files(tmp_path: Path, provider: str, offers: dict[str, str]):
    """Our validator over files the form wrote: ``offers`` is file name -> text, in the folder of
    ``provider`` (a provider of the sample content). Returns what ``validate_content`` returns."""
    content = tmp_path / "content"
    (content / "providers").mkdir(parents=True)
    shutil.copy(ROOT / "content/providers" / f"{provider}.yaml", content / "providers")
    folder = content / "offers" / provider
    folder.mkdir(parents=True)
    for name, text in offers.items():
        (folder / name).write_text(text, encoding="utf-8")
    return validate_content(content, load_schema(SCHEMA))
