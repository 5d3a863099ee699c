"""Accessibility and HTML validity helpers for the browser tests.

- ``require_tools()``: axe-core and the W3C Nu checker come from npm (``make node_modules``);
  without them the tests skip with the reason, unless REQUIRE_E2E is set (CI), when they fail.
- ``axe_violations(page)``: runs axe-core (WCAG 2.1 A and AA rules) in the page as it is.
- ``html_errors({name: html})``: runs the Nu checker once on many pages (one Java start).
- ``KeyboardUser``: drives a page with Tab/Shift+Tab/Enter only, checking that every element it
  focuses shows a visible focus indicator. Journeys (recording, review) reuse it:
  ``kb.tab_to(page.get_by_role("button", name="Circulate"))`` then ``kb.press("Enter")``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def require_tools() -> None:
    """Skip (or fail under REQUIRE_E2E) when axe-core, vnu.jar or Java is missing."""
    missing = [str(p.relative_to(ROOT)) for p in (AXE_JS, VNU_JAR) if not p.exists()]
    if not shutil.which("java"):
        missing.append("java (apt-get install default-jre-headless)")
    if not missing:
        return
    reason = f"missing {', '.join(missing)}: run `make node_modules`"
    if os.environ.get("REQUIRE_E2E"):
        pytest.fail(f"REQUIRE_E2E is set but {reason}")
    pytest.skip(reason)


def axe_violations(page) -> list[str]:
    """axe-core's WCAG 2.1 AA violations on the page, one readable line per failing node.

    The script goes in through Playwright's evaluate (the DevTools protocol), which the page's
    Content-Security-Policy does not govern, so the CSP stays on while axe runs. axe preloads
    media only: its style sheet preload copies each @import-ed sheet (the admin's) into an
    inline <style>, which the CSP refuses, and only an experimental rule, never run here, reads
    it.
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    results = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                               resultTypes: ['violations'],
                                               preload: {assets: ['media']}});
            return r.violations.map(v => ({id: v.id, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)}));
        }""",
        WCAG_TAGS,
    )
    return [f"{v['id']} ({v['help']}): {node}" for v in results for node in v["nodes"]]


def html_errors(pages: dict[str, str]) -> dict[str, list[str]]:
    """The Nu checker's errors for each page ({name: html} in, {name: [errors]} out)."""
    with tempfile.TemporaryDirectory(prefix="vnu-") as tmp:
        paths = {}
        for i, (name, html) in enumerate(pages.items()):
            path = Path(tmp) / f"page{i:03d}.html"
            path.write_text(html, encoding="utf-8")
            paths[path.resolve().as_uri()] = name
        result = subprocess.run(  # noqa: S603 - a fixed command on files we wrote
            ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", tmp],  # noqa: S607
            capture_output=True,
            text=True,
            timeout=300,
        )
    report = json.loads(result.stderr or result.stdout or '{"messages": []}')
    errors: dict[str, list[str]] = {name: [] for name in pages}
    for message in report.get("messages", []):
        url = message.get("url", "")
        name = paths.get(url) or next((n for u, n in paths.items() if url.endswith(u[-12:])), url)
        line = message.get("lastLine", "?")
        extract = (message.get("extract") or "").strip().replace("\n", " ")[:120]
        errors.setdefault(name, []).append(f"line {line}: {message.get('message')} [{extract}]")
    return errors


@dataclass
class KeyboardUser:
    """Moves through a page with the keyboard alone and remembers where focus went."""

    page: object
    max_tabs: int = 120
    trail: list[str] = field(default_factory=list)

    def focused(self) -> dict:
        return self.page.evaluate(
            """() => {
                const el = document.activeElement;
                if (!el || el === document.body) return {tag: 'body', label: '', visible: false};
                const s = getComputedStyle(el);
                const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
                const shadow = s.boxShadow && s.boxShadow !== 'none';
                const r = el.getBoundingClientRect();
                return {
                    tag: el.tagName.toLowerCase(),
                    id: el.id,
                    label: (el.getAttribute('aria-label') || el.innerText || el.value
                            || el.name || '').trim().slice(0, 60),
                    indicator: outline || shadow || el.id === 'main',
                    onscreen: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0,
                };
            }"""
        )

    def press(self, key: str, *, navigates: bool = False) -> dict:
        """Press a key; ``navigates=True`` when it follows a link or submits a form."""
        if navigates:
            with self.page.expect_navigation():
                self.page.keyboard.press(key)
        else:
            self.page.keyboard.press(key)
        now = self.focused()
        self.trail.append(f"{key}->{now['tag']}#{now.get('id', '')}:{now['label']}")
        if now["tag"] != "body":
            # WCAG 2.4.7: whatever has focus shows it, on screen.
            assert now["indicator"], f"no visible focus on {now} after {self.trail[-5:]}"
            assert now["onscreen"], f"focused element is off screen: {now}"
        return now

    def tab_to(self, locator, *, backwards: bool = False) -> int:
        """Press Tab until the locator's element has focus; returns how many presses it took."""
        handle = locator.element_handle()
        assert handle is not None, f"{locator} is not on the page"
        for presses in range(1, self.max_tabs + 1):
            self.press("Shift+Tab" if backwards else "Tab")
            if self.page.evaluate("(el) => el === document.activeElement", handle):
                return presses
        raise AssertionError(
            f"{locator} never got focus in {self.max_tabs} Tab presses; focus went: "
            + " | ".join(self.trail[-15:])
        )

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)
