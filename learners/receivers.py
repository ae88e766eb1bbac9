"""Reactions of learners to signals: the LRS's stored statements, Wagtail profiles.

Wagtail's user profile follows the person's language (learners.User.language).
Wagtail e-mails a moderator in the profile's preferred language; when it is
empty, in the language of the editor who triggered the e-mail. A profile
therefore starts with the person's own language.
"""

from __future__ import annotations


def wagtail_profile_language_default(sender, instance, **kwargs) -> None:
    """A new or blank Wagtail profile takes the user's language."""
    if not instance.preferred_language and instance.user_id:
        instance.preferred_language = instance.user.language


def statements_stored_project_progress(*, statements: list[dict], **kwargs) -> None:
    """Statements of clients trusted for progress move the learners' progress."""
    from learners.progress import progress_project

    progress_project(statements=statements)
