"""Demo information pages and operator details, read from ``siteinfo/data``.

``demo_information_pages_load()`` adds the contact page, the legal notice, the
privacy notice and the accessibility statement under the default site's root,
and fills the site information setting. Idempotent: pages are found by slug and
left as they are; only the setting's empty fields and footer links are filled.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import markdown
from django.db import transaction
from wagtail.models import Page, Site

from siteinfo.models import InformationPage, SiteInformation

DATA = Path(__file__).resolve().parent / "data"
FOOTER_FIELDS = {
    "contact": "contact_page",
    "legal_notice": "legal_notice_page",
    "privacy": "privacy_page",
    "accessibility": "accessibility_page",
}
OPERATOR_FIELDS = [
    "operator_name",
    "street_address",
    "postal_code",
    "locality",
    "phone",
    "email",
    "helpline_hours",
    "accessibility_status",
]
SECTION = re.compile(r"^## +(.+)$", re.MULTILINE)


@transaction.atomic
def demo_information_pages_load() -> list[tuple[str, str]]:
    """Create the four information pages once and point the footer at them."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page")
    site = site.first()
    if site is None:
        return []
    root = site.root_page.specific
    info = SiteInformation.for_site(site)
    operator, _body = read_markdown(DATA / "operator.md")
    for name in OPERATOR_FIELDS:
        if not getattr(info, name) and operator.get(name):
            setattr(info, name, operator[name])
    for path in sorted((DATA / "pages").glob("*.md")):
        meta, body = read_markdown(path)
        page = _page_ensure(root, meta, body)
        footer_field = FOOTER_FIELDS.get(meta.get("footer", ""))
        if footer_field and getattr(info, f"{footer_field}_id") is None:
            setattr(info, footer_field, page)
    info.save()
    return []  # no login to announce


def read_markdown(path: Path) -> tuple[dict[str, str], str]:
    """A data file's ``key: value`` header and its Markdown text."""
    text = path.read_text(encoding="utf-8")
    header, _, body = text.partition("\n\n")
    meta = {}
    for line in header.splitlines():
        key, _, value = line.partition(":")
        meta[key.strip()] = value.strip()
    return meta, body.strip()


def body_blocks(text: str) -> list[dict[str, Any]]:
    """StreamField data from Markdown: a heading block per ``##``, rich text between."""
    blocks: list[dict[str, Any]] = []
    parts = SECTION.split(text)
    # split() alternates: text before the first heading, heading, text, heading...
    if parts[0].strip():
        blocks.append(_paragraph(parts[0]))
    for heading, section in zip(parts[1::2], parts[2::2], strict=True):
        blocks.append({"type": "heading", "value": heading.strip()})
        if section.strip():
            blocks.append(_paragraph(section))
    return blocks


def _paragraph(text: str) -> dict[str, Any]:
    html = markdown.markdown(text.strip(), output_format="html")
    # Wagtail's rich text stores bold and italic as <b> and <i>.
    for tag, stored in (("strong", "b"), ("em", "i")):
        html = html.replace(f"<{tag}>", f"<{stored}>").replace(
            f"</{tag}>", f"</{stored}>"
        )
    return {"type": "paragraph", "value": html}


def _page_ensure(root: Page, meta: dict[str, str], body: str) -> InformationPage:
    page = InformationPage.objects.child_of(root).filter(slug=meta["slug"]).first()
    if page is not None:
        return page
    page = InformationPage(
        title=meta["title"],
        slug=meta["slug"],
        intro=meta.get("intro", ""),
        updated_on=(
            datetime.date.fromisoformat(meta["updated_on"])
            if meta.get("updated_on")
            else None
        ),
        show_contact_details=meta.get("show_contact_details") == "yes",
        offers_problem_report=meta.get("offers_problem_report") == "yes",
        body=body_blocks(body),
    )
    root.add_child(instance=page)
    page.save_revision().publish()
    return page
