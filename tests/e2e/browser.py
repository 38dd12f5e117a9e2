"""A headless Debian chromium driven by Selenium through the system chromedriver (nothing is
downloaded: the driver and the browser are given by path), wrapped so an async test can keep
its peer answering the bot while the browser waits for a page."""

import asyncio
import os
import re
import shutil
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from tests.peer import Peer

ROOT = Path(__file__).parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "console"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def skip_without_browser() -> None:
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not os.access(p, os.X_OK)]
    if missing:
        pytest.skip(
            "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver"
            f" fonts-noto-cjk; .ci/run installs them): missing {', '.join(missing)}"
        )
    try:
        import selenium  # noqa: F401
    except ImportError:
        pytest.skip("needs the selenium package (the dev extra)")


class Browser:
    def __init__(self, base: str, *, width: int = 1280, height: int = 900) -> None:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must never fetch anything
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=zh-TW"):
            options.add_argument(arg)
        options.add_argument(f"--window-size={width},{height}")
        self.driver = webdriver.Chrome(
            service=Service(executable_path=CHROMEDRIVER), options=options
        )
        self.driver.set_page_load_timeout(30)
        self.base = base

    async def open(self, path: str) -> None:
        await asyncio.to_thread(self.driver.get, self.base + path)

    async def fill(self, css: str, value: str) -> None:
        from selenium.webdriver.common.by import By

        def typing() -> None:
            field = self.driver.find_element(By.CSS_SELECTOR, css)
            field.clear()
            field.send_keys(value)

        await asyncio.to_thread(typing)

    async def click(self, css: str) -> None:
        """Click and wait for the page the click leads to."""
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.wait import WebDriverWait

        def clicking() -> None:
            for attempt in range(3):  # the page may still be settling from the last navigation
                try:
                    old = self.driver.find_element(By.TAG_NAME, "html")
                    self.driver.find_element(By.CSS_SELECTOR, css).click()
                    break
                except WebDriverException as exc:
                    if attempt == 2 or ("document" not in str(exc) and "stale" not in str(exc)):
                        raise
            WebDriverWait(self.driver, 20).until(lambda _driver: _gone(old))

        await asyncio.to_thread(clicking)

    async def click_box(self, css: str) -> None:
        """Click something that leads nowhere (a checkbox)."""
        from selenium.webdriver.common.by import By

        await asyncio.to_thread(lambda: self.driver.find_element(By.CSS_SELECTOR, css).click())

    def text(self, css: str = "body") -> str:
        from selenium.webdriver.common.by import By

        return str(self.driver.find_element(By.CSS_SELECTOR, css).text)

    def has(self, css: str) -> bool:
        from selenium.webdriver.common.by import By

        return bool(self.driver.find_elements(By.CSS_SELECTOR, css))

    @property
    def path(self) -> str:
        return str(self.driver.current_url).removeprefix(self.base)

    def cookie_header(self) -> str:
        return "; ".join(f"{c['name']}={c['value']}" for c in self.driver.get_cookies())

    def shot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.driver.save_screenshot(str(path))
        return path

    def close(self) -> None:
        self.driver.quit()


async def code_for(peer: "Peer", account: int, seen: int, within: float = 10) -> str:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        for text in peer.delivered_to(account)[seen:]:
            if found := re.search(r"驗證碼 (\d{6})", text):
                return found.group(1)
        await asyncio.sleep(0.05)
    raise TimeoutError(f"no code reached {account}: {peer.delivered_to(account)}")


async def log_in(browser: "Browser", peer: "Peer", account: int, shots: str = "") -> None:
    """Log in through the real code flow: the code is read from the peer's private message."""
    seen = len(peer.delivered_to(account))
    await browser.open("/console")
    assert browser.path == "/console/login"
    if shots:
        browser.shot(f"{shots}-login")
    await browser.fill("#account", str(account))
    await browser.click("#login button")
    assert browser.path == "/console/login/code"
    if shots:
        browser.shot(f"{shots}-code")
    code = await code_for(peer, account, seen)
    await browser.fill("#code-input", code)
    await browser.click("#code button")
    assert browser.path == "/console/registry", browser.text()


def _gone(element: Any) -> bool:
    """The page an element was on has been left. Chromium answers a query about an element of a
    page it left either as stale (selenium's StaleElementReferenceException) or, while the next
    page is being built, with "Node with given id does not belong to the document"; both mean
    gone (selenium's own staleness_of takes only the first, and fails on the second)."""
    from selenium.common.exceptions import WebDriverException

    try:
        element.is_enabled()
    except WebDriverException as exc:
        if "stale" in str(exc).lower() or "document" in str(exc):
            return True
        raise
    return False
