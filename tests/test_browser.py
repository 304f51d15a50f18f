"""The query page in a real browser: headless Chromium driven through ChromeDriver by the W3C
WebDriver HTTP protocol (plain urllib, no selenium). ``conflictkg serve`` runs as a command on a
store holding the seed article; the test picks a stored query on the page, runs it and reads the
result table.

Skips, saying why, when chromium or chromium-driver is not installed
(tools/install-test-services.sh installs them).
"""

from __future__ import annotations

import base64
import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from conflictkg import api

from .conftest import DEMO_ARTICLE
from .servers import CHROMIUM, READY_ATTEMPTS, Driver, Served, start_serve, stop
from .servers import chromedriver_fixture as chromedriver_fixture  # the fixture 'chromedriver'

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"  # the W3C WebDriver element key
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1400,1000",
]


class WebDriverError(AssertionError):
    pass


class Browser:
    """A WebDriver session: just the commands this test needs."""

    def __init__(self, driver_url: str, profile: Path):
        self.base = driver_url
        capabilities = {
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "chrome",
                    "goog:chromeOptions": {"binary": CHROMIUM, "args": [*CHROMIUM_ARGS, f"--user-data-dir={profile}"]},
                }
            }
        }
        self.session = self._call("POST", "/session", capabilities)["sessionId"]

    def _call(self, method: str, path: str, payload: dict[str, Any] | None = None) -> Any:
        data = json.dumps(payload).encode() if payload is not None else None
        request = urllib.request.Request(
            self.base + path, data=data, method=method, headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=120) as r:
                return json.load(r)["value"]
        except urllib.error.HTTPError as e:
            detail = json.loads(e.read() or b"{}").get("value", {})
            raise WebDriverError(f"{method} {path}: {detail.get('error')}: {detail.get('message', '')[:300]}") from None

    def command(self, method: str, path: str, payload: dict[str, Any] | None = None) -> Any:
        return self._call(method, f"/session/{self.session}{path}", payload)

    def get(self, url: str) -> None:
        self.command("POST", "/url", {"url": url})

    def find_all(self, css: str) -> list[str]:
        found = self.command("POST", "/elements", {"using": "css selector", "value": css})
        return [e[ELEMENT] for e in found]

    def find_all_in(self, element: str, css: str) -> list[str]:
        found = self.command("POST", f"/element/{element}/elements", {"using": "css selector", "value": css})
        return [e[ELEMENT] for e in found]

    def find(self, css: str) -> str:
        found = self.find_all(css)
        if not found:
            raise WebDriverError(f"no element matches {css!r}")
        return found[0]

    def click(self, element: str) -> None:
        self.command("POST", f"/element/{element}/click", {})

    def text(self, element: str) -> str:
        value: str = self.command("GET", f"/element/{element}/text")
        return value

    def prop(self, element: str, name: str) -> Any:
        return self.command("GET", f"/element/{element}/property/{name}")

    def attribute(self, element: str, name: str) -> str | None:
        value: str | None = self.command("GET", f"/element/{element}/attribute/{name}")
        return value

    def screenshot(self, path: Path) -> None:
        path.write_bytes(base64.b64decode(self.command("GET", "/screenshot")))

    def wait_for(self, what: str, condition: Callable[[], bool]) -> None:
        """Poll ``condition`` a bounded number of times (a bound on waiting, not a timing check)."""
        for _ in range(READY_ATTEMPTS):
            if condition():
                return
            time.sleep(0.1)
        raise WebDriverError(f"the page never showed {what}")

    def quit(self) -> None:
        try:
            self.command("DELETE", "")
        except (WebDriverError, OSError):
            pass


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    workdir = tmp_path_factory.mktemp("serve")
    with api.open_store(workdir / "store") as store:
        api.load(store, [DEMO_ARTICLE])
    running = start_serve(workdir / "store", workdir)
    try:
        yield running
    finally:
        stop(running.process)


@pytest.fixture
def browser(chromedriver: Driver, tmp_path: Path) -> Iterator[Browser]:
    session = Browser(chromedriver.url, tmp_path / "profile")
    try:
        yield session
    finally:
        session.quit()


def _rows(browser: Browser) -> list[dict[str, str]]:
    headers = [browser.text(th) for th in browser.find_all("#results thead th")]
    rows = []
    for tr in browser.find_all("#results tbody tr"):
        cells = [browser.text(td) for td in browser.find_all_in(tr, "td")]
        rows.append(dict(zip(headers, cells, strict=True)))
    return rows


def test_pick_a_stored_query_run_it_and_read_the_table(browser: Browser, served: Served, tmp_path: Path) -> None:
    browser.get(served.url)
    body = browser.find("body")
    browser.wait_for("the stored queries", lambda: browser.attribute(body, "data-ready") == "true")
    options = {browser.prop(o, "value"): browser.text(o) for o in browser.find_all("#examples option")}
    stored = {q.name: q for q in api.queries()}
    assert set(stored) <= set(options)
    assert options["attacks"] == f"attacks — {stored['attacks'].summary}"

    browser.click(browser.find('#examples option[value="attacks"]'))
    editor = browser.find("#query")
    browser.wait_for("the query text in the editor", lambda: "ckg:Attack" in browser.prop(editor, "value"))
    assert browser.text(browser.find("#summary")) == stored["attacks"].summary

    browser.click(browser.find("#run"))
    table = browser.find("#results")
    browser.wait_for("a result table", lambda: browser.attribute(table, "data-rows") is not None)
    browser.screenshot(tmp_path / "attacks.png")
    rows = _rows(browser)
    status = browser.text(browser.find("#status"))
    assert status.startswith(f"{len(rows)} row"), status
    assert any(row["placeLabel"] == "Kazan @en" for row in rows), rows  # the label, then its language
    assert all(row["event"].startswith("https://w3id.org/conflictkg/id/") for row in rows)

    # a parameterised query: the example is bound in the editor (VALUES), and it runs as shown
    browser.click(browser.find('#examples option[value="events-in"]'))
    browser.wait_for("the events-in query", lambda: "Tatarstan" in browser.prop(editor, "value"))
    browser.click(browser.find("#run"))
    browser.wait_for("a new result table", lambda: bool(browser.find_all("#results tbody tr")))
    assert any("Kazan" in row.get("placeLabel", "") for row in _rows(browser))


def test_errors_are_shown_on_the_page(browser: Browser, served: Served) -> None:
    browser.get(served.url)
    body = browser.find("body")
    browser.wait_for("the page", lambda: browser.attribute(body, "data-ready") == "true")
    editor = browser.find("#query")
    browser.command("POST", f"/element/{editor}/clear", {})
    browser.command("POST", f"/element/{editor}/value", {"text": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"})
    browser.click(browser.find("#run"))
    status = browser.find("#status")
    browser.wait_for("an error message", lambda: "HTTP 403" in browser.text(status))
    assert "read-only" in browser.text(status)


def test_entity_page_in_the_browser(browser: Browser, served: Served) -> None:
    browser.get(served.url + "id/kazan")
    assert browser.text(browser.find("h1")) == "Kazan"
    links = {browser.text(a): browser.prop(a, "href") for a in browser.find_all("table.describe a")}
    assert links.get("Republic of Tatarstan") == served.url + "id/tatarstan"
