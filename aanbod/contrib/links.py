"""Dead links and addresses: every website and e-mail domain in the content, checked politely.

Websites: HEAD, then GET where a server refuses HEAD, following redirects by hand (so a loop is
named), with a timeout and a pause between two requests to one host. E-mail: the domain has an
MX record, else an A or AAAA record (RFC 5321 falls back to the A record). Each result is kept in
a cache with the day it was found; good results are trusted for ``max_age`` days, problems are
checked again every run. Findings are warnings, never errors: a website can be down for an hour.

Which fields are checked comes from ``schema/``: a field with ``"format": "email"`` holds an
address; a string field whose pattern starts with ``https?://`` holds a website.
"""

from __future__ import annotations

import http.client
import ipaddress
import json
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import dns.exception
import dns.resolver

from ..problems import Problem

WEB, MAIL = "web", "mail"
MAX_REDIRECTS = 10
USER_AGENT = "OpenAanbod-linkcontrole/1 (+https://github.com/open-aanbod/open-aanbod)"


@dataclass(frozen=True)
class Target:
    kind: str  # web or mail
    value: str  # the URL, or the e-mail domain
    path: str
    line: int
    field: str
    provider: str = ""

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.value}"


@dataclass(frozen=True)
class Result:
    ok: bool
    message: str
    checked_on: date


def link_fields(schema) -> dict[str, dict[str, str]]:
    """Table -> field -> web or mail, read from the schema."""
    found: dict[str, dict[str, str]] = {}
    for name in ("providers", "offers"):
        for field in schema.tables[name].fields:
            if field.get("format") == "email":
                found.setdefault(name, {})[field["name"]] = MAIL
            elif field.get("type") == "string" and str(field.get("constraints", {}).get("pattern", "")).startswith("https?://"):
                found.setdefault(name, {})[field["name"]] = WEB
    return found


def targets(rows: dict, schema) -> list[Target]:
    """Every website and e-mail domain in the validated rows, with its file and line."""
    found = []
    for table, fields in link_fields(schema).items():
        for row in rows.get(table, []):
            for name, kind in fields.items():
                value = row.values.get(name)
                if not isinstance(value, str) or not value.strip():
                    continue
                value = value.strip()
                if kind == MAIL:
                    value = value.rpartition("@")[2].lower()
                owner = row.values.get("provider") if table == "offers" else row.values.get("id")
                found.append(Target(kind, value, row.path, row.line_of(name), row.label(name), owner or ""))
    return found


class Cache:
    """Results per URL or domain, with the day each was found, in one JSON file."""

    def __init__(self, path: Path | None):
        self.path = path
        self.results: dict[str, Result] = {}
        if path and path.exists():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                self.results = {key: Result(bool(item["ok"]), str(item["message"]), date.fromisoformat(item["checked_on"])) for key, item in data.items()}
            except (ValueError, KeyError, TypeError):
                self.results = {}  # a damaged cache only costs a full check

    def fresh(self, key: str, today: date, max_age: int) -> Result | None:
        result = self.results.get(key)
        if result and result.ok and (today - result.checked_on).days < max_age:
            return result
        return None

    def save(self) -> None:
        if not self.path:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {key: {"ok": result.ok, "message": result.message, "checked_on": result.checked_on.isoformat()} for key, result in sorted(self.results.items())}
        self.path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


class Politeness:
    """At most one request per ``interval`` seconds to each host, whichever thread asks."""

    def __init__(self, interval: float, clock=time.monotonic, sleep=time.sleep):
        self.interval, self.clock, self.sleep = interval, clock, sleep
        self.next_allowed: dict[str, float] = {}
        self.lock = threading.Lock()

    def wait(self, host: str) -> None:
        with self.lock:
            now = self.clock()
            start = max(now, self.next_allowed.get(host, now))
            self.next_allowed[host] = start + self.interval
        if start > now:
            self.sleep(start - now)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 3xx comes back as an HTTPError; check_url follows it itself


