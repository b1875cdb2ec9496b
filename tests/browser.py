"""Serve a built site on 127.0.0.1 and drive Debian's chromium with Playwright; nothing leaves the machine.

Pages carry a Content-Security-Policy without 'unsafe-eval'. Playwright evaluates a bare expression
given to ``wait_for_function`` with eval, which the policy blocks; write a function ("() => ...")."""

from __future__ import annotations

import functools
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextmanager
def serve(folder: Path, handler_class=_QuietHandler):
    """The folder on http://127.0.0.1:<free port>/ for the duration of the block; ``handler_class`` may
    be a SimpleHTTPRequestHandler of a test's own (a host with rewrites or headers)."""
    handler = functools.partial(handler_class, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _SharedChromium:
    """One chromium per test module, started at the first page asked for and closed when the module ends.

    Starting chromium costs about a second; a new context per page keeps tests apart just as well
    (own storage, permissions, geolocation). Not per session: while Playwright's sync API is running,
    asyncio.run() cannot be called in this process, so modules without browser tests stay free of it.
    """

    def __init__(self):
        self.playwright = None
        self.browser = None

    def get(self, executable: str):
        if self.browser is None:
            from playwright.sync_api import sync_playwright

            self.playwright = sync_playwright().start()
            self.browser = self.playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        return self.browser

    def close(self) -> None:
        if self.browser is not None:
            self.browser.close()
            self.playwright.stop()
        self.playwright = self.browser = None


shared = _SharedChromium()


@contextmanager
def browser_page(executable: str, **context_options):
    """A page whose requests to any host but 127.0.0.1 are aborted and recorded in page.foreign_requests.

    ``context_options`` go to Playwright's ``new_context``, for example an emulated geolocation.
    """
    browser = shared.get(executable)
    context = browser.new_context(**{"locale": "nl-NL", "viewport": {"width": 390, "height": 844}, **context_options})
    page = context.new_page()
    foreign: list[str] = []

    def guard(route):
        url = route.request.url
        if urlparse(url).hostname == "127.0.0.1" or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            foreign.append(url)
            route.abort()

    context.route("**/*", guard)
    page.foreign_requests = foreign
    try:
        yield page
    finally:
        context.close()
