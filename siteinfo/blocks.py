"""StreamField blocks of the operator's information pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class SectionHeadingBlock(blocks.CharBlock):
    """A second-level heading that opens a section of an information page."""

    class Meta:
        icon = "title"
        label = _("Section heading")
        template = "siteinfo/blocks/heading.html"
        description = _("A heading that opens a section")
        form_classname = "title"


class InformationStreamBlock(blocks.StreamBlock):
    """The body of an information page: headings and rich text, nothing else."""

    heading = SectionHeadingBlock(
        max_length=120,
        help_text=_("A short title for the section, e.g. “Your rights”."),
    )
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        features=["h3", "bold", "italic", "ol", "ul", "link", "document-link"],
        help_text=_("Plain words: the page is for everyone."),
        description=_("Paragraphs, lists and links"),
        icon="pilcrow",
    )
