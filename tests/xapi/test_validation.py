"""xAPI 1.0.3 statement validation: valid statements pass, each MUST is enforced."""

import copy
from decimal import Decimal

import pytest

from xapi.validation import StatementInvalid, validate_statement

DELETE = object()
ACTIVITY = "http://example.com/xapi/activities/quiz-1/q3"
ACCOUNT_AGENT = {
    "objectType": "Agent",
    "name": "Alice",
    "account": {"homePage": "https://skills.example.be", "name": "learner-42"},
}
MBOX_AGENT = {"mbox": "mailto:bob@example.com"}
STATEMENT_REF = {
    "objectType": "StatementRef",
    "id": "8f87ccde-bb56-4c2e-ab83-44982ef22df0",
}
SUBSTATEMENT = {
    "objectType": "SubStatement",
    "actor": MBOX_AGENT,
    "verb": {"id": "http://example.com/visited", "display": {"en-US": "will visit"}},
    "object": {"id": "http://example.com/website"},
}


def realistic_statement() -> dict:
    """A fresh copy of a typical ~1 KB statement: a choice question answered."""
    return {
        "id": "fd41c918-b88b-4b20-a0a5-a4c32391aaa0",
        "actor": copy.deepcopy(ACCOUNT_AGENT),
        "verb": {
            "id": "http://adlnet.gov/expapi/verbs/answered",
            "display": {"en-US": "answered", "fr-BE": "a répondu"},
        },
        "object": {
            "objectType": "Activity",
            "id": ACTIVITY,
            "definition": {
                "name": {"fr-BE": "Question 3"},
                "description": {"fr-BE": "Quel navigateur utilisez-vous ?"},
                "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
                "interactionType": "choice",
                "correctResponsesPattern": ["firefox[,]chrome"],
                "choices": [
                    {"id": "firefox", "description": {"fr-BE": "Firefox"}},
                    {"id": "chrome", "description": {"fr-BE": "Chrome"}},
                    {"id": "other", "description": {"fr-BE": "Autre"}},
                ],
            },
        },
        "result": {
            "score": {"scaled": 0.8, "raw": 8, "min": 0, "max": 10},
            "success": True,
            "completion": True,
            "response": "firefox[,]chrome",
            "duration": "PT1M12.5S",
        },
        "context": {
            "registration": "ec531277-b57b-4c15-8d91-d292c5b2b8f7",
            "contextActivities": {
                "parent": [{"id": "http://example.com/xapi/activities/quiz-1"}],
                "grouping": [{"id": "http://example.com/xapi/courses/internet-101"}],
            },
            "language": "fr-BE",
            "platform": "Wallonia Skills",
        },
        "timestamp": "2025-03-14T09:26:53.589+01:00",
    }


def edited(edits: dict) -> dict:
    """The realistic statement with ``{"a.b[0].c": value}`` edits applied."""
    statement = realistic_statement()
    for dotted, value in edits.items():
        parent, key = _locate(statement, dotted)
        if value is DELETE:
            del parent[key]
        else:
            parent[key] = copy.deepcopy(value)
    return statement


def _locate(statement: dict, dotted: str) -> tuple:
    steps = []
    for part in dotted.split("."):
        name, _, index = part.partition("[")
        steps.append(name)
        if index:
            steps.append(int(index.rstrip("]")))
    node = statement
    for step in steps[:-1]:
        node = node[step]
    return node, steps[-1]


def assert_invalid(statement: object, field: str) -> StatementInvalid:
    with pytest.raises(StatementInvalid) as caught:
        validate_statement(statement)
    assert caught.value.field == field, str(caught.value)
    return caught.value


# -- valid statements ---------------------------------------------------------------


def test_realistic_statement_is_valid():
    validate_statement(realistic_statement())


