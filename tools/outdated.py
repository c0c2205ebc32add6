"""`make outdated`: the project's own dependencies that are behind their latest release.

Asks pip (`pip list --outdated`, through the package index pip is configured with) and keeps
only what pyproject.toml names, runtime and dev, leaving out what those pull in. For each it
prints the installed version, the latest, and the range pyproject.toml allows, marking where
the latest lies outside it: widening that cap is a decision, taken where the tests pass.
Exit status 0 either way: being behind is information, not a failure.
"""

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def declared():
    """{canonical name: (group, requirement text)} from pyproject.toml."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    groups = {"runtime": project["dependencies"], **project.get("optional-dependencies", {})}
    found = {}
    for group, requirements in groups.items():
        for requirement in requirements:
            name = re.match(r"[A-Za-z0-9_.-]+", requirement).group(0)
            found[canonical(name)] = (group, requirement)
    return found


def allows(requirement, version):
    """Whether the requirement's range admits the version."""
    return Requirement(requirement).specifier.contains(version, prereleases=True)


def main():
    wanted = declared()
    listing = subprocess.run(
        [sys.executable, "-m", "pip", "list", "--outdated", "--format=json"],
        capture_output=True,
        text=True,
        check=True,
    )
    behind = [row for row in json.loads(listing.stdout) if canonical(row["name"]) in wanted]
    if not behind:
        print("Every dependency named in pyproject.toml is at its latest release.")
        return 0
    rows = [("package", "group", "installed", "latest", "pyproject.toml", "")]
    for row in sorted(behind, key=lambda row: canonical(row["name"])):
        group, requirement = wanted[canonical(row["name"])]
        note = "" if allows(requirement, row["latest_version"]) else "latest outside the range"
        rows.append((row["name"], group, row["version"], row["latest_version"], requirement, note))
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    for row in rows:
        cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        print("  ".join(cells).rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
