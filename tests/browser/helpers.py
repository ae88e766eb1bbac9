"""Browser-test helpers: chromium flags, axe-core, page weight."""

import os
from pathlib import Path

import axe_playwright_python

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# axe-core as bundled by axe-playwright-python (works offline).
AXE_JS = Path(axe_playwright_python.__file__).parent / "axe.min.js"
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[dict]:
    """Run axe-core in the page; return its WCAG 2.1 A/AA violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    return page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                      resultTypes: ['violations']})
                  .then(r => r.violations)""",
        WCAG_AA_TAGS,
    )


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} [{violation['impact']}] {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {', '.join(map(str, node['target']))}")
    return "\n".join(lines)


def page_weight(page, url: str) -> tuple[int, list[tuple[str, str, int]]]:
    """Load `url`; return uncompressed bytes of HTML, CSS and JS, media excluded."""
    rows: list[tuple[str, str, int]] = []

    def record(response):
        kind = response.request.resource_type
        if kind in ("document", "stylesheet", "script"):
            rows.append((kind, response.url, len(response.body())))

    page.on("response", record)
    page.goto(url, wait_until="networkidle")
    page.remove_listener("response", record)
    return sum(size for _, _, size in rows), rows
