"""A person at `quotedb browse`: headless Chromium asks the who-said page for a phrase.

`quotedb browse` runs as its own process on a free loopback port, over a database of the
bundled samples; Chromium (Debian's `chromium`, driven through its `chromedriver`, which
`.ci/run` installs when they are missing) types a phrase into the canned query's form,
submits it, finds the speaker in the answer, follows the quote's link to its article, and
leaves screenshots in a temporary folder.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from quotedb.ingest.pipeline import ingest
from quotedb.resources import seeds_dir

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
if not (CHROMIUM and CHROMEDRIVER):
    pytest.skip(
        "no headless Chromium here: install Debian's chromium and chromium-driver packages "
        "(.ci/run installs them when it can)",
        allow_module_level=True,
    )
pytest.importorskip("datasette", reason="the web extra (pip install 'quotedb[web]') is missing")
webdriver = pytest.importorskip("selenium.webdriver")

from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

WAIT_SECONDS = 30


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    """The address of `quotedb browse` serving the samples, on a port the system chose."""
    db = tmp_path / "arsip.sqlite"
    assert ingest([str(seeds_dir() / "articles")], str(db), workers=1).new >= 5
    server = subprocess.Popen(
        [sys.executable, "-m", "quotedb", "browse", "--db", str(db), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield _announced_url(server)
    finally:
        server.send_signal(signal.SIGINT)  # as Ctrl-C: uvicorn shuts down cleanly
        try:
            server.wait(timeout=WAIT_SECONDS)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _announced_url(server: subprocess.Popen[str]) -> str:
    """The address `quotedb browse` prints once its port is open."""
    assert server.stdout is not None
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.append(server.stdout.readline()))  # type: ignore[union-attr]
    reader.start()
    reader.join(WAIT_SECONDS)
    found = re.search(r"at (http://127\.0\.0\.1:\d+/quotedb) ", lines[0] if lines else "")
    if found is None:
        server.kill()
        _, errors = server.communicate()
        pytest.fail(f"quotedb browse did not start: {lines!r} {errors}")
    return found.group(1)


@pytest.fixture
def browser() -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--disable-gpu", "--window-size=1280,1000"):
        options.add_argument(argument)
    if os.geteuid() == 0:  # CI runs as root, where Chromium's sandbox cannot start
        options.add_argument("--no-sandbox")
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def test_who_said_page_finds_the_speaker_of_a_phrase(
    site: str, browser: webdriver.Chrome, tmp_path: Path
) -> None:
    shots = tmp_path / "screenshots"
    shots.mkdir()
    wait = WebDriverWait(browser, WAIT_SECONDS)

    browser.get(f"{site}/who_said")
    phrase = browser.find_element(By.NAME, "phrase")
    phrase.clear()
    phrase.send_keys("Perahu Karet")
    phrase.submit()
    wait.until(lambda driver: "phrase=Perahu+Karet" in driver.current_url)
    [row] = browser.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")
    speaker = row.find_element(By.CSS_SELECTOR, "td.col-speaker").text
    quote = row.find_element(By.CSS_SELECTOR, "td.col-quote").text
    browser.save_screenshot(str(shots / "who-said.png"))

    assert speaker == "Teguh Prasetyo"
    assert "perahu karet" in quote

    row.find_element(By.CSS_SELECTOR, "td.col-title a").click()
    wait.until(lambda driver: "/quotedb/sources/" in driver.current_url)
    browser.save_screenshot(str(shots / "article.png"))

    assert quote in browser.find_element(By.TAG_NAME, "body").text
    for shot in ("who-said.png", "article.png"):
        assert (shots / shot).read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
