"""`make run` and CI install exactly requirements.lock: a dependency added to, or a range
moved in, pyproject.toml without `make lock` would be missing or out of range there."""

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def pins():
    text = (ROOT / "requirements.lock").read_text()
    return {canonical(name): version for name, version in re.findall(r"^(\S+)==(\S+)", text, re.M)}


def test_every_declared_dependency_is_pinned_within_its_range_with_hashes():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = [Requirement(text) for text in project["dependencies"]]
    declared += [Requirement(text) for text in project["optional-dependencies"]["dev"]]
    pinned = pins()
    for requirement in declared:
        name = canonical(requirement.name)
        assert name in pinned, f"{requirement.name} is not in requirements.lock: run make lock"
        assert requirement.specifier.contains(pinned[name], prereleases=True), (
            f"requirements.lock pins {requirement.name} {pinned[name]}, "
            f"outside {requirement.specifier}: run make lock"
        )


def test_every_pin_carries_a_hash():
    entries = re.split(r"\n(?=\S+==)", (ROOT / "requirements.lock").read_text())
    for entry in entries[1:]:
        assert "--hash=sha256:" in entry, entry.splitlines()[0]
