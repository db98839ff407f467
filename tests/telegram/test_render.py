"""Pure rendering helpers: callback data, splitting, keyboards."""
from __future__ import annotations

import json
import random
import subprocess
import sys
from collections import namedtuple

import pytest
from telegram import InlineKeyboardMarkup

from bot.telegram.render import (
    MAX_MESSAGE_LENGTH,
    CallbackData,
    build_keyboard,
    encode_callback,
    keyboard_rows,
    parse_callback,
    split_text,
    text_length,
)

from bench.drivers.telegram.botapi_schema import parse_html, utf16_len, validate_request

NASTY = [
    "I <3 you & me",
    "<b>not bold</b>",
    "a < b > c",
    "&amp; is already escaped?",
    "5 > 3 && 2 < 4",
    "quotes \" and ' stay",
    "emoji \U0001f331 and \u00e9",
    "<script>alert(1)</script>",
    "&#60; numeric",
    "",
]


def sendable(text: str) -> list:
    """Problems Telegram would have sending ``text`` with parse_mode HTML."""
    return validate_request("sendMessage", {"chat_id": 1, "text": text, "parse_mode": "HTML"})


# -- callback data -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rev", "choice", "data"),
    [
        (0, "yes", "0:yes"),
        (7, "no", "7:no"),
        (35, "x", "z:x"),
        (36, "x", "10:x"),
        (1_000_000, "later", "lfls:later"),
        (3, "a:b:c", "3:a:b:c"),
        (3, "ça va", "3:ça va"),
    ],
)
def test_callback_round_trip(rev, choice, data):
    assert encode_callback(rev, choice) == data
    assert parse_callback(data) == CallbackData(rev, choice)


def test_callback_data_always_fits_64_bytes():
    rng = random.Random(4)
    alphabet = "abcxyz_:#-0123456789 éø\U0001f331"
    for _ in range(500):
        rev = rng.choice([0, 1, 35, 36, 10**6, 2**40, 2**64 - 1])
        choice = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 90)))
        data = encode_callback(rev, choice)
        assert 1 <= len(data.encode()) <= 64
        pressed = parse_callback(data)
        assert pressed is not None and pressed.rev == rev
        assert pressed.resolve(["other", choice]) == choice


def test_long_choices_travel_as_a_digest():
    long_choice = "plan.step." + "x" * 80
    data = encode_callback(12, long_choice)
    assert data.startswith("c#") and len(data) == 2 + 16
    pressed = parse_callback(data)
    assert pressed.choice is None and pressed.digest
    assert pressed.resolve(["a", long_choice, "b"]) == long_choice
    assert pressed.resolve(["a", "b"]) is None
    assert parse_callback(data, choices=[long_choice]).choice == long_choice
    assert parse_callback(data, choices=["nope"]).choice is None
    # exactly at the limit it is still sent as is
    fits = "y" * 62
    assert encode_callback(5, fits) == "5:" + fits


@pytest.mark.parametrize(
    "junk",
    [None, "", 5, b"1:yes", "yes", ":yes", "1:", "01:yes", "-1:yes", "A:yes", "1 :yes",
     "1#abc", "1#" + "g" * 16, "1#" + "a" * 17, "1:" + "x" * 63, "12345678901234:x", "1;yes"],
)
def test_junk_parses_to_none(junk):
    assert parse_callback(junk) is None


def test_stale_presses_are_recognised():
    pressed = parse_callback(encode_callback(3, "yes"))
    assert pressed.is_stale(4) and not pressed.is_stale(3)
    assert pressed.resolve(["yes", "no"]) == "yes"
    assert pressed.resolve(["no"]) is None  # a choice the current step does not offer


@pytest.mark.parametrize(("rev", "choice"), [(-1, "x"), (True, "x"), ("3", "x"), (1, ""), (36**13, "x")])
def test_encode_refuses_bad_input(rev, choice):
    with pytest.raises(ValueError):
        encode_callback(rev, choice)


# -- splitting -----------------------------------------------------------------------------------


def words_of(parts: list[str]) -> list[str]:
    return " ".join(parse_html(p).text for p in parts).split()


def test_short_text_is_left_alone():
    assert split_text("Hello <b>there</b>") == ["Hello <b>there</b>"]
    assert split_text("  ") == []
    assert split_text("") == []
    text = "a" * MAX_MESSAGE_LENGTH
    assert split_text(text) == [text]


def test_splits_on_paragraphs_and_every_part_is_sendable():
    paragraphs = [f"Paragraph {i}. " + "Some calm words about the urge. " * 30 for i in range(12)]
    text = "\n\n".join(paragraphs)
    parts = split_text(text)
    assert len(parts) > 1
    for part in parts:
        assert sendable(part) == []
        assert text_length(part) <= MAX_MESSAGE_LENGTH
        assert part.startswith("Paragraph")  # cut between paragraphs
    assert words_of(parts) == parse_html(text).text.split()


