"""Seed the LRS's PostgreSQL database with N realistic statements, fast (SQL only).

    DATABASE_URL=postgres://... python bench/seed_statements.py 1000000

Same shape and distribution as bench/xapi_ingest.py (5,000 learners, 2,000
lessons in 100 courses, 5 verbs, one registration per learner and course), so
its GET queries hit real rows. Each run adds statements older than those
already stored, one every 3 seconds (10 M is about a year), with their relation
rows: it can be run again to grow a store. For benchmarks only.
"""

import json
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from xapi_ingest import statement  # noqa: E402

CHUNK = 100_000
SPACING_SECONDS = 3

# One chunk: the statements (their JSON agreeing with their columns) and the
# relation rows that xapi.relations writes for them (actor and authority;
# object, parent and grouping), in one statement.
SEED_SQL = """
WITH s AS (
    SELECT gen_random_uuid() AS id, learner, verb_name,
           'http://adlnet.gov/expapi/verbs/' || verb_name AS verb,
           %(activities)s || 'lessons/' || lesson AS activity,
           %(activities)s || 'modules/' || lesson / 20 AS parent,
           %(activities)s || 'courses/' || lesson / 20 AS grouping,
           md5('learner-' || learner || '/course-' || lesson / 20)::uuid
               AS registration,
           %(start)s::timestamptz - ((%(offset)s + i) * %(spacing)s
                                     || ' seconds')::interval AS stored
    FROM generate_series(1, %(count)s) AS i,
         LATERAL (SELECT (random() * 4999)::int + 0 * i AS learner,
                         (random() * 1999)::int AS lesson,
                         (ARRAY['experienced','answered','completed','passed',
                                'failed'])[1 + (random() * 4)::int] AS verb_name) r
),
stored AS (
    INSERT INTO xapi_statement (id, data, actor_key, verb_id, activity_id,
                                registration, authority_key, timestamp, stored,
                                voided, ref_id)
    SELECT id,
           jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set(
               %(template)s::jsonb,
               '{id}', to_jsonb(id::text)),
               '{actor,account,name}', to_jsonb('learner-' || learner)),
               '{verb}', jsonb_build_object('id', verb, 'display',
                                            jsonb_build_object('en-US', verb_name))),
               '{object,id}', to_jsonb(activity)),
               '{context,registration}', to_jsonb(registration::text)),
               '{context,contextActivities,parent,0,id}', to_jsonb(parent)),
               '{context,contextActivities,grouping,0,id}', to_jsonb(grouping)),
           'account|https://bench.example.be/|learner-' || learner,
           verb, activity, registration, %(seed)s, stored, stored, false, NULL
    FROM s
    RETURNING id, actor_key, authority_key, activity_id, data, stored
),
agents AS (
    INSERT INTO xapi_statementagent (statement_id, agent_key, relation, member,
                                     stored)
    SELECT id, actor_key, 'actor', false, stored FROM stored
    UNION ALL
    SELECT id, authority_key, 'authority', false, stored FROM stored
)
INSERT INTO xapi_statementactivity (statement_id, activity_id, relation, stored)
SELECT id, activity_id, 'object', stored FROM stored
UNION ALL
SELECT id, data #>> '{context,contextActivities,parent,0,id}', 'parent', stored
FROM stored
UNION ALL
SELECT id, data #>> '{context,contextActivities,grouping,0,id}', 'grouping', stored
FROM stored
"""
SEED_AUTHORITY = "account|https://bench.example.be/|seed"


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    template = json.dumps(statement(random.Random(0)))
    started = time.monotonic()
    with connection.cursor() as cursor:
        # Older than every statement there: a store grows backwards in time.
        cursor.execute("SELECT least(now(), min(stored)) FROM xapi_statement")
        start = cursor.fetchone()[0]
        for offset in range(0, count, CHUNK):
            params = {
                "template": template,
                "count": min(CHUNK, count - offset),
                "offset": offset,
                "start": start,
                "spacing": SPACING_SECONDS,
                "seed": SEED_AUTHORITY,
                "activities": "https://bench.example.be/xapi/activities/",
            }
            cursor.execute(SEED_SQL, params)
            print(f"{offset + params['count']} in {time.monotonic() - started:.0f} s")
        for table in ("statement", "statementagent", "statementactivity"):
            cursor.execute(f"ANALYZE xapi_{table}")
        cursor.execute("SELECT count(*) FROM xapi_statement")
        total = cursor.fetchone()[0]
    print(f"seeded {count} in {time.monotonic() - started:.0f} s; {total} statements")


if __name__ == "__main__":
    main()
