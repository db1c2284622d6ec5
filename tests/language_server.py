"""A minimal Language Server Protocol client for the YAML language server (the one VS Code's YAML extension runs),
so tests can open an annotation as an editor does and read its diagnostics and completions.

.ci/run installs the server with npm into .venv/node_modules.
"""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parent.parent
SERVER = ROOT / ".venv" / "node_modules" / ".bin" / "yaml-language-server"
SETTINGS = {"validate": True, "completion": True, "hover": True, "schemaStore": {"enable": False}}


class LanguageServer:
    """The YAML language server over stdio; stop() ends it."""

    def __init__(self, root: Path) -> None:
        self.process = subprocess.Popen([str(SERVER), "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL)
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True).start()
        self.request("initialize", {"processId": None, "rootUri": root.as_uri(),
                                    "capabilities": {"workspace": {"configuration": True}}})
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": {"yaml": SETTINGS}})

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()

    def open(self, path: Path, text: str) -> list[tuple[int, str]]:
        """Open `text` as the file at `path`; the diagnostics the server publishes, as (line, message)."""
        uri = path.as_uri()
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1,
                                                              "text": text}})
        published = self._wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                               and m["params"]["uri"] == uri)
        return [(d["range"]["start"]["line"], d["message"]) for d in published["params"]["diagnostics"]]

    def completions(self, path: Path, line: int, character: int) -> list[str]:
        result = self.request("textDocument/completion", {"textDocument": {"uri": path.as_uri()},
                                                          "position": {"line": line, "character": character}})
        items = result["items"] if isinstance(result, dict) else result or []
        return sorted(item["label"] for item in items)

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        number = self.next_id
        self._send({"jsonrpc": "2.0", "id": number, "method": method, "params": params})
        return self._wait(lambda m: m.get("id") == number and "method" not in m).get("result")

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps(message).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        self.process.stdin.flush()

    def _wait(self, wanted: Any, timeout: float = 30) -> dict[str, Any]:
        """The first message `wanted` accepts, answering the server's own requests meanwhile."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                message = self.messages.get(timeout=0.2)
            except queue.Empty:
                continue
            if "method" in message and "id" in message:
                items = message["params"].get("items", []) if message["method"] == "workspace/configuration" else []
                result = [SETTINGS] * len(items) if items else None
                self._send({"jsonrpc": "2.0", "id": message["id"], "result": result})
            elif wanted(message):
                return message
        raise TimeoutError("the YAML language server did not answer")

    def _read(self, stream: IO[bytes]) -> None:
        while True:
            headers = {}
            while (line := stream.readline().decode().strip()) != "":
                name, value = line.split(":", 1)
                headers[name.lower()] = value.strip()
            if not headers:
                return
            self.messages.put(json.loads(stream.read(int(headers["content-length"]))))
