"""axe-core in the page under test, from the npm package (`make test-e2e` installs it).

No CDN at test time: the script is read from node_modules and injected by Playwright.
"""

from pathlib import Path

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("critical", "serious")


def violations(tab, impacts=SERIOUS):
    """axe's violations of the given impacts on the page as it is now, readable in a diff."""
    if not tab.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the browser's debugging protocol, which the page's
        # Content-Security-Policy does not govern; a <script> tag would be refused.
        tab.evaluate(AXE.read_text(encoding="utf-8"))
    found = tab.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
            }));
        }"""
    )
    return [v for v in found if v["impact"] in impacts]
