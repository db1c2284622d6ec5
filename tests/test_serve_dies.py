"""`kg serve` killed with SIGKILL takes its Oxigraph server with it: nothing keeps serving or holds the port."""

from __future__ import annotations

import contextlib
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from kg.build import BuildResult
from tests.test_server import free_port, is_listening, stop, wait_for_port

ROOT = Path(__file__).resolve().parent.parent


def test_sigkill_of_kg_serve_stops_the_server(built: tuple[Path, BuildResult]) -> None:
    port = free_port()
    serve = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--port", str(port), "--build-dir", str(built[0])],
                             cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port, serve)
        serve.send_signal(signal.SIGKILL)
        serve.wait()
        deadline = time.monotonic() + 15
        while is_listening(port) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not is_listening(port), "the oxigraph child outlived kg serve"
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            with contextlib.suppress(OSError):
                probe.bind(("127.0.0.1", port))
    finally:
        stop(serve)