@pytest.mark.parametrize(
    "edits",
    [
        pytest.param({}, id="realistic"),
        pytest.param(
            {"id": "FD41C918-B88B-4B20-A0A5-A4C32391AAA0"}, id="uppercase-uuid"
        ),
        pytest.param({"actor": MBOX_AGENT}, id="mbox-actor-without-objectType"),
        # 2.4.10.s3.b1 and Comm. 3.3: "1.0" is read as 1.0.0.
        pytest.param({"version": "1.0"}, id="version-1.0"),
        pytest.param(
            {"actor": {"mbox_sha1sum": "ebd31e95054c018b10727ccffd2ef2ec3a016ee9"}},
            id="mbox_sha1sum",
        ),
        pytest.param(
            {"actor": {"openid": "http://toby.openid.example.org/"}}, id="openid"
        ),
        pytest.param(
            {"actor": {"objectType": "Group", "member": [MBOX_AGENT, ACCOUNT_AGENT]}},
            id="anonymous-group",
        ),
        pytest.param(
            {"actor": {"objectType": "Group", "mbox": "mailto:team@example.com"}},
            id="identified-group-without-members",
        ),
        pytest.param({"verb": {"id": "http://example.com/verbs/x"}}, id="no-display"),
        pytest.param({"object": {"id": ACTIVITY}}, id="bare-activity"),
        pytest.param(
            {"object.definition.extensions": {"http://example.com/ext": None}},
            id="null-inside-extensions",
        ),
        pytest.param({"result.score": {"raw": -5}}, id="raw-without-bounds"),
        pytest.param({"result.score": {"scaled": -1}}, id="scaled-minus-one"),
        pytest.param({"result.score": {"scaled": Decimal("0.5")}}, id="decimal"),
        pytest.param({"result.score.raw": 10}, id="raw-equal-max"),
        pytest.param({"result.duration": "P3Y1M29DT4H35M59.14S"}, id="full-duration"),
        pytest.param({"result.duration": "P4W"}, id="weeks"),
        pytest.param({"result.duration": "PT0,5S"}, id="comma-fraction"),
        pytest.param(
            {"context.contextActivities.parent": {"id": ACTIVITY}},
            id="single-context-activity",
        ),
        pytest.param({"context.contextActivities.other": []}, id="empty-list"),
        pytest.param({"context.language": "zh-Hant-TW"}, id="script-subtag"),
        pytest.param({"context.language": "i-klingon"}, id="grandfathered-tag"),
        pytest.param({"context.statement": STATEMENT_REF}, id="context-statement"),
        pytest.param(
            {"context.instructor": {"objectType": "Group", "member": [MBOX_AGENT]}},
            id="group-instructor",
        ),
        pytest.param(
            {"context.team": {"objectType": "Group", "member": [MBOX_AGENT]}},
            id="team",
        ),
        pytest.param({"timestamp": "2025-03-14T08:26:53Z"}, id="utc-no-fraction"),
        # 4.5.s1.b4: the time zone is only a SHOULD*, so it cannot be required.
        pytest.param({"timestamp": "2025-03-14T09:26:53.589"}, id="no-offset"),
        pytest.param({"timestamp": "2024-02-29T00:00:00Z"}, id="leap-day"),
        pytest.param({"stored": "2025-03-14T09:26:54.000Z"}, id="stored"),
        pytest.param({"version": "1.0.0"}, id="version-1.0.0"),
        pytest.param({"version": "1.0.3"}, id="version-1.0.3"),
        pytest.param({"authority": MBOX_AGENT}, id="agent-authority"),
        pytest.param(
            {
                "authority": {
                    "objectType": "Group",
                    "member": [ACCOUNT_AGENT, MBOX_AGENT],
                }
            },
            id="oauth-authority",
        ),
        pytest.param(
            {
                "attachments": [
                    {
                        "usageType": "http://adlnet.gov/expapi/attachments/signature",
                        "display": {"en-US": "Signature"},
                        "contentType": "application/octet-stream",
                        "length": 4235,
                        "sha2": "672fa5fa658017f1b72d65036f13379c6ab05d4ab3b6664908d8"
                        "acf0b6a8a9c6",
                        "fileUrl": "https://example.com/sig",
                    }
                ]
            },
            id="attachment",
        ),
    ],
)
def test_valid_variants_pass(edits):
    validate_statement(edited(edits))


@pytest.mark.parametrize(
    "target",
    [
        pytest.param({"objectType": "Agent", **MBOX_AGENT}, id="agent"),
        pytest.param(
            {"objectType": "Group", "member": [MBOX_AGENT]},
            id="group",
        ),
        pytest.param(STATEMENT_REF, id="statement-ref"),
        pytest.param(SUBSTATEMENT, id="substatement"),
    ],
)
def test_non_activity_objects_pass(target):
    statement = edited({"object": target, "context": {"language": "en"}})
    validate_statement(statement)


