"""StreamField blocks of a lesson: content blocks and quiz questions."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class AccessibleImageBlock(blocks.StructBlock):
    """An image with mandatory alternative text and an optional caption."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "courses/blocks/image.html"
        description = _("An image with alternative text")


class MediaBlock(blocks.StructBlock):
    """A video or audio file with captions and a full transcript."""

    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[("video", _("Video")), ("audio", _("Audio"))],
        default="video",
    )
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    file = DocumentChooserBlock(label=_("Media file (MP4, WebM or MP3)"))
    captions = DocumentChooserBlock(
        label=_("Captions (WebVTT)"),
        required=False,
        help_text=_("Required for a video: a .vtt file with the spoken words."),
    )
    transcript = blocks.RichTextBlock(
        label=_("Transcript"),
        features=["bold", "italic", "ol", "ul", "link"],
        help_text=_("The full text of what is said and shown."),
    )

    class Meta:
        icon = "media"
        label = _("Video or audio")
        template = "courses/blocks/media.html"
        description = _("A video or audio file with captions and transcript")

    def clean(self, value):
        value = super().clean(value)
        if value["kind"] == "video" and not value["captions"]:
            raise StructBlockValidationError(
                block_errors={
                    "captions": ValidationError(_("A video needs a captions file."))
                }
            )
        return value


class CalloutBlock(blocks.StructBlock):
    """A highlighted box: a tip, an important point or a warning."""

    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[
            ("tip", _("Tip")),
            ("info", _("Good to know")),
            ("warning", _("Warning")),
        ],
        default="tip",
    )
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link"])

    class Meta:
        icon = "help"
        label = _("Callout")
        template = "courses/blocks/callout.html"
        description = _("A highlighted tip, note or warning")


class DownloadBlock(blocks.StructBlock):
    """A file the learner can download (a worksheet, a summary)."""

    document = DocumentChooserBlock(label=_("File"))
    description = blocks.CharBlock(label=_("Description"), max_length=200)

    class Meta:
        icon = "download"
        label = _("Download")
        template = "courses/blocks/download.html"
        description = _("A file to download")


class AnswerBlock(blocks.StructBlock):
    """One possible answer with the feedback shown when it is chosen."""

    text = blocks.CharBlock(label=_("Answer"), max_length=300)
    correct = blocks.BooleanBlock(label=_("Correct answer"), required=False)
    feedback = blocks.CharBlock(
        label=_("Feedback"),
        required=False,
        max_length=500,
        help_text=_("Shown to the learner who picks this answer."),
    )

    class Meta:
        icon = "tick"
        label = _("Answer")


class QuestionKind:
    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true_false"
    CHOICES = [
        (SINGLE, _("Single choice")),
        (MULTIPLE, _("Multiple choice")),
        (TRUE_FALSE, _("True or false")),
    ]


class QuestionBlock(blocks.StructBlock):
    """A quiz question checked on the server, with feedback per answer."""

    kind = blocks.ChoiceBlock(
        label=_("Kind"), choices=QuestionKind.CHOICES, default=QuestionKind.SINGLE
    )
    prompt = blocks.CharBlock(label=_("Question"), max_length=500)
    answers = blocks.ListBlock(AnswerBlock(), label=_("Answers"), min_num=2)
    explanation = blocks.RichTextBlock(
        label=_("Explanation"),
        required=False,
        features=["bold", "italic", "link"],
        help_text=_("Shown once the question is answered correctly."),
    )

    class Meta:
        icon = "list-ul"
        label = _("Quiz question")
        template = "courses/blocks/question.html"
        description = _("A single choice, multiple choice or true/false question")

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for answer in value["answers"] if answer["correct"])
        kind = value["kind"]
        error = None
        if kind == QuestionKind.TRUE_FALSE and len(value["answers"]) != 2:
            error = _("A true/false question has exactly two answers.")
        elif kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE) and correct != 1:
            error = _("Mark exactly one answer as correct.")
        elif kind == QuestionKind.MULTIPLE and correct < 1:
            error = _("Mark at least one answer as correct.")
        if error:
            raise StructBlockValidationError(
                block_errors={"answers": ValidationError(error)}
            )
        return value


class LessonStreamBlock(blocks.StreamBlock):
    """Everything a lesson can hold, in the order the editor chooses."""

    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"],
        template="courses/blocks/paragraph.html",
        icon="pilcrow",
    )
    image = AccessibleImageBlock()
    media = MediaBlock()
    callout = CalloutBlock()
    download = DownloadBlock()
    question = QuestionBlock()


def question_data(
    *, kind: str, prompt: str, answers: list[dict], explanation_html: str
) -> dict:
    """A quiz question as raw StreamField data (demo content, imports, tests)."""
    return {
        "type": "question",
        "value": {
            "kind": kind,
            "prompt": prompt,
            "answers": answers,
            "explanation": explanation_html,
        },
    }
