"""Shared fixtures: the repository root, the app server and the headless browser."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """Debian's Chromium (never a browser downloaded by Playwright)."""
    explicit = os.environ.get("PACKCALC_CHROMIUM")
    if explicit and Path(explicit).is_file():
        return explicit
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser_type_launch_args():
    """pytest-playwright launch options: the system Chromium, headless, no network chatter."""
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("CI must run the browser test, but no Chromium was found")
        pytest.skip("no Chromium on this machine (./run.sh test installs it where it can)")
    return {"executable_path": path, "args": CHROMIUM_ARGS, "headless": True}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def app_url():
    """Start ``streamlit run app.py`` on a free loopback port; stop its process group after."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # no proxy for loopback
    for _attempt in range(3):
        port = _free_port()
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(ROOT / "app.py"),
                "--server.headless=true",
                "--server.address=127.0.0.1",
                f"--server.port={port}",
                "--browser.gatherUsageStats=false",
            ],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        healthy = False
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with opener.open(f"{url}/_stcore/health", timeout=1) as response:
                    healthy = response.read().decode() == "ok"
            except OSError:
                pass
            if healthy:
                break
            time.sleep(0.2)
        if healthy:
            try:
                yield url
            finally:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
            return
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    pytest.fail("the Streamlit app did not start (3 attempts)")


# ------------------------------------------------------------------ AppTest helpers
# The page's widgets have keys made of a name, the language, the units and the design
# version (packcalc.ui.session.key); tests find them by name.

APP = str(ROOT / "app.py")
PAGES = ("vest", "explore", "made-where", "compare", "library", "calculator")


def new_app(timeout: float = 60):
    """A fresh session of the page, run once (on the Vest page)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=timeout)
    at.run()
    assert not at.exception, at.exception
    return at


def goto(at, page: str):
    """Open a page of the navigation (its url path) and run."""
    from streamlit.util import calc_hash

    at._page_hash = calc_hash(page)  # AppTest.switch_page only knows file pages
    at.run()
    assert not at.exception, at.exception
    return at


def widget(at, kind: str, name: str):
    """The widget of a kind (``slider``, ``radio``…) whose key starts with ``name.``."""
    found = [w for w in getattr(at, kind) if w.key and w.key.split(".")[0] == name]
    assert found, f"no {kind} named {name!r}: {[w.key for w in getattr(at, kind)]}"
    return found[0]


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def set_language(at, lang: str):
    widget(at, "radio", "lang").set_value(lang).run()
    assert not at.exception, at.exception


def set_units(at, units: str):
    widget(at, "radio", "units").set_value(units).run()
    assert not at.exception, at.exception


@pytest.fixture
def app():
    return new_app()
