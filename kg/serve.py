"""`kg serve`: the dataset in a local Oxigraph SPARQL server.

The server answers SPARQL over the union of all named graphs, so queries
written for `kg query` need no GRAPH clause there either. It serves a copy of
the persistent store (kg/store.py) when that holds the build's kg.trig: hard
links to its files, made in an instant, which a later build does not disturb;
otherwise kg.trig is loaded into a new store first.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType

from kg.children import spawn
from kg.errors import CannotRun, KgError
from kg.files import alive
from kg.store import copy_built, holds

LOOPBACK = "127.0.0.1"
STARTUP_SECONDS = 30.0
SCRATCH = ".serve-"


def oxigraph_binary() -> Path:
    """The `oxigraph` program: on PATH, or beside the running Python (a virtual environment's bin folder)."""
    found = shutil.which("oxigraph")
    beside = Path(sys.executable).parent / "oxigraph"
    if found:
        return Path(found)
    if beside.is_file():
        return beside
    raise CannotRun("the oxigraph program was not found; install it with: pip install oxigraph")


def authority(host: str, port: int) -> str:
    """host:port, with brackets around an IPv6 address."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def check_port_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise KgError(f"cannot listen on {authority(host, port)}: {error.strerror}; "
                          "choose another port with --port") from None


class OxigraphServer:
    """A read-only Oxigraph server over a copy of one TriG file's dataset, in a temporary store removed on stop."""

    def __init__(self, trig: Path, host: str = LOOPBACK, port: int = 7878) -> None:
        self.trig, self.host, self.port = trig, host, port
        self.binary = oxigraph_binary()
        self.process: subprocess.Popen[bytes] | None = None
        self.folder: tempfile.TemporaryDirectory[str] | None = None

    @property
    def base_url(self) -> str:
        return f"http://{authority(self.host, self.port)}"

    @property
    def query_url(self) -> str:
        return f"{self.base_url}/query"

    def __enter__(self) -> OxigraphServer:
        self.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.stop()

    def start(self) -> None:
        check_port_free(self.host, self.port)
        self.folder = scratch_folder(self.trig)
        store, log = Path(self.folder.name) / "store", Path(self.folder.name) / "server.log"
        try:
            if not copy_built(self.trig, store):
                self._run("load", "--location", str(store), "--file", str(self.trig))
            with log.open("wb") as output:
                self.process = spawn(
                    [str(self.binary), "serve-read-only", "--location", str(store),
                     "--bind", authority(self.host, self.port), "--union-default-graph"],
                    stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT)
            self._wait_until_listening(log)
        except BaseException:
            self.stop()
            raise

    def wait(self) -> None:
        """Block until the server process ends; it ending by itself is an error."""
        assert self.process is not None and self.folder is not None
        code = self.process.wait()
        raise KgError(f"the oxigraph server stopped by itself (exit code {code}): "
                      f"{last_line(Path(self.folder.name) / 'server.log')}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        if self.folder is not None:
            self.folder.cleanup()
            self.folder = None

    def _run(self, *arguments: str) -> None:
        done = subprocess.run([str(self.binary), *arguments], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            message = (done.stderr.strip().splitlines() or ["no message"])[-1]
            raise KgError(f"oxigraph {arguments[0]} failed: {message}")

    def _wait_until_listening(self, log: Path) -> None:
        assert self.process is not None
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise KgError(f"oxigraph could not serve on {authority(self.host, self.port)}: {last_line(log)}")
            with contextlib.suppress(OSError), socket.create_connection((self.host, self.port), timeout=0.5):
                return
            time.sleep(0.05)
        raise KgError(f"oxigraph did not start listening on {authority(self.host, self.port)} "
                      f"within {STARTUP_SECONDS:g} s")


def scratch_folder(trig: Path) -> tempfile.TemporaryDirectory[str]:
    """The folder of the served store and the server's log: beside the persistent store when that holds `trig`,
    so that its copy is made of hard links, else in the system's temporary folder. The folders of servers that
    were killed are removed first."""
    out = trig.parent
    if holds(trig):
        remove_left_over(out)
        with contextlib.suppress(OSError):
            return tempfile.TemporaryDirectory(prefix=f"{SCRATCH}{os.getpid()}-", dir=out)
    return tempfile.TemporaryDirectory(prefix="kg-oxigraph-")


def remove_left_over(out: Path) -> None:
    for folder in out.glob(f"{SCRATCH}*-*"):
        pid = folder.name.removeprefix(SCRATCH).split("-")[0]
        if pid.isdigit() and not alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def last_line(path: Path) -> str:
    lines = path.read_text("utf-8", "replace").strip().splitlines() if path.exists() else []
    return lines[-1] if lines else "no message"


@contextlib.contextmanager
def interrupt_on_sigterm() -> Iterator[None]:
    """Treat SIGTERM like Ctrl-C, so that whoever stops us also stops the server."""
    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def serve(trig: Path, host: str, port: int, announce: Callable[[str], None]) -> None:
    """Serve `trig` until Ctrl-C or SIGTERM, calling `announce` with the query URL once it answers."""
    with interrupt_on_sigterm(), OxigraphServer(trig, host, port) as server:
        announce(server.query_url)
        with contextlib.suppress(KeyboardInterrupt):
            server.wait()