def test_voiding_statement_passes():
    validate_statement(
        {
            "actor": MBOX_AGENT,
            "verb": {"id": "http://adlnet.gov/expapi/verbs/voided"},
            "object": STATEMENT_REF,
        }
    )


@pytest.mark.parametrize(
    ("interaction_type", "lists"),
    [
        ("true-false", {}),
        ("fill-in", {}),
        ("long-fill-in", {}),
        ("numeric", {}),
        ("other", {}),
        ("choice", {"choices"}),
        ("sequencing", {"choices"}),
        ("likert", {"scale"}),
        ("matching", {"source", "target"}),
        ("performance", {"steps"}),
    ],
)
def test_each_interaction_type_accepts_its_component_lists(interaction_type, lists):
    definition = {"interactionType": interaction_type, "correctResponsesPattern": []}
    for name in lists:
        definition[name] = [{"id": "a"}, {"id": "b", "description": {"en": "B"}}]
    validate_statement(edited({"object.definition": definition}))


# -- the error itself ---------------------------------------------------------------


def test_error_carries_field_message_and_batch_path():
    statement = edited({"object.definition.interactionType": "essay"})
    with pytest.raises(StatementInvalid) as caught:
        validate_statement(statement, path="statement[3]")
    error = caught.value
    assert error.field == "statement[3].object.definition.interactionType"
    assert "essay" in error.message
    assert str(error) == f"{error.field}: {error.message}"


def test_unknown_property_message_names_the_property():
    error = assert_invalid(edited({"result.grade": "A"}), "statement.result.grade")
    assert "'grade'" in error.message


