"""Stand-ins on 127.0.0.1 for `python -m aanbod links`: a website, a silent server, an HTTPS server with a
self-signed certificate and a DNS server with a small zone. Each records what it was asked."""

from __future__ import annotations

import socket
import ssl
import subprocess
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import dns.flags
import dns.message
import dns.rcode
import dns.rdatatype
import dns.rrset

ROUTES = {
    "/ok": (200, None),
    "/weg": (404, None),
    "/rond-a": (302, "/rond-b"),
    "/rond-b": (302, "/rond-a"),
    "/verhuisd": (301, "/ok"),
}


@contextmanager
def website(requests: list):
    """A website: /ok, /weg (404), /rond-a and /rond-b (a redirect loop), /verhuisd (to /ok), /geen-head (HEAD 405)."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _answer(self, method):
            requests.append((method, self.path))
            if self.path == "/geen-head":
                status, location = (405, None) if method == "HEAD" else (200, None)
            else:
                status, location = ROUTES.get(self.path, (404, None))
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_HEAD(self):
            self._answer("HEAD")

        def do_GET(self):
            self._answer("GET")

    with _serving(ThreadingHTTPServer(("127.0.0.1", 0), Handler)) as server:
        yield f"http://127.0.0.1:{server.server_port}"


@contextmanager
def _serving(server):
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def silent_server():
    """Accepts connections and never answers: a website that times out."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    held, stop = [], threading.Event()

    def accept():
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/traag"
    finally:
        stop.set()
        thread.join()
        for connection in held:
            connection.close()
        listener.close()


@contextmanager
def https_self_signed(folder: Path):
    """An HTTPS website whose certificate no browser trusts (self-signed, made with openssl)."""
    key, certificate = folder / "sleutel.pem", folder / "certificaat.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(certificate),
                    "-days", "2", "-subj", "/CN=127.0.0.1"], check=True, capture_output=True)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_HEAD(self):
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_HEAD

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.handle_error = lambda request, address: None  # the client refusing the certificate is the point
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificate, key)
    # The handshake runs in the handler's thread, so a client that gives up cannot block the server.
    server.socket = context.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
    with _serving(server):
        yield f"https://127.0.0.1:{server.server_port}/"


@contextmanager
def dns_server(zone: dict[str, dict[str, str]]):
    """A DNS server (UDP) for ``zone``: name -> record type -> text; other names get NXDOMAIN."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    sock.settimeout(0.1)
    asked: list = []
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                wire, client = sock.recvfrom(4096)
            except OSError:
                continue
            query = dns.message.from_wire(wire)
            response = dns.message.make_response(query)
            question = query.question[0]
            name, kind = question.name.to_text().lower(), dns.rdatatype.to_text(question.rdtype)
            asked.append((name, kind))
            if name not in zone:
                response.set_rcode(dns.rcode.NXDOMAIN)
            elif kind in zone[name]:
                response.answer.append(dns.rrset.from_text(question.name, 60, "IN", kind, zone[name][kind]))
            response.flags |= dns.flags.AA
            sock.sendto(response.to_wire(), client)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield sock.getsockname()[1], asked
    finally:
        stop.set()
        thread.join()
        sock.close()
