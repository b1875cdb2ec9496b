""""Klopt er iets niet?" (issue 16): the prefilled links on offer and provider pages, and the workflow's mention."""

from __future__ import annotations

import os
import subprocess
import sys
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from aanbod.contrib import error_report
from aanbod.contrib.ownership import Layout
from aanbod.content.schema import load_schema
from conftest import ROOT, SCHEMA, offer_yaml, provider_yaml, write_files
from github_standin import TOKEN, github_standin
from sitebuild import build_with_settings

REPOSITORY = "https://github.com/voorbeeld/aanbod"
PATH = "content/offers/buurtwerk/fietsen.yaml"


def sample_links():
    return error_report.links("Fietsen & repareren", "fietsen", "buurtwerk", "https://aanbod.example.nl/aanbod/fietsen/", PATH,
                              REPOSITORY, "redactie@example.nl")


def test_the_new_issue_link_carries_title_body_and_labels_url_encoded():
    links = sample_links()
    parts = urlsplit(links.github)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPOSITORY}/issues/new"
    assert "+" not in parts.query and " " not in parts.query and "&repareren" not in parts.query
    query = parse_qs(parts.query)
    assert query["title"] == ["Klopt er iets niet? Fietsen & repareren"]
    assert query["labels"] == ["klopt-er-iets-niet,aanbieder:buurtwerk"]
    body = query["body"][0]
    assert body.startswith(error_report.MARKER)
    for needed in ("`fietsen`", "https://aanbod.example.nl/aanbod/fietsen/", f"`{PATH}`", "Wat klopt er niet?", "Wat moet het zijn?"):
        assert needed in body


def test_the_mail_to_the_editors_has_the_same_text_without_the_marker():
    links = sample_links()
    address, _, query = links.mailto.removeprefix("mailto:").partition("?")
    assert address == "redactie@example.nl"
    fields = dict(part.split("=", 1) for part in query.split("&"))
    assert unquote(fields["subject"]) == links.title
    mail_body = unquote(fields["body"])
    assert "\r\n" in mail_body and error_report.MARKER not in mail_body
    assert mail_body.replace("\r\n", "\n") == links.body.replace(error_report.MARKER + "\n", "").replace("**", "")


def test_without_a_repository_there_is_only_the_mail():
    links = error_report.links("Fietsen", "fietsen", "buurtwerk", "https://x.example/", PATH, "", "redactie@example.nl")
    assert links.github == "" and links.mailto.startswith("mailto:redactie@example.nl?")


@pytest.fixture(scope="module")
def layout():
    return Layout.of(load_schema(SCHEMA), "content")


def test_the_provider_is_read_back_from_the_body_only_for_a_report(layout):
    assert error_report.provider_of(sample_links().body, layout) == "buurtwerk"
    assert error_report.provider_of("**Bestand:** `content/offers/buurtwerk/fietsen.yaml`", layout) is None  # no marker
    provider_page = error_report.body("Buurtwerk", "buurtwerk", "https://x/", "content/providers/buurtwerk.yaml")
    assert error_report.provider_of(provider_page, layout) == "buurtwerk"
    for path in ("content/pages/over.md", "content/offers/../providers/x.yaml", "theme/templates/offer.html"):
        assert error_report.provider_of(error_report.body("x", "x", "https://x/", path), layout) is None


def test_every_offer_and_provider_page_links_to_a_report_about_its_own_file(tmp_path):
    content = write_files(tmp_path / "content", {
        "providers/buurtwerk.yaml": provider_yaml(),
        "offers/buurtwerk/fietsen.yaml": offer_yaml(),
    })
    output = tmp_path / "output"
    result = build_with_settings(content, output, f"AANBOD_REPOSITORY_URL = {REPOSITORY!r}\nAANBOD_EDITORS_EMAIL = 'meld@example.nl'")
    assert result.returncode == 0, result.stderr
    for page, path in (("aanbod/fietsen/index.html", "content/offers/buurtwerk/fietsen.yaml"),
                       ("en/aanbod/fietsen/index.html", "content/offers/buurtwerk/fietsen.yaml"),
                       ("aanbieders/buurtwerk/index.html", "content/providers/buurtwerk.yaml")):
        soup = BeautifulSoup((output / page).read_text(encoding="utf-8"), "html.parser")
        aside = soup.select_one("aside.report-error")
        github = aside.select_one("a[data-report=github]")["href"]
        body = parse_qs(urlsplit(github).query)["body"][0]
        assert f"**Bestand:** `{path}`" in body, page
        assert aside.select_one("a[data-report=mail]")["href"].startswith("mailto:meld@example.nl?")


