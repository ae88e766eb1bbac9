"""Every periodic job of the beat schedule names a task that exists."""

from django.conf import settings

from config.celery import app


def test_every_beat_entry_names_a_registered_task():
    app.loader.import_default_modules()  # autodiscovery, as a worker does

    missing = {
        name: entry["task"]
        for name, entry in settings.CELERY_BEAT_SCHEDULE.items()
        if entry["task"] not in app.tasks
    }

    assert missing == {}


def test_unused_assisted_accounts_are_told_then_erased_daily():
    schedule = settings.CELERY_BEAT_SCHEDULE
    notify = schedule["notify-unused-assisted-accounts"]["schedule"]
    erase = schedule["erase-unused-assisted-accounts"]["schedule"]

    times = []
    for crontab in (notify, erase):
        [hour], [minute] = crontab.hour, crontab.minute  # once a day
        times.append((hour, minute))
    assert times[0] < times[1]  # a notice due today goes out before erasures
    assert settings.ASSISTED_ACCOUNT_RETENTION_DAYS == 730
    assert settings.ASSISTED_ACCOUNT_NOTICE_DAYS == 30
