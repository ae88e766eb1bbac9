"""Builders for class tests."""

from classes import services


def children_of(classroom, teacher, *names):
    """Add these children to the class; their cards by first name."""
    _addition, issued = services.children_add(
        classroom=classroom,
        added_by=teacher,
        names=list(names),
        guardian_consent=True,
    )
    return {child.learner.display_name: card for child, card in issued}