# -- rejections ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("edits", "field"),
    [
        # 2.2: the statement itself and its required properties
        pytest.param({"actor": DELETE}, "statement.actor", id="missing-actor"),
        pytest.param({"verb": DELETE}, "statement.verb", id="missing-verb"),
        pytest.param({"object": DELETE}, "statement.object", id="missing-object"),
        pytest.param({"Actor": MBOX_AGENT}, "statement.Actor", id="key-case"),
        pytest.param({"voided": False}, "statement.voided", id="unknown-top-level"),
        pytest.param({"id": "not-a-uuid"}, "statement.id", id="bad-uuid"),
        pytest.param({"id": ""}, "statement.id", id="empty-uuid"),
        pytest.param(
            {"id": "fd41c918b88b4b20a0a5a4c32391aaa0"}, "statement.id", id="uuid-hex"
        ),
        pytest.param({"id": None}, "statement.id", id="null-id"),
        # 2.4.2: actor
        pytest.param(
            {"actor.mbox": "mailto:alice@example.com"},
            "statement.actor",
            id="two-ifis",
        ),
        pytest.param({"actor": {"name": "Nobody"}}, "statement.actor", id="no-ifi"),
        pytest.param(
            {"actor": {"mbox": "alice@example.com"}}, "statement.actor.mbox", id="mbox"
        ),
        pytest.param(
            {"actor": {"mbox": "mailto:"}}, "statement.actor.mbox", id="empty-mbox"
        ),
        pytest.param(
            {"actor": {"mbox_sha1sum": "abc123"}},
            "statement.actor.mbox_sha1sum",
            id="short-sha1",
        ),
        pytest.param(
            {"actor": {"openid": "toby.example.org"}},
            "statement.actor.openid",
            id="openid-without-scheme",
        ),
        pytest.param(
            {"actor.account.homePage": "skills.example.be"},
            "statement.actor.account.homePage",
            id="homepage-without-scheme",
        ),
        pytest.param(
            {"actor.account.name": DELETE},
            "statement.actor.account.name",
            id="account-without-name",
        ),
        pytest.param(
            {"actor.account.name": 42},
            "statement.actor.account.name",
            id="account-name-number",
        ),
        pytest.param(
            {"actor.account.id": "x"},
            "statement.actor.account.id",
            id="account-unknown-property",
        ),
        pytest.param({"actor.name": None}, "statement.actor.name", id="null-name"),
        pytest.param(
            {"actor.objectType": "Person"},
            "statement.actor.objectType",
            id="bad-actor-objectType",
        ),
        pytest.param(
            {"actor": {"member": [MBOX_AGENT]}},
            "statement.actor.member",
            id="group-without-objectType",
        ),
        pytest.param(
            {"actor": {"objectType": "Group", "name": "Team"}},
            "statement.actor.member",
            id="anonymous-group-without-member",
        ),
        pytest.param(
            {"actor": {"objectType": "Group", "member": []}},
            "statement.actor.member",
            id="anonymous-group-empty",
        ),
        pytest.param(
            {
                "actor": {
                    "objectType": "Group",
                    "mbox": "mailto:team@example.com",
                    "openid": "http://team.example.com/",
                }
            },
            "statement.actor",
            id="group-two-ifis",
        ),
        pytest.param(
            {
                "actor": {
                    "objectType": "Group",
                    "member": [
                        {"objectType": "Group", "member": [MBOX_AGENT]},
                    ],
                }
            },
            "statement.actor.member[0].objectType",
            id="nested-group",
        ),
        pytest.param(
            {"actor": {"objectType": "Group", "member": [{"name": "No IFI"}]}},
            "statement.actor.member[0]",
            id="member-without-ifi",
        ),
        pytest.param(
            {"actor": {"objectType": "Group", "member": MBOX_AGENT}},
            "statement.actor.member",
            id="member-not-array",
        ),
        # 2.4.3: verb
        pytest.param({"verb.id": DELETE}, "statement.verb.id", id="verb-without-id"),
        pytest.param({"verb.id": "answered"}, "statement.verb.id", id="verb-not-iri"),
        pytest.param(
            {"verb.id": "http://example.com/a verb"},
            "statement.verb.id",
            id="verb-with-space",
        ),
        pytest.param(
            {"verb.display": {"e": "answered"}},
            "statement.verb.display.e",
            id="bad-language-tag",
        ),
        pytest.param(
            {"verb.display": {"en-US-": "answered"}},
            "statement.verb.display.en-US-",
            id="empty-subtag",
        ),
        pytest.param(
            {"verb.display": {"en-US": None}},
            "statement.verb.display.en-US",
            id="null-in-language-map",
        ),
        pytest.param(
            {"verb.display": "answered"},
            "statement.verb.display",
            id="display-not-map",
        ),
        pytest.param({"verb.name": "x"}, "statement.verb.name", id="verb-unknown"),
        # 2.4.4: object
        pytest.param({"object.id": DELETE}, "statement.object.id", id="activity-no-id"),
        pytest.param(
            {"object.id": "quiz-1/q3"},
            "statement.object.id",
            id="activity-id-relative",
        ),
        pytest.param(
            {"object.objectType": "activity"},
            "statement.object.objectType",
            id="objectType-case",
        ),
        pytest.param(
            {"object": MBOX_AGENT},
            "statement.object.objectType",
            id="agent-object-without-objectType",
        ),
        pytest.param(
            {"object": {"objectType": "StatementRef", "id": "nope"}},
            "statement.object.id",
            id="statement-ref-bad-uuid",
        ),
        pytest.param(
            {"object": {**STATEMENT_REF, "definition": {}}},
            "statement.object.definition",
            id="statement-ref-unknown-property",
        ),
        pytest.param(
            {"object.definition.type": "cmi.interaction"},
            "statement.object.definition.type",
            id="definition-type-not-iri",
        ),
        pytest.param(
            {"object.definition.moreInfo": "/about"},
            "statement.object.definition.moreInfo",
            id="moreInfo-relative",
        ),
        pytest.param(
            {"object.definition.name": {"fr_BE": "Question"}},
            "statement.object.definition.name.fr_BE",
            id="underscore-language-tag",
        ),
        pytest.param(
            {"object.definition.extensions": {"difficulty": 3}},
            "statement.object.definition.extensions.difficulty",
            id="extension-key-not-iri",
        ),
        pytest.param(
            {"object.definition.interactionType": "essay"},
            "statement.object.definition.interactionType",
            id="unknown-interactionType",
        ),
        pytest.param(
            {"object.definition.interactionType": "Choice"},
            "statement.object.definition.interactionType",
            id="interactionType-case",
        ),
        pytest.param(
            {"object.definition.interactionType": DELETE},
            "statement.object.definition.interactionType",
            id="interaction-without-type",
        ),
        pytest.param(
            {"object.definition.interactionType": "likert"},
            "statement.object.definition.choices",
            id="choices-on-likert",
        ),
        pytest.param(
            {"object.definition.steps": [{"id": "s1"}]},
            "statement.object.definition.steps",
            id="steps-on-choice",
        ),
        pytest.param(
            {"object.definition.choices[1].id": "firefox"},
            "statement.object.definition.choices[1].id",
            id="duplicate-component-id",
        ),
        pytest.param(
            {"object.definition.choices[2].id": DELETE},
            "statement.object.definition.choices[2].id",
            id="component-without-id",
        ),
        pytest.param(
            {"object.definition.choices[0].label": "Firefox"},
            "statement.object.definition.choices[0].label",
            id="component-unknown-property",
        ),
        pytest.param(
            {"object.definition.correctResponsesPattern": "firefox"},
            "statement.object.definition.correctResponsesPattern",
            id="pattern-not-array",
        ),
        pytest.param(
            {"object.definition.correctResponsesPattern": ["a", 1]},
            "statement.object.definition.correctResponsesPattern[1]",
            id="pattern-not-string",
        ),
        pytest.param(
            {"object.definition.title": {"en": "x"}},
            "statement.object.definition.title",
            id="definition-unknown-property",
        ),
        # 2.4.4.3: SubStatement
        pytest.param(
            {"object": {**SUBSTATEMENT, "object": SUBSTATEMENT}},
            "statement.object.object.objectType",
            id="nested-substatement",
        ),
        pytest.param(
            {"object": {**SUBSTATEMENT, "id": STATEMENT_REF["id"]}},
            "statement.object.id",
            id="substatement-id",
        ),
        pytest.param(
            {"object": {**SUBSTATEMENT, "authority": MBOX_AGENT}},
            "statement.object.authority",
            id="substatement-authority",
        ),
        pytest.param(
            {"object": {**SUBSTATEMENT, "verb": {"display": {"en": "x"}}}},
            "statement.object.verb.id",
            id="substatement-validated-as-statement",
        ),
        # 2.3.2: voiding
        pytest.param(
            {"verb.id": "http://adlnet.gov/expapi/verbs/voided"},
            "statement.object.objectType",
            id="voided-with-activity",
        ),
        # 2.4.5: result
        pytest.param(
            {"result.grade": "A"}, "statement.result.grade", id="result-unknown"
        ),
        pytest.param(
            {"result.score.scaled": 1.5},
            "statement.result.score.scaled",
            id="scaled-1.5",
        ),
        pytest.param(
            {"result.score.scaled": -1.01},
            "statement.result.score.scaled",
            id="scaled-below-minus-one",
        ),
        pytest.param(
            {"result.score.raw": 11}, "statement.result.score.raw", id="raw-above-max"
        ),
        pytest.param(
            {"result.score.raw": -1}, "statement.result.score.raw", id="raw-below-min"
        ),
        pytest.param(
            {"result.score.min": 20}, "statement.result.score.min", id="min-above-max"
        ),
        pytest.param(
            {"result.score.raw": "8"}, "statement.result.score.raw", id="string-number"
        ),
        pytest.param(
            {"result.score.raw": True},
            "statement.result.score.raw",
            id="bool-where-number",
        ),
        pytest.param(
            {"result.score.max": None}, "statement.result.score.max", id="null-number"
        ),
        pytest.param(
            {"result.score.percent": 80},
            "statement.result.score.percent",
            id="score-unknown",
        ),
        pytest.param(
            {"result.success": "true"},
            "statement.result.success",
            id="string-where-bool",
        ),
        pytest.param(
            {"result.completion": 1},
            "statement.result.completion",
            id="number-where-bool",
        ),
        pytest.param(
            {"result.response": ["firefox"]},
            "statement.result.response",
            id="response-not-string",
        ),
        pytest.param(
            {"result.duration": "72.5 seconds"},
            "statement.result.duration",
            id="duration-free-text",
        ),
        pytest.param({"result.duration": "PT"}, "statement.result.duration", id="PT"),
        pytest.param({"result.duration": "P"}, "statement.result.duration", id="P"),
        pytest.param(
            {"result.duration": "P4W1D"}, "statement.result.duration", id="weeks-mixed"
        ),
        pytest.param(
            {"result.duration": "PT1M"[::-1]},
            "statement.result.duration",
            id="reversed",
        ),
        pytest.param(
            {"result.duration": "P0000-00-00T01:12:00"},
            "statement.result.duration",
            id="alternative-format",
        ),
        pytest.param(
            {"result.duration": "PT1.5M30S"},
            "statement.result.duration",
            id="fraction-not-last",
        ),
        pytest.param(
            {"result.duration": "pt1m"},
            "statement.result.duration",
            id="lowercase-designators",
        ),
        pytest.param(
            {"result.extensions": {"score-detail": 1}},
            "statement.result.extensions.score-detail",
            id="result-extension-key",
        ),
        # 2.4.6: context
        pytest.param(
            {"context.registration": "42"},
            "statement.context.registration",
            id="registration-not-uuid",
        ),
        pytest.param(
            {"context.language": "francophone"},
            "statement.context.language",
            id="language-not-tag",
        ),
        pytest.param(
            {"context.platform": 3}, "statement.context.platform", id="platform-number"
        ),
        pytest.param(
            {"context.contextActivities.siblings": [{"id": ACTIVITY}]},
            "statement.context.contextActivities.siblings",
            id="contextActivities-unknown-key",
        ),
        pytest.param(
            {"context.contextActivities.parent": [{"id": "quiz-1"}]},
            "statement.context.contextActivities.parent[0].id",
            id="context-activity-bad-id",
        ),
        pytest.param(
            {"context.contextActivities.parent": [MBOX_AGENT]},
            "statement.context.contextActivities.parent[0].objectType",
            id="agent-as-context-activity",
        ),
        pytest.param(
            {"context.contextActivities.grouping": "http://example.com/course"},
            "statement.context.contextActivities.grouping",
            id="context-activity-string",
        ),
        pytest.param(
            {"context.team": MBOX_AGENT},
            "statement.context.team.objectType",
            id="team-agent",
        ),
        pytest.param(
            {"context.instructor": {"name": "No IFI"}},
            "statement.context.instructor",
            id="instructor-without-ifi",
        ),
        pytest.param(
            {"context.statement": {"id": STATEMENT_REF["id"]}},
            "statement.context.statement.objectType",
            id="context-statement-without-objectType",
        ),
        pytest.param(
            {"context.session": "abc"},
            "statement.context.session",
            id="context-unknown",
        ),
        pytest.param(
            {"object": {"objectType": "Agent", **MBOX_AGENT}, "context.revision": "2"},
            "statement.context.revision",
            id="revision-with-agent-object",
        ),
        pytest.param(
            {"object": STATEMENT_REF},
            "statement.context.platform",
            id="platform-with-statement-ref",
        ),
        # 4.5: timestamp and stored
        pytest.param(
            {"timestamp": "14/03/2025 09:26"}, "statement.timestamp", id="not-iso"
        ),
        pytest.param(
            {"timestamp": "2025-03-14"}, "statement.timestamp", id="date-only"
        ),
        pytest.param(
            {"timestamp": "2025-03-14 09:26:53Z"}, "statement.timestamp", id="space"
        ),
        pytest.param(
            {"timestamp": "2025-02-30T09:26:53Z"}, "statement.timestamp", id="feb-30"
        ),
        pytest.param(
            {"timestamp": "2023-02-29T09:26:53Z"},
            "statement.timestamp",
            id="feb-29-non-leap",
        ),
        pytest.param(
            {"timestamp": "2025-03-14T25:00:00Z"}, "statement.timestamp", id="hour-25"
        ),
        pytest.param(
            {"timestamp": "2025-03-14T09:26:53-00:00"},
            "statement.timestamp",
            id="negative-zero-offset",
        ),
        pytest.param({"timestamp": 1741940813}, "statement.timestamp", id="epoch"),
        pytest.param({"stored": "yesterday"}, "statement.stored", id="bad-stored"),
        # 2.4.10: version
        pytest.param({"version": "2.0.0"}, "statement.version", id="version-2"),
        pytest.param({"version": "0.95"}, "statement.version", id="version-0.95"),
        pytest.param({"version": 1.0}, "statement.version", id="version-number"),
        # 2.4.9: authority
        pytest.param(
            {"authority": {"objectType": "Group", "member": [MBOX_AGENT]}},
            "statement.authority.member",
            id="authority-group-of-one",
        ),
        pytest.param(
            {"authority": {"name": "LMS"}},
            "statement.authority",
            id="authority-without-ifi",
        ),
        pytest.param(
            {
                "authority": {
                    "objectType": "Group",
                    "member": [ACCOUNT_AGENT, MBOX_AGENT, MBOX_AGENT],
                }
            },
            "statement.authority.member",
            id="authority-group-of-three",
        ),
        pytest.param(
            {
                "authority": {
                    "objectType": "Group",
                    "member": [MBOX_AGENT, {"mbox": "mailto:other@example.com"}],
                }
            },
            "statement.authority.member",
            id="authority-group-without-oauth-consumer",
        ),
        pytest.param(
            {
                "authority": {
                    "objectType": "Group",
                    "member": [
                        ACCOUNT_AGENT,
                        {"objectType": "Group", "member": [MBOX_AGENT]},
                    ],
                }
            },
            "statement.authority.member[1].objectType",
            id="authority-group-with-a-group",
        ),
        # 2.4.11: attachments
        pytest.param(
            {"attachments": {"usageType": "http://example.com/u"}},
            "statement.attachments",
            id="attachments-not-array",
        ),
    ],
)
def test_rejections(edits, field):
    assert_invalid(edited(edits), field)


