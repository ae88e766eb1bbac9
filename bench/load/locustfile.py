"""A campaign's load on the platform's pages, for locust (headless): run.sh runs it.

    locust -f bench/load/locustfile.py --headless -u 32 -r 32 -t 60s \
           --host http://127.0.0.1:8000 --csv out/stats

Three kinds of people, in proportions set by BENCH_WEIGHTS (default
"anonymous=6,learner=3,floor=1"):
- AnonymousVisitor: home (the catalogue) -> a course -> the agenda -> a workshop;
- Learner: signs in once through allauth's form, then dashboard -> a lesson of a
  course they follow -> answers its first question (the lesson's own form) ->
  the next lesson;
- Floor: GET /health/, the trivial view: what the server stack costs alone.

Paths come from the manifest that `manage.py bench_catalogue --manifest` writes
(BENCH_MANIFEST, default bench/load/manifest.json). Requests are named by page
type (home, course, agenda, session, dashboard, lesson, answer, floor) so that
locust's figures are per page. Each simulated person comes from an address of
its own in X-Forwarded-For, as through the TLS proxy (run the server with
TRUSTED_PROXY_COUNT=1), and every request says X-Forwarded-Proto: https, as the
proxy does. BENCH_WAIT (seconds, default 0) is a pause between two pages.
"""

import itertools
import json
import os
import random
import re
from pathlib import Path

from locust import FastHttpUser, constant, task

MANIFEST_PATH = Path(
    os.environ.get("BENCH_MANIFEST", Path(__file__).with_name("manifest.json"))
)
MANIFEST = json.loads(MANIFEST_PATH.read_text("utf-8"))
WEIGHTS = {
    name.strip(): int(weight)
    for name, weight in (
        item.split("=")
        for item in os.environ.get(
            "BENCH_WEIGHTS", "anonymous=6,learner=3,floor=1"
        ).split(",")
    )
}
WAIT = float(os.environ.get("BENCH_WAIT", "0"))

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ANSWER_FORM = re.compile(r'action="(/learn/lessons/\d+/questions/[^/"]+/answer/)"')
SIGNED_IN = re.compile(r"/accounts/logout/")

_addresses = itertools.count(1)
_learners = itertools.count()


class Visitor(FastHttpUser):
    """Someone behind the TLS proxy, from an address of their own."""

    abstract = True
    wait_time = constant(WAIT)

    def on_start(self):
        number = next(_addresses)
        self.headers = {
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": f"10.{number // 65536 % 256}.{number // 256 % 256}"
            f".{number % 256}",
        }

    def get(self, path: str, name: str, **kwargs):
        return self.client.get(path, name=name, headers=self.headers, **kwargs)

    def post(self, path: str, name: str, data: dict, *, referer: str, **kwargs):
        # Django checks the Referer of a form posted over https.
        headers = {**self.headers, "Referer": f"https://{self._host()}{referer}"}
        return self.client.post(path, name=name, data=data, headers=headers, **kwargs)

    def _host(self) -> str:
        return self.host.split("://", 1)[1].rstrip("/")


class AnonymousVisitor(Visitor):
    """Comes from a campaign link: the catalogue, a course, the agenda, a workshop."""

    weight = WEIGHTS.get("anonymous", 0)

    @task
    def campaign(self):
        self.get("/", name="home")
        self.get(random.choice(MANIFEST["courses"]), name="course")
        self.get("/agenda/", name="agenda")
        self.get(random.choice(MANIFEST["sessions"]), name="session")


class Learner(Visitor):
    """A signed-in learner following the courses they are enrolled in."""

    weight = WEIGHTS.get("learner", 0)

    def on_start(self):
        super().on_start()
        learners = MANIFEST["learners"]
        self.account = learners[next(_learners) % len(learners)]
        self.sign_in()

    def sign_in(self):
        path = "/accounts/login/"
        form = self.get(path, name="sign-in form")
        token = CSRF_INPUT.search(form.text or "")
        data = {
            "login": self.account["email"],
            "password": self.account["password"],
            "csrfmiddlewaretoken": token.group(1) if token else "",
        }
        with self.post(
            path,
            name="sign-in",
            data=data,
            referer=path,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"sign-in answered {response.status_code}")

    @task
    def lesson_and_next(self):
        self.get("/learn/", name="dashboard")
        lessons = random.choice(self.account["courses"])
        index = random.randrange(len(lessons))
        with self.get(lessons[index], name="lesson", catch_response=True) as lesson:
            html = lesson.text or ""
            if lesson.ok and not ANSWER_FORM.search(html):
                lesson.failure("no answer form: not signed in, or not enrolled")
        self._answer(lessons[index], html)
        if index + 1 < len(lessons):
            self.get(lessons[index + 1], name="lesson")

    def _answer(self, lesson_path: str, html: str):
        form = ANSWER_FORM.search(html)
        token = CSRF_INPUT.search(html)
        if not (form and token):
            return  # counted as the lesson's failure
        data = {"answer": "0", "csrfmiddlewaretoken": token.group(1)}
        with self.post(
            form.group(1),
            name="answer",
            data=data,
            referer=lesson_path,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"answer answered {response.status_code}")


class Floor(Visitor):
    """The trivial view: the floor the pages' figures are compared with."""

    weight = WEIGHTS.get("floor", 0)

    @task
    def health(self):
        self.get("/health/", name="floor")
