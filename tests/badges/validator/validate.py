"""Run the Open Badges 2.0 validator offline; print its report as JSON.

Run with the validator's own Python (.venv-obvalidator), never the project's:

    .venv-obvalidator/bin/python tests/badges/validator/validate.py \
        URL_OR_IMAGE_FILE --email RECIPIENT   (or --url RECIPIENT_URL)

The validator fetches the Open Badges v2 JSON-LD context from w3id.org for every
document; the machines that run the tests are offline, so the copy shipped in
the package is served instead. Everything else (assertion, badge class, issuer,
images) is fetched from the server under test.
"""

import argparse
import json

from openbadges.verifier import utils
from openbadges.verifier.openbadges_context import (
    OPENBADGES_CONTEXT_V2_DICT,
    OPENBADGES_CONTEXT_V2_URI,
)

CONTEXT = json.dumps(OPENBADGES_CONTEXT_V2_DICT)
LOCAL = {
    OPENBADGES_CONTEXT_V2_URI,
    OPENBADGES_CONTEXT_V2_URI + "/",
    "http://w3id.org/openbadges/v2",
    "https://openbadgespec.org/v2/context.json",
}
_fetch = utils.CachableDocumentLoader.__call__


def _context_from_package(self, url):
    if url not in LOCAL:
        return _fetch(self, url)
    self.contexts.update([url])  # as the package's loader does
    return {"contextUrl": None, "documentUrl": url, "document": CONTEXT}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("badge", help="assertion URL, or a baked PNG or SVG file")
    expected = parser.add_mutually_exclusive_group(required=True)
    expected.add_argument("--email", help="the expected recipient's e-mail")
    expected.add_argument("--url", help="the expected recipient's URL")
    args = parser.parse_args()
    utils.CachableDocumentLoader.__call__ = _context_from_package
    import openbadges

    profile = {"email": args.email} if args.email else {"url": args.url}
    if args.badge.startswith(("http://", "https://")):
        result = openbadges.verify(args.badge, profile)
    else:
        with open(args.badge, "rb") as image:
            result = openbadges.verify(image, profile)
    print(json.dumps(result["report"], default=str))


if __name__ == "__main__":
    main()
