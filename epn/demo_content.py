"""Demo spaces (filled in by the EPN directory work)."""


def demo_spaces_load() -> None:
    """A dozen public digital spaces across Walloon communes; idempotent."""
