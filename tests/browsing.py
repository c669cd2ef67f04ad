"""What the browser tests share: Debian's chromium, its launch options, pages that reach only the test server.

No pytest here, like served.py: the test modules make their own fixtures from these.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
TIMEOUT_MS = 10_000
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "browser"


def local_only(route) -> None:
    """No network except the test server on 127.0.0.1."""
    if urlparse(route.request.url).hostname == "127.0.0.1":
        route.continue_()
    else:
        route.abort()


def new_page(browser, base_url: str, contexts: list, **options):
    """A page in a fresh Vietnamese context that records console errors (`page.console_errors`)."""
    context = browser.new_context(locale="vi-VN", base_url=base_url, **options)
    context.set_default_timeout(TIMEOUT_MS)
    context.route("**/*", local_only)
    contexts.append(context)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    return page