def run_mention(content, body_file, *extra, env=None):
    return subprocess.run([sys.executable, "-m", "aanbod", "mention", "--content", str(content), "--body-file", str(body_file), *extra],
                          capture_output=True, text=True, cwd=ROOT, env={**os.environ, **(env or {})})


@pytest.fixture
def maintained(tmp_path):
    return write_files(tmp_path / "content", {
        "providers/buurtwerk.yaml": provider_yaml() + "maintainers: [anna-b, piet]\n",
        "offers/buurtwerk/fietsen.yaml": offer_yaml(),
    })


def test_the_mention_names_the_providers_maintainers(maintained, tmp_path):
    body = tmp_path / "melding.md"
    body.write_text(sample_links().body + "Het telefoonnummer is veranderd.\n", encoding="utf-8")
    result = run_mention(maintained, body)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("@anna-b @piet: ") and "Buurtwerk" in result.stdout
    body.write_text("Een gewone vraag zonder bestand.", encoding="utf-8")
    result = run_mention(maintained, body)
    assert result.returncode == 0 and "@" not in result.stdout


def test_the_workflow_step_comments_and_labels_through_the_github_api(maintained, tmp_path):
    body = tmp_path / "melding.md"
    body.write_text(sample_links().body, encoding="utf-8")
    with github_standin("voorbeeld/aanbod") as github:
        number = github.add_issue("Klopt er iets niet? Fietsen", sample_links().body, [])
        result = run_mention(maintained, body, "--github", "voorbeeld/aanbod", "--issue", str(number),
                             env={"GITHUB_API_URL": github.url, "GITHUB_TOKEN": TOKEN})
        assert result.returncode == 0, result.stderr
        assert [text.split(":")[0] for issue, text in github.comments if issue == number] == ["@anna-b @piet"]
        assert {label["name"] for label in github.issues[number]["labels"]} == {"klopt-er-iets-niet", "aanbieder:buurtwerk"}
        failed = run_mention(maintained, body, "--github", "voorbeeld/aanbod", "--issue", str(number),
                             env={"GITHUB_API_URL": github.url, "GITHUB_TOKEN": "wrong"})
    assert failed.returncode == 2 and "GitHub antwoordde 401" in failed.stderr and "Traceback" not in failed.stderr


def test_without_maintainers_the_editors_are_asked():
    assert error_report.mention("nieuw", "Nieuw", [], ["redactie-team"]).startswith("@redactie-team: er is een melding over Nieuw (`nieuw`)")
    assert error_report.mention("nieuw", "Nieuw", [], []).startswith("Er is een melding over Nieuw")
    assert error_report.mention("nieuw", "Nieuw", ["anna"], ["redactie-team"]).startswith("@anna: ")


def test_a_content_file_is_named_by_its_path_in_the_repository_however_the_build_names_it(tmp_path):
    content = tmp_path / "checkout" / "content"
    (content / "offers" / "buurtwerk").mkdir(parents=True)
    offer = content / "offers" / "buurtwerk" / "fietsen.yaml"
    offer.write_text("id: fietsen\n", encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "checkout", target_is_directory=True)
    expected = "content/offers/buurtwerk/fietsen.yaml"
    assert error_report.repository_path(str(offer), content, "content") == expected
    # The folder through a link, or a path that steps out and back in: where they really are decides.
    assert error_report.repository_path(str(offer), tmp_path / "link" / "content", "content") == expected
    assert error_report.repository_path(str(content / ".." / "content" / "offers" / "buurtwerk" / "fietsen.yaml"), content, "content") == expected
    assert error_report.repository_path(str(content / "offers" / ".." / ".." / "elders.yaml"), content, "content") == (tmp_path / "checkout" / "content" / "offers" / ".." / ".." / "elders.yaml").as_posix()
