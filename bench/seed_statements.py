"""Seed the LRS's PostgreSQL database with N realistic statements, fast (SQL only).

    DATABASE_URL=postgres://... python bench/seed_statements.py 1000000

Run it once on a database: relation rows are written for every seeded statement.
Same shape and distribution as bench/xapi_ingest.py (5,000 learners, 2,000
lessons, 5 verbs), so its GET queries hit real rows. For benchmarks only.
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

SEED_SQL = """
INSERT INTO xapi_statement (id, data, actor_key, verb_id, activity_id, registration,
                            authority_key, timestamp, stored, voided, ref_id)
SELECT s.id,
       jsonb_set(jsonb_set(jsonb_set(jsonb_set(%(template)s::jsonb,
           '{id}', to_jsonb(s.id::text)),
           '{actor,account,name}', to_jsonb('learner-' || s.learner)),
           '{verb}', jsonb_build_object('id', s.verb, 'display',
                                        jsonb_build_object('en-US', s.verb_name))),
           '{object,id}', to_jsonb(s.activity)),
       'account|https://bench.example.be/|learner-' || s.learner,
       s.verb, s.activity, gen_random_uuid(),
       'account|https://bench.example.be/|seed',
       s.stored, s.stored, false, NULL
FROM (
    SELECT gen_random_uuid() AS id,
           (random() * 4999)::int AS learner,
           'http://adlnet.gov/expapi/verbs/' || v.name AS verb, v.name AS verb_name,
           'https://bench.example.be/xapi/activities/lessons/'
               || (random() * 1999)::int AS activity,
           now() - (i || ' milliseconds')::interval AS stored
    FROM generate_series(1, %(count)s) AS i,
         LATERAL (SELECT (ARRAY['experienced','answered','completed','passed',
                                'failed'])[1 + (random() * 4)::int + 0 * i] AS name) v
) s
"""


# The relation rows that xapi.relations writes for such a statement (the agent
# filters read them): actor and authority; object, parent and grouping.
RELATIONS_SQL = """
INSERT INTO xapi_statementagent (statement_id, agent_key, relation, member)
SELECT id, actor_key, 'actor', false FROM xapi_statement WHERE authority_key = %(seed)s
UNION ALL
SELECT id, authority_key, 'authority', false FROM xapi_statement
WHERE authority_key = %(seed)s;
INSERT INTO xapi_statementactivity (statement_id, activity_id, relation)
SELECT id, activity_id, 'object' FROM xapi_statement WHERE authority_key = %(seed)s
UNION ALL
SELECT id, data #>> '{context,contextActivities,parent,0,id}', 'parent'
FROM xapi_statement WHERE authority_key = %(seed)s
UNION ALL
SELECT id, data #>> '{context,contextActivities,grouping,0,id}', 'grouping'
FROM xapi_statement WHERE authority_key = %(seed)s;
"""
SEED_AUTHORITY = "account|https://bench.example.be/|seed"


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    template = json.dumps(statement(random.Random(0)))
    started = time.monotonic()
    with connection.cursor() as cursor:
        for _ in range(0, count, 100_000):
            cursor.execute(
                SEED_SQL, {"template": template, "count": min(100_000, count)}
            )
        for sql in RELATIONS_SQL.split(";")[:2]:
            cursor.execute(sql, {"seed": SEED_AUTHORITY})
        for table in ("statement", "statementagent", "statementactivity"):
            cursor.execute(f"ANALYZE xapi_{table}")
        cursor.execute("SELECT count(*) FROM xapi_statement")
        total = cursor.fetchone()[0]
    print(f"seeded {count} in {time.monotonic() - started:.0f} s; {total} statements")


if __name__ == "__main__":
    main()
