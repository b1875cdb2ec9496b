"""`python -m aanbod links` (issue 16) against stand-ins on 127.0.0.1: a website (OK, 404, a redirect loop, a
move, a server that refuses HEAD), a server that never answers, a bad certificate and a DNS server."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest

from aanbod.contrib import links
from conftest import ROOT, SCHEMA_OPTION, offer_yaml, provider_yaml, write_files
from sitebuild import settings_text
from link_standins import dns_server, https_self_signed, silent_server, website

ZONE = {
    "mail.test.": {"MX": "10 mx.mail.test."},
    "alleen-a.test.": {"A": "127.0.0.1"},
    "geen-mail.test.": {"TXT": '"geen post"'},
}


@pytest.fixture(scope="module")
def standins(tmp_path_factory):
    requests: list = []
    folder = tmp_path_factory.mktemp("tls")
    with website(requests) as site, silent_server() as slow, https_self_signed(folder) as bad_tls, dns_server(ZONE) as (port, asked):
        yield {"site": site, "slow": slow, "tls": bad_tls, "dns_port": port, "asked": asked, "requests": requests}


@pytest.fixture
def content(tmp_path, standins):
    site = standins["site"]
    offers = {
        "goed": dict(website=f"{site}/ok", contact_email="info@mail.test"),
        "weg": dict(website=f"{site}/weg", contact_email="info@alleen-a.test"),
        "rond": dict(website=f"{site}/rond-a", contact_email="info@geen-mail.test"),
        "traag": dict(website=standins["slow"]),
        "certificaat": dict(website=standins["tls"]),
        "onbekend": dict(website="https://bestaat-niet.test/", contact_email="info@bestaat-niet.test"),
        "verhuisd": dict(website=f"{site}/verhuisd"),
        "geenhead": dict(website=f"{site}/geen-head"),
    }
    files = {"providers/buurtwerk.yaml": provider_yaml().replace("https://buurtwerk.example.nl/", f"{site}/ok").replace("info@buurtwerk.example.nl", "info@mail.test")}
    for offer_id, fields in offers.items():
        files[f"offers/buurtwerk/{offer_id}.yaml"] = offer_yaml(offer_id, **fields)
    return write_files(tmp_path / "content", files)


def settings_file(tmp_path, port):
    path = tmp_path / "instellingen.py"
    path.write_text(settings_text(f"AANBOD_DNS_SERVER = '127.0.0.1'\nAANBOD_DNS_PORT = {port}\nAANBOD_LINKS_TIMEOUT = 0.5\nAANBOD_LINKS_INTERVAL = 0.0"),
                    encoding="utf-8")
    return path


def run_links(content, tmp_path, port, *extra):
    return subprocess.run([sys.executable, "-m", "aanbod", "links", "--content", str(content), "--settings", str(settings_file(tmp_path, port)),
                           "--cache", str(tmp_path / "cache.json"), "--report", str(tmp_path / "rapport.json"), "--today", "2026-11-22", *SCHEMA_OPTION, *extra],
                          capture_output=True, text=True, cwd=ROOT)


def line_of(path, field):
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(f"{field}:"))


def test_every_broken_link_and_address_is_a_warning_on_its_line(content, tmp_path, standins):
    result = run_links(content, tmp_path, standins["dns_port"])
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()

    def warning(offer_id, field):
        path = content / "offers/buurtwerk" / f"{offer_id}.yaml"
        prefix = f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}:{line_of(path, field)}: {field}: Let op: "
        found = [line for line in lines if line.startswith(prefix)]
        assert len(found) == 1, (prefix, lines)
        return found[0]

    assert "bestaat niet (meer) (HTTP 404)" in warning("weg", "website")
    assert "stuurt steeds door naar zichzelf" in warning("rond", "website")
    assert "antwoordt niet binnen 0.5 seconden" in warning("traag", "website")
    assert "beveiligingscertificaat" in warning("certificaat", "website")
    assert "het domein bestaat-niet.test bestaat niet" in warning("onbekend", "website")
    assert "het domein bestaat-niet.test bestaat niet" in warning("onbekend", "contact_email")
    assert "kan geen e-mail ontvangen" in warning("rond", "contact_email")
    assert "verhuisd naar " + standins["site"] + "/ok" in warning("verhuisd", "website")
    for fine in ("goed", "geenhead"):
        assert not [line for line in lines if f"/{fine}.yaml:" in line], lines
    assert not [line for line in lines if "alleen-a.test" in line or "providers/" in line]  # an A record is enough for mail
    assert lines[-1] == "12 websites en e-maildomeinen gecontroleerd: 7 plekken met een link of adres dat niet werkt."
    assert ("GET", "/geen-head") in standins["requests"]  # HEAD refused, GET asked

    report = json.loads((tmp_path / "rapport.json").read_text(encoding="utf-8"))
    assert report["checked_on"] == "2026-11-22"
    assert {(item["provider"], item["field"], item["value"]) for item in report["problems"]} >= {("buurtwerk", "website", f"{standins['site']}/weg")}
    assert len(report["problems"]) == 7


def test_good_results_come_from_the_cache_and_problems_are_checked_again(content, tmp_path, standins):
    run_links(content, tmp_path, standins["dns_port"])
    cache = json.loads((tmp_path / "cache.json").read_text(encoding="utf-8"))
    assert cache[f"web:{standins['site']}/ok"] == {"ok": True, "message": "", "checked_on": "2026-11-22"}
    before = list(standins["requests"])
    result = run_links(content, tmp_path, standins["dns_port"])
    again = standins["requests"][len(before):]
    assert ("HEAD", "/weg") in again and ("HEAD", "/ok") not in again
    assert "7 plekken" in result.stdout.splitlines()[-1]


def test_github_format_gives_warning_annotations(content, tmp_path, standins):
    result = run_links(content, tmp_path, standins["dns_port"], "--format", "github")
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert len(annotations) == 8 and all(line.startswith("::warning file=") for line in annotations)


def test_requests_to_one_host_wait_for_each_other_and_other_hosts_do_not():
    now = [100.0]
    waited = []

    def sleep(seconds):
        waited.append(seconds)
        now[0] += seconds

    politeness = links.Politeness(2.0, clock=lambda: now[0], sleep=sleep)
    politeness.wait("a.example")
    politeness.wait("b.example")
    assert waited == []
    politeness.wait("a.example")
    assert waited == [2.0]
    now[0] += 5
    politeness.wait("a.example")
    assert waited == [2.0]


def test_the_fields_to_check_come_from_the_schema():
    from aanbod.content.schema import load_schema

    fields = links.link_fields(load_schema(ROOT / "schema"))
    assert fields["offers"] == {"contact_email": "mail", "website": "web"}
    assert fields["providers"] == {"website": "web", "email": "mail"}


def test_a_damaged_cache_is_ignored(tmp_path):
    path = tmp_path / "cache.json"
    path.write_text("{kapot", encoding="utf-8")
    assert links.Cache(path).results == {}
    assert links.Cache(path).fresh("web:x", date(2026, 1, 1), 7) is None
