"""xAPI ingest and query benchmark against a running LRS (see bench/README.md).

    python bench/xapi_ingest.py post --url http://127.0.0.1:8000/xapi/ \
        --key KEY --secret SECRET --batch 50 --clients 8 --seconds 20
    python bench/xapi_ingest.py get --url ... --key ... --secret ... --seconds 20

Statements are realistic (~1 KB: account actor, verb display, activity definition,
result with score and duration, context with registration and parent/grouping).
"""

from __future__ import annotations

import argparse
import base64
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


def statement(rng: random.Random) -> dict:
    verb = rng.choice(VERBS)
    lesson = rng.randrange(ACTIVITIES)
    course = lesson // 20
    return {
        "id": str(uuid.uuid4()),
        "actor": learner(rng.randrange(LEARNERS)),
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
            "registration": str(uuid.uuid4()),
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
        self.connection.request(
            method, self.path + path, body=body, headers=self.headers
        )
        response = self.connection.getresponse()
        response.read()
        return response.status


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


def get_request(rng: random.Random, _batch: int):
    query = urlencode(
        {
            "agent": json.dumps(learner(rng.randrange(LEARNERS))),
            "verb": verb_id(rng.choice(VERBS)),
            "activity": activity_id(rng.randrange(ACTIVITIES)),
            "limit": 25,
        }
    )
    return "GET", f"/statements?{query}", None, 1


def post_worker(args) -> tuple[list[float], int, int]:
    return timed_requests(args, post_request)


def get_worker(args) -> tuple[list[float], int, int]:
    return timed_requests(args, get_request)


def report(title: str, results, seconds: float, unit: str) -> None:
    latencies = sorted(x for r in results for x in r[0])
    errors = sum(r[1] for r in results)
    done = sum(r[2] for r in results)
    p50 = statistics.median(latencies) * 1000
    p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000
    print(
        f"{title}: {done / seconds:,.0f} {unit}/s, p50 {p50:.1f} ms, "
        f"p99 {p99:.1f} ms, {len(latencies)} requests, {errors} errors"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["post", "get"])
    parser.add_argument("--url", default="http://127.0.0.1:8000/xapi/")
    parser.add_argument("--key", required=True)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    worker = post_worker if args.mode == "post" else get_worker
    jobs = [
        (args.url, args.key, args.secret, args.batch, args.seconds, seed)
        for seed in range(args.clients)
    ]
    with multiprocessing.Pool(args.clients) as pool:
        results = pool.map(worker, jobs)
    if args.mode == "post":
        title = f"POST batch={args.batch} clients={args.clients}"
        report(title, results, args.seconds, "statements")
    else:
        report(
            f"GET agent+verb+activity clients={args.clients}",
            results,
            args.seconds,
            "requests",
        )


if __name__ == "__main__":
    main()