@dataclass
class Checker:
    timeout: float = 10
    interval: float = 1.0
    resolver: dns.resolver.Resolver | None = None
    ssl_context: ssl.SSLContext | None = None
    politeness: Politeness | None = None

    def __post_init__(self):
        self.resolver = self.resolver or dns.resolver.Resolver()
        self.resolver.lifetime = self.timeout
        self.politeness = self.politeness or Politeness(self.interval)
        self.opener = urllib.request.build_opener(_NoRedirects(), urllib.request.HTTPSHandler(context=self.ssl_context or ssl.create_default_context()))

    def check(self, target: Target) -> tuple[bool, str]:
        return self.check_domain(target.value) if target.kind == MAIL else self.check_url(target.value)

    def _records(self, name: str, kinds: tuple[str, ...]) -> tuple[bool, str]:
        for kind in kinds:
            try:
                self.resolver.resolve(name, kind)
                return True, ""
            except dns.resolver.NXDOMAIN:
                return False, f"het domein {name} bestaat niet. Kijk of het goed gespeld is"
            except (dns.resolver.NoAnswer, dns.resolver.NoNameservers):
                continue
            except dns.exception.Timeout:
                return False, f"er kwam geen antwoord over het domein {name} (de DNS-server reageert niet). De controle probeert het volgende keer opnieuw"
        return False, ""

    def check_domain(self, domain: str) -> tuple[bool, str]:
        ok, message = self._records(domain, ("MX", "A", "AAAA"))
        if ok or message:
            return ok, message
        return False, f"het domein {domain} kan geen e-mail ontvangen (geen MX- of A-record). Kijk of het e-mailadres klopt"

    def check_url(self, url: str) -> tuple[bool, str]:
        seen = []
        current = url
        while True:
            host = urlsplit(current).hostname or ""
            if host and not _is_address(host):
                ok, message = self._records(host, ("A", "AAAA"))
                if not ok:
                    return False, message or f"het domein {host} heeft geen adres. Kijk of de website goed gespeld is"
            status, location, problem = self._request(current, host)
            if problem:
                return False, problem
            if 300 <= status < 400 and location:
                seen.append(current)
                following = urljoin(current, location)
                if following in seen:
                    return False, f"de website stuurt steeds door naar zichzelf ({following}); de pagina opent nooit"
                if len(seen) > MAX_REDIRECTS:
                    return False, f"de website stuurt meer dan {MAX_REDIRECTS} keer door; de pagina opent niet"
                current = following
                continue
            if status == 404 or status == 410:
                return False, f"de pagina bestaat niet (meer) (HTTP {status}). Zet het goede adres erbij, of haal het weg"
            if status >= 400:
                return False, f"de website geeft een fout (HTTP {status})"
            if seen and urlsplit(current)[:3] != urlsplit(url)[:3]:
                return True, f"verhuisd naar {current}"
            return True, ""

    def _request(self, url: str, host: str) -> tuple[int, str, str]:
        """(status, Location, problem): HEAD first, GET when the server does not answer HEAD properly."""
        status, location = 0, ""
        for method in ("HEAD", "GET"):
            self.politeness.wait(host)
            request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
            try:
                with self.opener.open(request, timeout=self.timeout) as response:
                    status, location = response.status, ""
            except urllib.error.HTTPError as error:
                status, location = error.code, error.headers.get("Location", "") if error.headers else ""
                error.close()
            except urllib.error.URLError as error:
                return 0, "", _network_problem(error.reason, self.timeout)
            except (TimeoutError, socket.timeout):
                return 0, "", _timeout(self.timeout)
            except (http.client.HTTPException, ConnectionError, OSError) as error:
                return 0, "", _network_problem(error, self.timeout)
            if status not in (403, 405, 501):  # some servers refuse HEAD: ask once more with GET
                break
        return status, location, ""


def _timeout(seconds: float) -> str:
    return f"de website antwoordt niet binnen {seconds:g} seconden"


