"""Print a load run's figures per page (run.sh's phases), against the floor.

    python bench/load/report.py bench/load/out/<run>

First each page alone (its phase ``page-<name>``): requests per second, p50 and
p99 in ms, errors, and its share of the floor, the requests per second of
GET /health/ alone (phase ``page-floor``) on the same server and machine in the
same run. Then the campaign's mix (phase ``campaign``), page by page.
"""

import csv
import sys
from pathlib import Path

ORDER = ["floor", "home", "course", "agenda", "session", "dashboard", "lesson"]
ORDER += ["answer", "sign-in form", "sign-in", "Aggregated"]
HEADER = (
    f"{'page':<14}{'requests':>9}{'req/s':>9}{'p50 ms':>8}{'p99 ms':>8}"
    f"{'errors':>8}{'of floor':>10}"
)


def _rows(path: Path) -> dict[str, dict]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as file:
        return {row["Name"]: row for row in csv.DictReader(file)}


def _line(name: str, row: dict, floor: float | None) -> str:
    rate = float(row["Requests/s"])
    share = f"{100 * rate / floor:.1f} %" if floor else "-"
    return (
        f"{name:<14}{row['Request Count']:>9}{rate:>9.1f}{row['50%']:>8}"
        f"{row['99%']:>8}{row['Failure Count']:>8}{share:>10}"
    )


def report(run: Path) -> str:
    floor_row = _rows(run / "page-floor_stats.csv").get("floor")
    floor = float(floor_row["Requests/s"]) if floor_row else None
    lines = ["Each page alone:", HEADER]
    for name in ORDER:
        row = _rows(run / f"page-{name}_stats.csv").get(name)
        if row:
            lines.append(_line(name, row, floor))
    campaign = _rows(run / "campaign_stats.csv")
    if campaign:
        lines += ["", "The campaign's mix (share: of the floor alone):", HEADER]
        names = [name for name in ORDER if name in campaign]
        names += sorted(set(campaign) - set(ORDER))
        lines += [
            _line(name, campaign[name], floor)
            for name in names
            if campaign[name]["Request Count"] != "0"
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(Path(sys.argv[1])))
