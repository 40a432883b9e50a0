"""The pieces of the browser tests: a real Carnet server process, headless Chromium, and a guard
that turns any console error, page error, dialog or off-machine request into a test failure.

Nothing here downloads: Chromium is Debian's (/usr/bin/chromium, installed by
scripts/_common.sh setup_browser), driven by the pinned playwright package."""

from __future__ import annotations

import collections
import contextlib
import os
import pathlib
import re
import socket
import subprocess
import sys
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CARNET_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                 "--disable-dev-shm-usage"]
SCREENSHOTS = pathlib.Path(os.environ.get("CARNET_SCREENSHOT_DIR", ROOT / "artifacts" / "screenshots"))
SERVER_START_TIMEOUT = 60.0
# Figures the suites count (pages visited, tooltips hovered...), printed at the end of the run.
REPORT: collections.Counter = collections.Counter()


def free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerProcess:
    """`gunicorn app:create_app()` from this interpreter's environment, on a free loopback port,
    serving graph `graph_name` of the embedded FalkorDB in `data_dir`."""

    def __init__(self, data_dir: str, graph_name: str, secret: str, log_path: pathlib.Path):
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        env = {k: v for k, v in os.environ.items() if not k.startswith(("FLASK_", "NEO4J_"))}
        env.update(CARNET_DATA_DIR=data_dir, CARNET_GRAPH_NAME=graph_name, CARNET_SECRET_KEY=secret,
                   CARNET_GRAPH_BACKEND="falkordb", PYTHONDONTWRITEBYTECODE="1")
        self.log = open(log_path, "wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{self.port}", "--workers", "1",
             "--threads", "4", "--graceful-timeout", "3", "--no-control-socket", "app:create_app()"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        try:
            self._wait_healthy()
        except BaseException:
            self.stop()
            raise

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server exited with {self.proc.returncode}: {self.tail()}")
            try:
                with urllib.request.urlopen(self.base_url + "/api/health", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"the server did not answer /api/health within {SERVER_START_TIMEOUT}s: {self.tail()}")

    def tail(self, size: int = 3000) -> str:
        self.log.flush()
        return self.log_path.read_bytes()[-size:].decode(errors="replace")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.log.close()


class Guard:
    """Watches one browser context: console errors, uncaught page errors, dialogs (dismissed), and
    requests to any host but the app's own loopback address (aborted). `problems()` lists them."""

    def __init__(self, context, base_url: str):
        self.console: list[str] = []
        self.page_errors: list[str] = []
        self.dialogs: list[str] = []
        self.foreign: list[str] = []
        self._allowed: list[re.Pattern] = []
        # Only addresses off the app's origin are routed (matched inside the driver), so the
        # app's own requests pay nothing for the watch.
        context.route(re.compile(r"^(?!" + re.escape(base_url) + r"/)(https?|wss?):"), self._abort)
        context.on("page", self.watch)
        for page in context.pages:
            self.watch(page)

    def watch(self, page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.page_errors.append(f"{page.url}: {error}"))
        page.on("dialog", self._dialog)

    def _console(self, message) -> None:
        if message.type == "error" and not any(p.search(message.text) for p in self._allowed):
            where = message.location.get("url", "") if message.location else ""
            self.console.append(f"{where}: {message.text}")

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def _abort(self, route) -> None:
        self.foreign.append(route.request.url)
        route.abort("blockedbyclient")

    @contextlib.contextmanager
    def allowing(self, pattern: str):
        """Tolerate console errors matching `pattern` inside the block (an expected 404 page)."""
        compiled = re.compile(pattern)
        self._allowed.append(compiled)
        try:
            yield
        finally:
            self._allowed.remove(compiled)

    def problems(self) -> list[str]:
        return ([f"console error: {m}" for m in self.console] + [f"page error: {m}" for m in self.page_errors]
                + [f"dialog: {m}" for m in self.dialogs] + [f"request off the machine: {m}" for m in self.foreign])

    def take(self) -> list[str]:
        """The problems seen so far, forgetting them."""
        found = self.problems()
        for seen in (self.console, self.page_errors, self.dialogs, self.foreign):
            seen.clear()
        return found

    def check(self, where: str = "") -> None:
        found = self.take()
        assert not found, f"{where}: " + "; ".join(found)


def screenshot(page, name: str) -> pathlib.Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / (re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_")[:150] + ".png")
    page.screenshot(path=str(path), full_page=True)
    return path
