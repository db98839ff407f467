"""The Bot API request checker: what it accepts and what it refuses."""
from __future__ import annotations

import json

import pytest

from bench.drivers.telegram.botapi_schema import (
    BotApiSchema,
    FileUpload,
    default_schema_path,
    load_schema,
    parse_html,
    utf16_len,
    validate_request,
)


def codes(problems) -> list[str]:
    return [p.code for p in problems]


def keyboard(*rows) -> str:
    return json.dumps(
        {"inline_keyboard": [[{"text": label, "callback_data": data} for label, data in row]
                             for row in rows]}
    )


# -- the description itself --------------------------------------------------------------------


def test_schema_loads_and_knows_every_method_the_bot_uses(bot_api_schema: BotApiSchema):
    assert bot_api_schema.version.startswith("Bot API")
    for method in (
        "getMe", "getUpdates", "sendMessage", "editMessageText", "editMessageReplyMarkup",
        "answerCallbackQuery", "setMyCommands", "deleteWebhook", "setWebhook", "getWebhookInfo",
        "sendChatAction", "sendDocument", "sendPhoto", "deleteMessage",
    ):
        assert bot_api_schema.method_name(method) == method
    assert bot_api_schema.method_name("SENDMESSAGE") == "sendMessage"
    assert bot_api_schema.method_name("sendmessage") == "sendMessage"


def test_schema_path_can_be_overridden(tmp_path, monkeypatch):
    tiny = {
        "version": "Bot API test",
        "methods": {"ping": {"name": "ping", "fields": [
            {"name": "n", "types": ["Integer"], "required": True, "description": "1-3 bytes"}]}},
        "types": {},
    }
    path = tmp_path / "api.json"
    path.write_text(json.dumps(tiny))
    monkeypatch.setenv("BOT_API_SCHEMA", str(path))
    assert default_schema_path() == path
    schema = load_schema()
    assert schema.version == "Bot API test"
    assert schema.validate("ping", {"n": "3"}) == []
    assert codes(schema.validate("ping", {})) == ["missing_field"]
    assert codes(schema.validate("sendMessage", {})) == ["unknown_method"]


def test_default_path_is_the_vendored_copy(monkeypatch):
    monkeypatch.delenv("BOT_API_SCHEMA", raising=False)
    path = default_schema_path()
    assert path.parts[-3:] == ("telegram", "botapi", "api.json")
    assert (path.parent / "LICENSE").exists()
    assert path.exists()


def test_missing_description_says_where_to_put_it(tmp_path):
    with pytest.raises(FileNotFoundError, match="BOT_API_SCHEMA"):
        load_schema(tmp_path / "nowhere.json")


# -- good requests -----------------------------------------------------------------------------

GOOD = [
    ("getMe", {}),
    ("getUpdates", {"offset": "100001", "timeout": "10"}),
    ("sendMessage", {"chat_id": "1001", "text": "hello"}),
    ("sendMessage", {"chat_id": 1001, "text": "hello", "parse_mode": "HTML",
                     "reply_markup": keyboard([("Yes", "3:yes"), ("No", "3:no")])}),
    ("sendMessage", {"chat_id": "@channel", "text": "<b>bold</b> &amp; <i>it</i>",
                     "parse_mode": "HTML", "disable_notification": "true"}),
    ("sendMessage", {"chat_id": 5, "text": "x",
                     "reply_markup": {"inline_keyboard": [[{"text": "Site", "url": "https://x.org"}]]}}),
    ("sendMessage", {"chat_id": 5, "text": "x", "reply_markup": '{"remove_keyboard": true}'}),
    ("editMessageText", {"chat_id": "5", "message_id": "7", "text": "edited"}),
    ("editMessageReplyMarkup", {"chat_id": "5", "message_id": "7"}),
    ("editMessageReplyMarkup", {"chat_id": 5, "message_id": 7, "reply_markup": keyboard([("A", "a")])}),
    ("answerCallbackQuery", {"callback_query_id": "123", "text": "That menu has expired"}),
    ("setMyCommands", {"commands": json.dumps([{"command": "start", "description": "Begin"},
                                               {"command": "help", "description": "Help"}])}),
    ("setMyCommands", {"commands": [{"command": "stats", "description": "Numbers"}],
                       "scope": {"type": "chat", "chat_id": 42}}),
    ("deleteWebhook", {"drop_pending_updates": "false"}),
    ("setWebhook", {"url": "https://example.org/hook", "secret_token": "abc_DEF-1",
                    "allowed_updates": '["message", "callback_query"]'}),
    ("sendChatAction", {"chat_id": "5", "action": "typing"}),
    ("sendDocument", {"chat_id": "5", "document": FileUpload("plan.txt", "text/plain", 10),
                      "caption": "Your plan"}),
    ("sendPhoto", {"chat_id": "5", "photo": "AgACAgQAAxkBAAI-file-id"}),
    ("deleteMessage", {"chat_id": "5", "message_id": "9"}),
]


