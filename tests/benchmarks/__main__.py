"""`make bench`: runs each benchmark module in this package and prints its report."""

import importlib
import os
import pkgutil
import sys

import django


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    django.setup()
    package = importlib.import_module("tests.benchmarks")
    names = [m.name for m in pkgutil.iter_modules(package.__path__) if m.name.startswith("bench_")]
    if not names:
        print("no benchmarks")
    for name in sorted(names):
        module = importlib.import_module(f"tests.benchmarks.{name}")
        print(f"== {name}")
        module.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