def test_prefers_lines_then_words_then_a_hard_cut():
    assert split_text("aaaa bbbb\ncccc dddd", limit=14) == ["aaaa bbbb", "cccc dddd"]
    assert split_text("aaaa bbbb cccc dddd", limit=14) == ["aaaa bbbb cccc", "dddd"]
    assert split_text("abcdefghijkl", limit=5) == ["abcde", "fghij", "kl"]
    # a paragraph break early in the window loses to a line break late in it
    assert split_text("ab\n\ncdefgh ijkl\nmnop", limit=16) == ["ab\n\ncdefgh ijkl", "mnop"]


def random_text(rng: random.Random) -> str:
    words = ["calm", "urge", "wave", "&amp;", "<b>", "\U0001f331", "caf\u00e9", "breathe", "x" * 30]
    out = []
    for _ in range(rng.randint(1, 400)):
        if rng.random() < 0.06:
            out.append(rng.choice(["\n", "\n\n"]))
        else:
            out.append(rng.choice(words) + rng.choice([" ", " ", "", "\n"]))
    return "".join(out)


def test_split_properties_on_random_text():
    rng = random.Random(7)
    for _ in range(300):
        text = random_text(rng)
        limit = rng.randint(31, 300)
        parts = split_text(text, limit)
        for part in parts:
            assert 0 < utf16_len(part.strip()) <= limit, (text, limit, part)
        assert "".join("".join(parts).split()) == "".join(text.split())


def test_counts_utf16_code_units():
    emoji = "\U0001f331"
    text = " ".join([emoji * 10] * 500)  # 5499 code points, 10499 UTF-16 units
    parts = split_text(text)
    assert all(utf16_len(p) <= MAX_MESSAGE_LENGTH for p in parts)
    assert all(sendable(p) == [] for p in parts)
    assert len(parts) == 3
    assert "".join(parts).replace(" ", "") == text.replace(" ", "")


def test_markup_is_plain_characters():
    text = "<b>" * 10
    assert split_text(text, limit=8) == ["<b><b><b", "><b><b><", "b><b><b>", "<b><b>"]
    assert text_length("<b>x</b>") == 8
    assert split_text("&" + "a" * 20, limit=8) == ["&aaaaaaa", "aaaaaaaa", "aaaaa"]


# -- keyboards -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("labels", "rows"),
    [
        (["Yes", "No"], [2]),
        (["Yes", "No", "Maybe"], [3]),
        (["A", "B", "C", "D"], [2, 2]),
        (["A", "B", "C", "D", "E"], [3, 2]),
        (["A", "B", "C", "D", "E", "F", "G"], [3, 2, 2]),
        (["Ride the wave", "Unwrap it"], [2]),
        (["Ride the wave", "Unwrap it", "Later"], [2, 1]),
        (["Tell me more about this", "Something else entirely"], [1, 1]),
        (["Talk it through", "Urge surfing", "Both sides", "My plan", "Help"], [2, 3]),
        (["A very long label indeed, no room", "B", "C"], [1, 2]),
        ([], []),
    ],
)
def test_rows_depend_on_label_length(labels, rows):
    assert keyboard_rows(labels) == rows


def test_scale_keyboard_with_more_per_row():
    labels = [str(n) for n in range(11)]
    assert keyboard_rows(labels) == [3, 3, 3, 2]
    assert keyboard_rows(labels, max_per_row=6) == [6, 5]


def test_build_keyboard_stamps_revisions_and_is_valid_for_telegram():
    Button = namedtuple("Button", "label data")  # like the engine's Button
    markup = build_keyboard(
        [("Yes", "yes"), ("Not now", "later"), Button("Tell me more", "more")], rev=41
    )
    assert isinstance(markup, InlineKeyboardMarkup)
    rows = [[(b.text, b.callback_data) for b in row] for row in markup.inline_keyboard]
    assert rows == [[("Yes", "15:yes"), ("Not now", "15:later")], [("Tell me more", "15:more")]]
    params = {"chat_id": 1, "text": "Ready?", "reply_markup": json.dumps(markup.to_dict())}
    assert validate_request("sendMessage", params) == []
    assert build_keyboard([]) is None


def test_build_keyboard_refuses_what_telegram_would():
    with pytest.raises(ValueError, match="64 bytes"):
        build_keyboard([("Long", "x" * 65)])
    with pytest.raises(ValueError, match="label"):
        build_keyboard([(" ", "x")])
    # with a revision, long data is digested instead of refused
    markup = build_keyboard([("Long", "x" * 65)], rev=1)
    assert len(markup.inline_keyboard[0][0].callback_data.encode()) <= 64


def test_render_imports_no_application_machinery():
    code = (
        "import sys, bot.telegram.render as r; "
        "assert 'telegram.ext' not in sys.modules, 'telegram.ext imported'; "
        "assert 'bot.app' not in sys.modules; print(r.encode_callback(1, 'x'))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=str(__import__("pathlib").Path(__file__).resolve().parents[2]))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1:x"