def _network_problem(reason, timeout: float) -> str:
    if isinstance(reason, ssl.SSLCertVerificationError) or "CERTIFICATE_VERIFY_FAILED" in str(reason):
        return "het beveiligingscertificaat van de website klopt niet; browsers waarschuwen bezoekers dan voor de site"
    if isinstance(reason, ssl.SSLError):
        return "een beveiligde verbinding (https) met de website lukt niet"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return _timeout(timeout)
    if isinstance(reason, socket.gaierror):
        return "het domein van de website bestaat niet. Kijk of het adres goed gespeld is"
    if isinstance(reason, ConnectionRefusedError):
        return "de website weigert de verbinding"
    return f"de website is niet bereikbaar ({reason})"


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return False


def check_all(found: list[Target], checker: Checker, cache: Cache, today: date, max_age: int = 7, workers: int = 8) -> dict[str, Result]:
    """A result for every target, each URL or domain checked once.

    The URLs of one host are checked one after the other by one worker (with the pause between them), so a
    provider with a thousand offers on one website never occupies every worker; other hosts go on in parallel.
    """
    results: dict[str, Result] = {}
    groups: dict[str, dict[str, Target]] = {}
    for target in found:
        cached = cache.fresh(target.key, today, max_age)
        if cached:
            results[target.key] = cached
        else:
            host = target.value if target.kind == MAIL else (urlsplit(target.value).hostname or target.value)
            groups.setdefault(f"{target.kind}:{host}", {}).setdefault(target.key, target)

    def run(group: dict[str, Target]) -> list[tuple[str, Result]]:
        return [(key, Result(*checker.check(target), today)) for key, target in group.items()]

    with ThreadPoolExecutor(max_workers=workers) as pool:
        for checked in pool.map(run, groups.values()):
            for key, result in checked:
                results[key] = result
                cache.results[key] = result
    return results


def problems(found: list[Target], results: dict[str, Result]) -> list[Problem]:
    """A warning ``path:line: field: message`` for each place a broken link or address is written."""
    warnings = []
    for target in found:
        result = results.get(target.key)
        if result and not result.ok:
            what = target.value if target.kind == WEB else f"e-mail naar {target.value}"
            warnings.append(Problem(target.path, target.line, target.field, f"{result.message} ({what}, gecontroleerd op {result.checked_on.isoformat()}).", code="link"))
        elif result and result.message:
            warnings.append(Problem(target.path, target.line, target.field, f"de website is {result.message}. Zet het nieuwe adres erbij.", code="link-moved"))
    return sorted(warnings)


def write_report(path: Path, found: list[Target], results: dict[str, Result], today: date) -> None:
    """The report the editors' page shows (aanbod/link_report.py reads it): every place a link or address is broken."""
    entries = []
    for target in found:
        result = results.get(target.key)
        if result and not result.ok:
            entries.append({"provider": target.provider, "path": target.path, "line": target.line, "field": target.field,
                            "value": target.value, "message": result.message, "checked_on": result.checked_on.isoformat()})
    path.parent.mkdir(parents=True, exist_ok=True)
    report = {"checked_on": today.isoformat(), "checked": len({target.key for target in found}), "problems": entries}
    path.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


@dataclass(frozen=True)
class Broken:
    provider: str
    path: str
    line: int
    field: str
    value: str
    message: str
    checked_on: str


@dataclass(frozen=True)
class LinkReport:
    checked_on: str
    checked: int
    problems: tuple[Broken, ...]

    def of(self, provider: str) -> list[Broken]:
        return [item for item in self.problems if item.provider == provider]


def read_report(path: Path) -> LinkReport | None:
    """The last check's report, or None when there is none (no check ran yet) or it cannot be read."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return LinkReport(str(data["checked_on"]), int(data["checked"]), tuple(
            Broken(str(item["provider"]), str(item["path"]), int(item["line"]), str(item["field"]), str(item["value"]), str(item["message"]), str(item["checked_on"]))
            for item in data["problems"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def resolver(server: str | None, port: int, timeout: float) -> dns.resolver.Resolver:
    """The system's resolver, or one DNS server (AANBOD_DNS_SERVER, AANBOD_DNS_PORT): tests use a stand-in on 127.0.0.1."""
    if not server:
        found = dns.resolver.Resolver()
    else:
        found = dns.resolver.Resolver(configure=False)
        found.nameservers = [server]
        found.port = port
    found.lifetime = timeout
    return found
