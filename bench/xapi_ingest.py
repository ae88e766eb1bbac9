"""xAPI ingest and query benchmark against a running LRS (see bench/README.md).

    python bench/xapi_ingest.py post --url http://127.0.0.1:8000/xapi/ \
        --key KEY --secret SECRET --batch 50 --clients 8 --seconds 20
    python bench/xapi_ingest.py get --url ... --key ... --secret ... --seconds 20
    python bench/xapi_ingest.py get ... --shape agent    # one query shape only

Statements are realistic (~1 KB: account actor, verb display, activity definition,
result with score and duration, context with registration and parent/grouping).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import http.client
import json
import multiprocessing
import random
import statistics
import time
import uuid
from urllib.parse import urlencode, urlparse

VERBS = ["experienced", "answered", "completed", "passed", "failed"]
LEARNERS = 5_000
ACTIVITIES = 2_000


def learner(n: int) -> dict:
    return {
        "objectType": "Agent",
        "account": {"homePage": "https://bench.example.be/", "name": f"learner-{n}"},
    }


def activity_id(n: int) -> str:
    return f"https://bench.example.be/xapi/activities/lessons/{n}"


def verb_id(name: str) -> str:
    return f"http://adlnet.gov/expapi/verbs/{name}"


def registration(learner_n: int, course: int) -> str:
    """One registration per learner and course, as bench/seed_statements.py makes."""
    digest = hashlib.md5(f"learner-{learner_n}/course-{course}".encode()).hexdigest()
    return str(uuid.UUID(digest))


def statement(rng: random.Random) -> dict:
    verb = rng.choice(VERBS)
    lesson = rng.randrange(ACTIVITIES)
    course = lesson // 20
    learner_n = rng.randrange(LEARNERS)
    return {
        "id": str(uuid.uuid4()),
        "actor": learner(learner_n),
        "verb": {"id": verb_id(verb), "display": {"en-US": verb}},
        "object": {
            "objectType": "Activity",
            "id": activity_id(lesson),
            "definition": {
                "name": {"fr": f"Leçon {lesson} : reconnaître un courriel frauduleux"},
                "description": {"fr": "Repérer les signes d'une arnaque en ligne."},
                "type": "http://adlnet.gov/expapi/activities/lesson",
            },
        },
        "result": {
            "score": {"scaled": round(rng.random(), 3)},
            "success": rng.random() > 0.3,
            "completion": True,
            "duration": f"PT{rng.randrange(30, 900)}S",
        },
        "context": {
            "registration": registration(learner_n, course),
            "contextActivities": {
                "parent": [
                    {"id": f"https://bench.example.be/xapi/activities/modules/{course}"}
                ],
                "grouping": [
                    {"id": f"https://bench.example.be/xapi/activities/courses/{course}"}
                ],
            },
            "language": "fr-BE",
            "platform": "Compétences numériques Wallonie",
        },
        "timestamp": "2026-11-26T10:00:00.000Z",
    }


class Client:
    def __init__(self, url: str, key: str, secret: str):
        parsed = urlparse(url)
        self.path = parsed.path.rstrip("/")
        self.connection = http.client.HTTPConnection(parsed.hostname, parsed.port)
        token = base64.b64encode(f"{key}:{secret}".encode()).decode()
        self.headers = {
            "Authorization": f"Basic {token}",
            "X-Experience-API-Version": "1.0.3",
            "Content-Type": "application/json",
            "X-Forwarded-Proto": "https",  # as the TLS proxy in front would send
        }

    def request(self, method: str, path: str, body: bytes | None = None) -> int:
        return self.fetch(method, self.path + path, body)[0]

    def fetch(self, method: str, path: str, body: bytes | None = None):
        """(status, body) of a request to this absolute path."""
        self.connection.request(method, path, body=body, headers=self.headers)
        response = self.connection.getresponse()
        return response.status, response.read()


def timed_requests(args, next_request) -> tuple[list[float], int, int]:
    """Send requests until time is up: (latencies, errors, items done)."""
    url, key, secret, batch, seconds, seed = args
    rng = random.Random(seed)
    client = Client(url, key, secret)
    latencies, errors, done = [], 0, 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        method, path, body, items = next_request(rng, batch)
        started = time.perf_counter()
        status = client.request(method, path, body)
        latencies.append(time.perf_counter() - started)
        if status == 200:
            done += items
        else:
            errors += 1
    return latencies, errors, done


def post_request(rng: random.Random, batch: int):
    statements = [statement(rng) for _ in range(batch)]
    body = json.dumps(statements if batch > 1 else statements[0]).encode()
    return "POST", "/statements", body, batch


# GET /statements query shapes: each returns statements on a seeded store
# (bench/seed_statements.py), except the first, which rarely matches.
def _agent(rng: random.Random) -> str:
    return json.dumps(learner(rng.randrange(LEARNERS)))


def _recent(rng: random.Random) -> str:
    # Within the newest ~35 days of a store seeded with 1 M statements.
    moment = time.time() - rng.randrange(1, 35 * 24) * 3600
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(moment))


GET_SHAPES = {
    "agent+verb+activity": lambda rng: {
        "agent": _agent(rng),
        "verb": verb_id(rng.choice(VERBS)),
        "activity": activity_id(rng.randrange(ACTIVITIES)),
    },
    "agent": lambda rng: {"agent": _agent(rng)},
    "related_activities course": lambda rng: {
        "activity": course_id(rng.randrange(ACTIVITIES // 20)),
        "related_activities": "true",
    },
    "related_activities lesson": lambda rng: {
        "activity": activity_id(rng.randrange(ACTIVITIES)),
        "related_activities": "true",
    },
    "registration": lambda rng: {
        "registration": registration(
            rng.randrange(LEARNERS), rng.randrange(ACTIVITIES // 20)
        )
    },
    "verb+since": lambda rng: {
        "verb": verb_id(rng.choice(VERBS)),
        "since": _recent(rng),
    },
}
# Second pages of agent queries, through the first page's more link.
MORE_OF = "agent"
GET_LIMIT = 25


def course_id(n: int) -> str:
    return f"https://bench.example.be/xapi/activities/courses/{n}"


def get_worker(args) -> tuple[list[float], int, int, int]:
    """Send one shape's GETs until time is up: (latencies, errors, pages, statements).

    For "more", only the second pages are timed and counted; first pages that
    have no more link are skipped.
    """
    url, key, secret, shape, seconds, seed = args
    rng = random.Random(seed)
    client = Client(url, key, secret)
    latencies, errors, pages, returned = [], 0, 0, 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        params = GET_SHAPES[MORE_OF if shape == "more" else shape](rng)
        path = f"{client.path}/statements?{urlencode({**params, 'limit': GET_LIMIT})}"
        if shape == "more":
            status, body = client.fetch("GET", path)
            path = json.loads(body)["more"] if status == 200 else ""
            if not path:
                continue
        started = time.perf_counter()
        status, body = client.fetch("GET", path)
        latencies.append(time.perf_counter() - started)
        if status == 200:
            pages += 1
            returned += len(json.loads(body)["statements"])
        else:
            errors += 1
    return latencies, errors, pages, returned


def post_worker(args) -> tuple[list[float], int, int]:
    return timed_requests(args, post_request)


def percentiles(results) -> tuple[list[float], float, float]:
    latencies = sorted(x for r in results for x in r[0])
    p50 = statistics.median(latencies) * 1000
    p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000
    return latencies, p50, p99


def report(title: str, results, seconds: float, unit: str) -> None:
    latencies, p50, p99 = percentiles(results)
    errors = sum(r[1] for r in results)
    done = sum(r[2] for r in results)
    print(
        f"{title}: {done / seconds:,.0f} {unit}/s, p50 {p50:.1f} ms, "
        f"p99 {p99:.1f} ms, {len(latencies)} requests, {errors} errors"
    )


def report_get(shape: str, results, seconds: float) -> None:
    latencies, p50, p99 = percentiles(results)
    errors = sum(r[1] for r in results)
    pages = sum(r[2] for r in results)
    returned = sum(r[3] for r in results)
    print(
        f"| {shape} | {len(latencies) / seconds:,.0f} | {p50:.1f} | {p99:.1f} "
        f"| {errors} | {returned / max(pages, 1):.1f} |",
        flush=True,
    )


def run_get(args) -> None:
    shapes = list(GET_SHAPES) + ["more"] if args.shape == "all" else [args.shape]
    print(
        f"GET /statements, limit {GET_LIMIT}, {args.clients} clients, "
        f"{args.seconds:.0f} s per shape"
    )
    print("| shape | requests/s | p50 ms | p99 ms | errors | statements/response |")
    print("| --- | --- | --- | --- | --- | --- |")
    for shape in shapes:
        jobs = [
            (args.url, args.key, args.secret, shape, args.seconds, seed)
            for seed in range(args.clients)
        ]
        with multiprocessing.Pool(args.clients) as pool:
            report_get(shape, pool.map(get_worker, jobs), args.seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["post", "get"])
    parser.add_argument("--url", default="http://127.0.0.1:8000/xapi/")
    parser.add_argument("--key", required=True)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument(
        "--shape",
        default="all",
        choices=["all", *GET_SHAPES, "more"],
        help="GET: one query shape, or each in turn (default)",
    )
    args = parser.parse_args()
    if args.mode == "get":
        run_get(args)
        return
    jobs = [
        (args.url, args.key, args.secret, args.batch, args.seconds, seed)
        for seed in range(args.clients)
    ]
    with multiprocessing.Pool(args.clients) as pool:
        results = pool.map(post_worker, jobs)
    report(
        f"POST batch={args.batch} clients={args.clients}",
        results,
        args.seconds,
        "statements",
    )


if __name__ == "__main__":
    main()