GOOD_ATTACHMENT = {
    "usageType": "http://example.com/attachment-usage/certificate",
    "display": {"en-US": "Certificate"},
    "description": {"en-US": "Completion certificate"},
    "contentType": "application/pdf",
    "length": 27,
    "sha2": "495395e777cd98da653df9615d09c0fd6bb2f8d4788394cd53c56a3bfdcd848a",
}


@pytest.mark.parametrize(
    ("edits", "field"),
    [
        pytest.param({"usageType": DELETE}, "usageType", id="no-usageType"),
        pytest.param({"usageType": "certificate"}, "usageType", id="usageType-iri"),
        pytest.param({"display": DELETE}, "display", id="no-display"),
        pytest.param({"display": {"EN_us": "x"}}, "display.EN_us", id="display-tag"),
        pytest.param({"contentType": DELETE}, "contentType", id="no-contentType"),
        pytest.param({"contentType": "pdf"}, "contentType", id="contentType-format"),
        pytest.param({"length": DELETE}, "length", id="no-length"),
        pytest.param({"length": "27"}, "length", id="length-string"),
        pytest.param({"length": 27.5}, "length", id="length-float"),
        pytest.param({"length": True}, "length", id="length-bool"),
        pytest.param({"length": -1}, "length", id="length-negative"),
        pytest.param({"sha2": DELETE}, "sha2", id="no-sha2"),
        pytest.param({"sha2": "not-hex"}, "sha2", id="sha2-not-hex"),
        pytest.param({"sha2": "abcd"}, "sha2", id="sha2-length"),
        pytest.param({"fileUrl": "files/cert.pdf"}, "fileUrl", id="fileUrl-relative"),
        pytest.param({"size": 27}, "size", id="attachment-unknown"),
    ],
)
def test_attachment_rejections(edits, field):
    attachment = copy.deepcopy(GOOD_ATTACHMENT)
    for key, value in edits.items():
        if value is DELETE:
            del attachment[key]
        else:
            attachment[key] = value
    statement = edited({"attachments": [GOOD_ATTACHMENT, attachment]})
    assert_invalid(statement, f"statement.attachments[1].{field}")


@pytest.mark.parametrize(
    "data",
    [
        pytest.param([realistic_statement()], id="array"),
        pytest.param("statement", id="string"),
        pytest.param(None, id="null"),
    ],
)
def test_statement_must_be_an_object(data):
    assert_invalid(data, "statement")
