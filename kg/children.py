"""Child processes that die with their parent, even when the parent is killed with SIGKILL.

On Linux the child asks the kernel for SIGTERM when its parent dies
(PR_SET_PDEATHSIG), and exits at once if the parent is already gone; it also
runs in a session of its own, so a Ctrl-C at the terminal reaches only `kg`,
which stops it in order.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import subprocess
import sys
from collections.abc import Callable

PR_SET_PDEATHSIG = 1


def _die_with(parent: int) -> Callable[[], None]:
    """What the child runs before exec; the C library is loaded here, in the parent, not after the fork."""
    prctl = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True).prctl

    def prepare() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        if os.getppid() != parent:
            os._exit(1)

    return prepare


def spawn(arguments: list[str], **options: object) -> subprocess.Popen[bytes]:
    """Popen that ties the child's life to ours (on Linux; elsewhere only its own session)."""
    prepare = _die_with(os.getpid()) if sys.platform.startswith("linux") else None
    return subprocess.Popen(arguments, start_new_session=True, preexec_fn=prepare, **options)