@pytest.mark.parametrize(("method", "params"), GOOD, ids=[f"{m}-{i}" for i, (m, _) in enumerate(GOOD)])
def test_good_requests_have_no_problems(method, params):
    assert validate_request(method, params) == []


def test_method_names_are_case_insensitive():
    assert validate_request("SendMessage", {"chat_id": 1, "text": "x"}) == []
    assert validate_request("SENDMESSAGE", {"chat_id": 1, "text": "x"}) == []


def test_decoding_gives_python_values(bot_api_schema):
    decoded = bot_api_schema.decode(
        "sendMessage",
        {"chat_id": "42", "text": "123", "reply_markup": keyboard([("A", "a")]),
         "disable_notification": "true"},
    )
    assert decoded["chat_id"] == 42
    assert decoded["text"] == "123"  # String fields stay strings
    assert decoded["disable_notification"] is True
    assert decoded["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "a"


# -- bad requests ------------------------------------------------------------------------------


def test_unknown_method_suggests_the_right_one():
    [problem] = validate_request("sendMesage", {"chat_id": 1, "text": "x"})
    assert problem.code == "unknown_method"
    assert "sendMessage" in problem.message


def test_required_fields():
    assert codes(validate_request("sendMessage", {"chat_id": 1})) == ["missing_field"]
    assert codes(validate_request("answerCallbackQuery", {})) == ["missing_field"]
    assert codes(validate_request("sendDocument", {"chat_id": 1})) == ["missing_field"]


def test_unknown_fields_with_a_hint():
    [problem] = validate_request("sendMessage", {"chat_id": 1, "text": "x", "parse_mod": "HTML"})
    assert problem.code == "unknown_field" and "parse_mode" in problem.message
    [problem] = validate_request(
        "editMessageText", {"chat_id": 1, "message_id": 2, "text": "x", "disable_notification": True}
    )
    assert problem.code == "unknown_field"


@pytest.mark.parametrize("method", ["sendMessage", "editMessageText"])
def test_text_must_be_1_to_4096_characters(method):
    base = {"chat_id": 1} if method == "sendMessage" else {"chat_id": 1, "message_id": 2}
    assert validate_request(method, {**base, "text": "a" * 4096}) == []
    assert codes(validate_request(method, {**base, "text": "a" * 4097})) == ["text_length"]
    assert codes(validate_request(method, {**base, "text": ""})) == ["text_length"]
    assert codes(validate_request(method, {**base, "text": "  \n "})) == ["text_length"]


def test_length_is_counted_in_utf16_units_after_html_parsing():
    emoji = "\U0001f331"  # outside the BMP: two UTF-16 code units
    assert utf16_len(emoji) == 2
    assert validate_request("sendMessage", {"chat_id": 1, "text": emoji * 2048}) == []
    assert codes(validate_request("sendMessage", {"chat_id": 1, "text": emoji * 2049})) == [
        "text_length"
    ]
    tagged = "<b>" + "a" * 4096 + "</b>"  # 4103 characters as sent, 4096 as shown
    assert validate_request("sendMessage", {"chat_id": 1, "text": tagged, "parse_mode": "HTML"}) == []
    assert codes(validate_request("sendMessage", {"chat_id": 1, "text": tagged})) == ["text_length"]
    escaped = "&lt;" * 4096  # each shows as one character
    assert validate_request("sendMessage", {"chat_id": 1, "text": escaped, "parse_mode": "HTML"}) == []


def test_caption_at_most_1024_characters():
    upload = FileUpload("a.pdf", "application/pdf", 3)
    ok = {"chat_id": 1, "document": upload, "caption": "c" * 1024}
    assert validate_request("sendDocument", ok) == []
    assert codes(validate_request("sendDocument", {**ok, "caption": "c" * 1025})) == ["caption_length"]
    assert codes(validate_request("sendPhoto", {"chat_id": 1, "photo": "id", "caption": "c" * 1025})) == [
        "caption_length"
    ]


def test_callback_data_is_1_to_64_bytes():
    assert validate_request("sendMessage", {"chat_id": 1, "text": "x",
                                            "reply_markup": keyboard([("A", "d" * 64)])}) == []
    [too_long] = validate_request("sendMessage", {"chat_id": 1, "text": "x",
                                                  "reply_markup": keyboard([("A", "d" * 65)])})
    assert too_long.code == "callback_data_length"
    assert too_long.path == "reply_markup.inline_keyboard[0][0].callback_data"
    # bytes, not characters: 32 "é" are 64 bytes, 33 are 66
    assert validate_request("sendMessage", {"chat_id": 1, "text": "x",
                                            "reply_markup": keyboard([("A", "é" * 32)])}) == []
    assert codes(validate_request("sendMessage", {"chat_id": 1, "text": "x",
                                                  "reply_markup": keyboard([("A", "é" * 33)])})) == [
        "callback_data_length"
    ]
    [empty] = validate_request("editMessageReplyMarkup", {"chat_id": 1, "message_id": 2,
                                                          "reply_markup": keyboard([("B", "")])})
    assert empty.code == "callback_data_length"
    assert empty.path == "reply_markup.inline_keyboard[0][0].callback_data"


def test_reply_markup_must_be_json_of_a_known_type():
    assert codes(validate_request("sendMessage", {"chat_id": 1, "text": "x",
                                                  "reply_markup": "{not json"})) == ["bad_json"]
    problems = validate_request("sendMessage", {"chat_id": 1, "text": "x",
                                                "reply_markup": '{"buttons": []}'})
    assert problems[0].code == "bad_type" and "InlineKeyboardMarkup" in problems[0].message
    problems = validate_request("sendMessage", {"chat_id": 1, "text": "x",
                                                "reply_markup": '{"inline_keyboard": "yes"}'})
    assert "bad_type" in codes(problems)
    problems = validate_request("editMessageReplyMarkup", {"chat_id": 1, "message_id": 2,
                                                           "reply_markup": '{"remove_keyboard": true}'})
    assert problems  # only an inline keyboard may be edited in


def test_inline_buttons_need_a_label_and_exactly_one_action():
    label_only = {"inline_keyboard": [[{"text": "A"}]]}
    two_actions = {"inline_keyboard": [[{"text": "A", "callback_data": "a", "url": "https://x.org"}]]}
    empty_label = {"inline_keyboard": [[{"text": " ", "callback_data": "a"}]]}
    typo = {"inline_keyboard": [[{"text": "A", "callback": "a"}]]}
    for markup, code in ((label_only, "bad_button"), (two_actions, "bad_button"),
                         (empty_label, "empty_label"), (typo, "unknown_field")):
        problems = validate_request("sendMessage", {"chat_id": 1, "text": "x", "reply_markup": markup})
        assert code in codes(problems), (markup, problems)


def test_basic_types():
    assert set(codes(validate_request("sendMessage", {"chat_id": True, "text": "x"}))) == {"bad_type"}
    assert codes(validate_request("deleteMessage", {"chat_id": 1, "message_id": "nine"})) == ["bad_type"]
    assert codes(validate_request("deleteMessage", {"chat_id": 1, "message_id": 9.5})) == ["bad_type"]
    assert codes(validate_request("sendMessage", {"chat_id": 1, "text": 5})) == ["bad_type"]
    assert codes(validate_request("sendMessage", {"chat_id": 1, "text": "x",
                                                  "disable_notification": "yes"})) == ["bad_type"]
    assert codes(validate_request("sendDocument", {"chat_id": 1, "document": 12})) != []
    assert codes(validate_request("setWebhook", {"url": "https://x", "allowed_updates": '"message"'})) == [
        "bad_json"
    ]
    assert codes(validate_request("setWebhook", {"url": "https://x", "allowed_updates": ["message", 1]})) == [
        "bad_type"
    ]


def test_bot_commands_are_lowercase_words():
    for bad in ("/start", "Start", "check-in", "a" * 33):
        commands = json.dumps([{"command": bad, "description": "x"}])
        assert "bad_command" in codes(validate_request("setMyCommands", {"commands": commands})), bad
    missing = json.dumps([{"command": "start"}])
    assert codes(validate_request("setMyCommands", {"commands": missing})) == ["missing_field"]


def test_command_scope_must_be_one_of_the_scopes():
    bad = {"commands": [{"command": "stats", "description": "x"}], "scope": {"type": "admins"}}
    problems = validate_request("setMyCommands", bad)
    assert problems and all(p.path.startswith("scope") for p in problems)


def test_parse_mode_must_be_known_and_html_must_parse():
    assert codes(validate_request("sendMessage", {"chat_id": 1, "text": "x", "parse_mode": "html5"})) == [
        "bad_parse_mode"
    ]
    for text in ("you & me", "I <3 it", "<b>open", "<b>x</i>", "<script>x</script>",
                 '<span class="x">s</span>', "x</b>"):
        problems = validate_request("sendMessage", {"chat_id": 1, "text": text, "parse_mode": "HTML"})
        assert "bad_html" in codes(problems), text
    # the same texts are fine without a parse mode
    assert validate_request("sendMessage", {"chat_id": 1, "text": "you & me <3"}) == []


def test_problems_read_well():
    [problem] = validate_request("sendMessage", {"chat_id": 1, "text": "a" * 5000})
    assert str(problem) == "sendMessage.text: must be 1-4096 characters, is 5000 characters [text_length]"


# -- HTML parsing ------------------------------------------------------------------------------


def test_parse_html_gives_visible_text_and_entities():
    parsed = parse_html('<b>Well <i>done</i></b> &amp; <a href="https://x.org/?a=1&amp;b=2">more</a> \U0001f331<u>!</u>')
    assert parsed.problems == []
    assert parsed.text == "Well done & more \U0001f331!"
    assert {"type": "bold", "offset": 0, "length": 9} in parsed.entities
    assert {"type": "italic", "offset": 5, "length": 4} in parsed.entities
    assert {"type": "text_link", "offset": 12, "length": 4, "url": "https://x.org/?a=1&b=2"} in parsed.entities
    # the emoji counts as two UTF-16 code units
    assert {"type": "underline", "offset": 19, "length": 1} in parsed.entities


def test_parse_html_supported_tags_and_entities():
    parsed = parse_html(
        '<strong>a</strong><em>b</em><ins>c</ins><s>d</s><del>e</del><tg-spoiler>f</tg-spoiler>'
        '<span class="tg-spoiler">g</span><code>h</code><pre><code class="language-python">i</code></pre>'
        '<blockquote expandable>j</blockquote>&#128512;&#x1F600;&quot;&gt;'
    )
    assert parsed.problems == []
    assert parsed.text.startswith("abcdefghij\U0001f600\U0001f600\">")
    kinds = {e["type"] for e in parsed.entities}
    assert {"bold", "italic", "underline", "strikethrough", "spoiler", "code", "pre",
            "expandable_blockquote"} <= kinds
    assert any(e.get("language") == "python" for e in parsed.entities)
