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

BENCH_PAGE=<name> (floor, home, course, agenda, session, dashboard, lesson)
replaces them all by people who ask for that one page again and again (the
learner's pages signed in): the page's own figures, which run.sh compares with
the floor's.

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
import logging
import os
import random
import re
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path

from gevent.event import Event
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
PAGE = os.environ.get("BENCH_PAGE", "")
ANONYMOUS_PAGES = ("home", "course", "agenda", "session")
LEARNER_PAGES = ("dashboard", "lesson")

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ANSWER_FORM = re.compile(r'action="(/learn/lessons/\d+/questions/[^/"]+/answer/)"')

_addresses = itertools.count(1)
_learners = itertools.count()
_signed_in = itertools.count(1)
_all_signed_in = Event()


class BehindTheProxy(DefaultCookiePolicy):
    """Cookies marked Secure travel in plain HTTP between the proxy and the
    server: send them back as the browser does over https."""

    def return_ok_secure(self, cookie, request):
        return True


class Visitor(FastHttpUser):
    """Someone behind the TLS proxy, from an address of their own."""

    abstract = True
    wait_time = constant(WAIT)

    def on_start(self):
        self.client.cookiejar.set_policy(BehindTheProxy())
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
        self.home()
        self.course()
        self.agenda()
        self.session()

    def home(self):
        self.get("/", name="home")

    def course(self):
        self.get(random.choice(MANIFEST["courses"]), name="course")

    def agenda(self):
        self.get("/agenda/", name="agenda")

    def session(self):
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
        self._figures_start_once_all_signed_in()

    def _figures_start_once_all_signed_in(self):
        """Everyone signing in at once (Argon2, on purpose slow) is a moment of
        its own: the learners wait for the last one, then the figures start."""
        runner = self.environment.runner
        learners = runner.user_classes_count.get(type(self).__name__, 0)
        if next(_signed_in) != learners:
            _all_signed_in.wait(timeout=120)
            return
        sign_in = runner.stats.get("sign-in", "POST")
        logging.warning(
            "%d learners signed in (sign-in p50 %s ms, max %.0f ms): figures start now",
            learners,
            sign_in.get_response_time_percentile(0.5),
            sign_in.max_response_time,
        )
        runner.stats.reset_all()
        _all_signed_in.set()

    @task
    def lesson_and_next(self):
        self.dashboard()
        lessons = random.choice(self.account["courses"])
        index = random.randrange(len(lessons))
        html = self.lesson(lessons[index])
        self._answer(lessons[index], html)
        if index + 1 < len(lessons):
            self.lesson(lessons[index + 1])

    def dashboard(self):
        self.get("/learn/", name="dashboard")

    def lesson(self, path: str = "") -> str:
        path = path or random.choice(random.choice(self.account["courses"]))
        with self.get(path, name="lesson", catch_response=True) as lesson:
            html = lesson.text or ""
            if lesson.ok and not ANSWER_FORM.search(html):
                lesson.failure("no answer form: not signed in, or not enrolled")
        return html

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
    def floor(self):
        self.get("/health/", name="floor")


def _one_page(base: type[Visitor]) -> type[Visitor]:
    class OnePage(base):
        """Asks for BENCH_PAGE only, again and again."""

        weight = 1

        def one_page(self):
            getattr(self, PAGE)()

    OnePage.tasks = [OnePage.one_page]  # not the campaign's, which it inherits
    return OnePage


if PAGE:
    # One page alone: the campaign's people stay home.
    AnonymousVisitor.abstract = Learner.abstract = Floor.abstract = True
    if PAGE in ANONYMOUS_PAGES:
        OnePage = _one_page(AnonymousVisitor)
    elif PAGE in LEARNER_PAGES:
        OnePage = _one_page(Learner)
    elif PAGE == "floor":
        Floor.abstract = False
    else:
        raise SystemExit(f"BENCH_PAGE: one of floor, {ANONYMOUS_PAGES + LEARNER_PAGES}")
