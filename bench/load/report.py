"""Print locust's per-page figures as a table, each page against the floor.

    python bench/load/report.py out/stats_stats.csv

"share of floor" is the floor's mean response time over the page's: the share
of the floor's requests per second a server doing only that page would reach
(the floor is GET /health/, measured in the same run, on the same loaded
machine). Sign-in rows (once per learner) are left out of the table's body.
"""

import csv
import sys

PAGES = ["floor", "home", "course", "agenda", "session", "dashboard", "lesson"]
PAGES += ["answer", "sign-in form", "sign-in"]


def report(path: str) -> str:
    with open(path, encoding="utf-8") as file:
        rows = {row["Name"]: row for row in csv.DictReader(file)}
    floor = rows.get("floor")
    floor_mean = float(floor["Average Response Time"]) if floor else None
    lines = [
        f"{'page':<14}{'requests':>9}{'req/s':>9}{'p50 ms':>8}{'p99 ms':>8}"
        f"{'errors':>8}{'share of floor':>16}",
    ]
    names = [name for name in PAGES if name in rows]
    names += [name for name in rows if name not in PAGES and name != "Aggregated"]
    for name in [*names, "Aggregated"]:
        row = rows.get(name)
        if row is None:
            continue
        mean = float(row["Average Response Time"])
        share = f"{100 * floor_mean / mean:.1f} %" if floor_mean and mean else "-"
        if name in ("Aggregated", "floor"):
            share = "" if name == "Aggregated" else "100 %"
        lines.append(
            f"{name:<14}{row['Request Count']:>9}{float(row['Requests/s']):>9.1f}"
            f"{row['50%']:>8}{row['99%']:>8}{row['Failure Count']:>8}{share:>16}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(sys.argv[1]))
