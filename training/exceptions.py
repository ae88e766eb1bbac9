"""Domain errors of training paths, each with a stable code and a translatable
message."""

from django.utils.translation import gettext_lazy as _

from common.errors import DomainError


class TrainingError(DomainError):
    code = "training_error"
    status = 400
    message = _("This action is not possible.")


class PathNotEditable(TrainingError):
    code = "path_not_editable"
    status = 404  # another organisation's, or the platform's: not told
    message = _("This page does not exist, or is not yours to see.")


class NobodyToAssign(TrainingError):
    code = "nobody_to_assign"
    message = _("Choose a team or at least one person.")


class PeopleNotManaged(TrainingError):
    code = "people_not_managed"
    message = _("Choose people and teams you manage.")


class EmptyPath(TrainingError):
    code = "empty_path"
    message = _("Add at least one item to the path before assigning it.")


class ItemAlreadyInPath(TrainingError):
    code = "item_already_in_path"
    message = _("This item is in the path already.")


class DueDateInThePast(TrainingError):
    code = "due_date_in_the_past"
    message = _("Choose today or a later date.")
