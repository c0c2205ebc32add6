"""Developer tools run by make targets (make outdated)."""
