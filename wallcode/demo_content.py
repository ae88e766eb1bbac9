"""Demo Wallcode partners (filled in by the Wallcode work)."""


def demo_partners_load() -> None:
    """Wallcode partner organisations with members and activities; idempotent."""
