"""Endpoints and servers that fail: each failure is one line naming the URL or the program."""

from __future__ import annotations

import socket
import stat
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from local_http import serving

import kg.serve
from kg.errors import KgError
from kg.remote import check_endpoint, http, remote_query
from kg.serve import OxigraphServer, oxigraph_binary
from tests.test_server import free_port


class Garbage(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.end_headers()
        self.wfile.write(b"{not json")

    def log_message(self, *arguments: object) -> None:
        pass


@pytest.fixture
def garbage() -> Iterator[str]:
    with serving(Garbage, "/query") as address:
        yield address


def test_an_endpoint_that_is_not_http() -> None:
    with pytest.raises(KgError) as error:
        check_endpoint("ftp://127.0.0.1/store")
    assert str(error.value) == "'ftp://127.0.0.1/store' is not an http:// or https:// URL; give the endpoint's full URL"


def test_an_endpoint_that_never_answers() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/query"
        with pytest.raises(KgError) as error:
            http("GET", url, timeout=0.5)
    assert str(error.value) == (f"{url} did not answer to GET within 0.5 s; check that the URL is the right "
                                "endpoint, or allow more time with --timeout")


def test_an_endpoint_that_hangs_up() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/query"

        def hang_up() -> None:
            connection, _ = listener.accept()
            connection.recv(1000)
            connection.close()

        thread = threading.Thread(target=hang_up)
        thread.start()
        with pytest.raises(KgError) as error:
            http("GET", url, timeout=5)
        thread.join()
    assert str(error.value) == (f"cannot reach {url}: Remote end closed connection without response; check the URL "
                                "and that the server is running")


def test_an_endpoint_that_answers_garbage(garbage: str) -> None:
    with pytest.raises(KgError) as error:
        remote_query(garbage, "SELECT * WHERE { ?s ?p ?o }")
    assert str(error.value) == (f"{garbage} answered with application/sparql-results+json that is not valid SPARQL "
                                "results")


def test_a_dataset_oxigraph_cannot_load(tmp_path: Path) -> None:
    (tmp_path / "kg.trig").write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(KgError) as error:
        OxigraphServer(tmp_path / "kg.trig", port=free_port()).start()
    assert str(error.value).startswith("oxigraph load failed: ")


def valid_trig(tmp_path: Path) -> Path:
    path = tmp_path / "kg.trig"
    path.write_text("<http://a> { <http://a> <http://b> <http://c> . }\n", encoding="utf-8")
    return path


def test_a_server_that_cannot_serve(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "oxigraph"
    fake.write_text(f'#!/bin/sh\nif [ "$1" = load ]; then exec "{oxigraph_binary()}" "$@"; fi\n'
                    'echo "Error: Address already in use" >&2\nexit 1\n', encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(kg.serve, "oxigraph_binary", lambda: fake)
    port = free_port()
    with pytest.raises(KgError) as error:
        OxigraphServer(valid_trig(tmp_path), port=port).start()
    assert str(error.value) == f"oxigraph could not serve on 127.0.0.1:{port}: Error: Address already in use"


def test_a_server_that_does_not_listen_in_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg.serve, "STARTUP_SECONDS", 0.0)
    port = free_port()
    with pytest.raises(KgError) as error:
        OxigraphServer(valid_trig(tmp_path), port=port).start()
    assert str(error.value) == f"oxigraph did not start listening on 127.0.0.1:{port} within 0 s"


def test_a_server_that_stops_by_itself(tmp_path: Path) -> None:
    server = OxigraphServer(valid_trig(tmp_path), port=free_port())
    server.start()
    try:
        server.process.kill()
        with pytest.raises(KgError) as error:
            server.wait()
        assert str(error.value).startswith("the oxigraph server stopped by itself (exit code -9): ")
    finally:
        server.stop()
