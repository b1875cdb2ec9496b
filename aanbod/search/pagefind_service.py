"""Index documents with Pagefind's service and get its files back in memory; nothing touches the disk.

Pagefind's service (``pagefind --service``) reads requests from stdin and answers on stdout: each
message is base64 of a JSON object, followed by a comma. We talk to it directly rather than through
its Python package, for two reasons found in their source (Pagefind 1.5.2):

- the package waits 0.1 s before reading each answer, so documents go in at ten a second, which is
  why this project used to write every document to a folder and index the folder;
- the package asks Pagefind to write the files and then stops the process at once, while Pagefind's
  writes may still be running in the background: a file could be cut short (a truncated
  ``pagefind-worker.js`` made two builds differ). Here Pagefind hands over the files ("GetFiles")
  and we write them.

Requests are handled one after the other, in the order sent, so the same documents give the same index.
"""

from __future__ import annotations

import base64
import json
import subprocess
import tempfile
import threading
from typing import IO, Iterable

from pagefind.service import get_executable


class PagefindError(RuntimeError):
    """Pagefind could not be started, or refused a request."""


def _encode(message_id: int, payload: dict) -> bytes:
    return base64.b64encode(json.dumps({"message_id": message_id, "payload": payload}).encode("utf-8")) + b","


def _answers(stdout: IO[bytes]):
    """Every answer on ``stdout``, decoded, until the stream ends."""
    buffer, searched = bytearray(), 0
    while chunk := stdout.read1(1 << 20):
        buffer += chunk
        # The answer with the files is tens of megabytes: look for its end only in what is new.
        while (end := buffer.find(b",", searched)) >= 0:
            yield json.loads(base64.b64decode(bytes(buffer[:end])))
            del buffer[:end + 1]
            searched = 0
        searched = len(buffer)


def _expect(answers, message_id: int, kind: str, errors: IO[bytes]) -> dict:
    answer = next(answers, None)
    if answer is None:
        errors.seek(0)
        raise PagefindError(f"Pagefind stopped unexpectedly: {errors.read().decode('utf-8', 'replace')}")
    payload = answer["payload"]
    if payload.get("type") == "Error":
        raise PagefindError(f"Pagefind refused a request: {payload.get('message')}")
    if answer.get("message_id") != message_id or payload.get("type") != kind:
        raise PagefindError(f"Pagefind answered {payload.get('type')} to message {answer.get('message_id')}, expected {kind} to {message_id}")
    return payload


def index(documents: Iterable[tuple[str, str]], language: str) -> dict[str, bytes]:
    """Index (URL, HTML) pairs in one language; returns the bundle's files by path inside the bundle."""
    executable = get_executable()
    if executable is None:
        raise PagefindError("Pagefind is not installed: run `make install` (the pagefind_bin package).")
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen([str(executable), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors)
        try:
            answers = _answers(process.stdout)
            process.stdin.write(_encode(0, {"type": "NewIndex", "config": {"force_language": language}}))
            process.stdin.flush()
            index_id = _expect(answers, 0, "NewIndex", errors)["index_id"]
            urls = []
            failure: list[BaseException] = []

            def send() -> None:
                # Documents go in from a thread while this one reads the answers, so neither pipe fills up.
                try:
                    for url, html in documents:
                        urls.append(url)
                        process.stdin.write(_encode(len(urls), {"type": "AddFile", "index_id": index_id, "url": url, "file_contents": html}))
                    process.stdin.write(_encode(len(urls) + 1, {"type": "GetFiles", "index_id": index_id}))
                    process.stdin.flush()
                except BaseException as error:  # noqa: BLE001 - reported in the main thread
                    failure.append(error)

            sender = threading.Thread(target=send, daemon=True)
            sender.start()
            message_id = 1
            while True:
                answer = next(answers, None)
                if answer is None or answer["payload"].get("type") != "IndexedFile":
                    break
                if answer.get("message_id") != message_id:
                    raise PagefindError(f"Pagefind answered message {answer.get('message_id')}, expected {message_id}")
                message_id += 1
            sender.join()
            if failure:
                raise PagefindError(f"Could not send the documents to Pagefind: {failure[0]}")
            payload = _expect(iter([answer] if answer else []), len(urls) + 1, "GetFiles", errors)
        finally:
            process.stdin.close()  # Pagefind's service stops when its input ends
            process.wait()
    files = {file["path"]: base64.b64decode(file["content"]) for file in payload["files"]}
    entry = next((path for path in files if path.endswith("pagefind-entry.json")), None)
    if entry is None:
        raise PagefindError("Pagefind returned no pagefind-entry.json")
    root = entry[: -len("pagefind-entry.json")]
    return {path[len(root):]: content for path, content in files.items() if path.startswith(root)}
