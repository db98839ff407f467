"""Crisis resources: validation (BS602 / BS603) and lookup by country."""
from __future__ import annotations

import textwrap
from datetime import date

import pytest

from bot.engine.problems import ContentError
from bot.safety import DEFAULT_PATHS
from bot.safety.resources import build_resources, load_resources

from .conftest import TODAY

GOOD = """\
directory:
  name: Find A Helpline
  url: https://findahelpline.com
  last_checked: "2026-06-01"
  verified_by: program lead
aliases:
  UK: GB
countries:
  GB:
    name: the UK
    emergency: "999"
    lines:
      - name: Samaritans
        call: "116 123"
        hours: 24/7
        languages: [English]
        last_checked: "2026-06-01"
        verified_by: program lead
      - name: Domestic Abuse Helpline
        call: "0808 2000 247"
        hours: 24/7
        languages: [English]
        for: [violence_abuse]
        last_checked: "2026-06-01"
        verified_by: program lead
"""


def build(text: str, today: date = TODAY):
    return build_resources(textwrap.dedent(text), "resources.yaml", today)


def test_a_verified_recent_file_has_no_problems():
    resources, problems = build(GOOD)
    assert problems == []
    assert resources.lookup("GB").emergency == "999"


def test_an_entry_older_than_a_year_is_a_bs602_warning():
    resources, problems = build(GOOD.replace('"2026-06-01"\n        verified_by: program lead\n      - name: Dom',
                                             '"2025-10-01"\n        verified_by: program lead\n      - name: Dom'))
    assert resources is not None                       # a warning does not stop the bot
    assert [(p.code, p.line, p.severity) for p in problems] == [("BS602", 17, "warning")]
    assert "2025-10-01" in problems[0].message and "Samaritans" in problems[0].message


def test_the_age_is_counted_from_the_given_day():
    _, problems = build(GOOD, today=date(2027, 6, 2))
    assert {p.code for p in problems} == {"BS602"} and len(problems) == 3
    _, problems = build(GOOD, today=date(2027, 6, 1))
    assert problems == []


def test_an_unverified_entry_is_a_warning():
    resources, problems = build(GOOD.replace("  verified_by: program lead\naliases", "aliases"))
    assert resources is not None
    assert [(p.code, p.line) for p in problems] == [("BS602", 4)]
    assert "not been verified" in problems[0].message


@pytest.mark.parametrize("change, line, words", [
    (('last_checked: "2026-06-01"\n  verified', 'last_checked: "June 2026"\n  verified'), 4, "not a date"),
    (('last_checked: "2026-06-01"\n  verified', 'last_checked: "2026-02-30"\n  verified'), 4, "not a date"),
    (('last_checked: "2026-06-01"\n  verified', 'last_checked: "2027-01-01"\n  verified'), 4, "future"),
    (('        call: "116 123"\n', ''), 13, "no way to reach it"),
    (('      - name: Samaritans\n        call', '      - call'), 13, "has no 'name:'"),
    (('    emergency: "999"\n', ''), 10, "has no 'emergency:'"),
    (('        languages: [English]\n        last_checked: "2026-06-01"\n        verified_by: program lead\n      - name',
      '        last_checked: "2026-06-01"\n        verified_by: program lead\n      - name'), 13, "no 'languages:'"),
    (("  UK: GB\ncountries:\n  GB:\n", "  UK: GB\ncountries:\n  GB: {name: x, emergency: x, lines: [{name: x, call: x, hours: x, languages: [x], last_checked: '2026-01-01', verified_by: x}]}\n  gb:\n"), 10, "not a country code"),
    (("  UK: GB", "  UK: FR"), 7, "not in countries"),
])
def test_invalid_entries_are_bs603(change, line, words):
    resources, problems = build(GOOD.replace(*change))
    assert resources is None
    errors = [p for p in problems if p.is_error]
    assert [(p.code, p.line) for p in errors] == [("BS603", line)], problems
    assert words in errors[0].message


def test_uk_as_a_key_gets_a_hint():
    _, problems = build(GOOD.replace("  UK: GB\n", "").replace("  GB:\n", "  UK:\n"))
    assert any(p.code == "BS603" and p.hint == "the United Kingdom is GB" for p in problems)


def test_shape_problems_use_the_shared_codes():
    text = GOOD.replace("        hours: 24/7\n        languages: [English]\n        last_checked",
                        "        hours: 24/7\n        hour: 24/7\n        languages: [English]\n        last_checked", 1)
    text = text.replace("for: [violence_abuse]", "for: [violence]")
    _, problems = build(text)
    assert sorted(p.code for p in problems) == ["BS101", "BS105"]
    assert "did you mean 'hours'" in [p for p in problems if p.code == "BS101"][0].hint


def test_missing_directory_is_an_error():
    resources, problems = build(GOOD.split("aliases:")[0].replace("directory:", "directry:") + "aliases:" + GOOD.split("aliases:")[1])
    assert resources is None
    assert {"BS101", "BS103"} <= {p.code for p in problems}


def test_load_raises_content_error(tmp_path):
    path = tmp_path / "resources.yaml"
    path.write_text(GOOD.replace('"2026-06-01"', '"someday"'))
    with pytest.raises(ContentError) as err:
        load_resources(path, TODAY)
    assert all(p.code == "BS603" for p in err.value.problems) and len(err.value.problems) == 3


# -- the shipped file ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def shipped():
    return load_resources(DEFAULT_PATHS.resources, TODAY)


def test_the_shipped_file_covers_the_required_countries(shipped):
    for code in ("US", "CA", "GB", "IE", "AU"):
        country = shipped.lookup(code)
        assert not country.is_fallback and country.lines, code
        assert country.emergency
        for line in country.lines:
            assert line.hours and line.languages and line.last_checked
            assert line.call or line.text or line.chat or line.email
    assert shipped.directory.url == "https://findahelpline.com"


def test_the_well_known_numbers(shipped):
    assert shipped.lookup("US").lines[0].call == "988" and shipped.lookup("US").lines[0].text == "988"
    assert shipped.lookup("CA").lines[0].call == "988"
    assert shipped.lookup("GB").lines[0].call == "116 123"
    assert shipped.lookup("IE").lines[0].call == "116 123"
    assert shipped.lookup("AU").lines[0].call == "13 11 14"
    assert [shipped.lookup(c).emergency for c in ("US", "CA", "AU")] == ["911", "911", "000"]
    assert "999" in shipped.lookup("GB").emergency and "112" in shipped.lookup("IE").emergency


def test_the_shipped_file_has_only_verification_warnings(shipped):
    from bot.safety.resources import check_resources_file
    _, problems = check_resources_file(DEFAULT_PATHS.resources, TODAY)
    assert problems and all(p.code == "BS602" and "verified" in p.message for p in problems)
    # honest dates: nothing after the day the entries were written
    assert all(line.last_checked <= TODAY for c in shipped.countries.values() for line in c.lines)


@pytest.mark.parametrize("code, expected", [
    ("GB", "GB"), ("gb", "GB"), (" Gb ", "GB"), ("UK", "GB"), ("uk", "GB"), ("en-GB", "GB"),
    ("en_us", "US"), ("US", "US"), ("ie", "IE"), ("AU", "AU"), ("ca", "CA"),
    ("FR", None), ("", None), (None, None), ("zz-ZZ", None), ("united states", None),
])
def test_lookup(shipped, code, expected):
    country = shipped.lookup(code)
    assert country.code == expected
    assert country.is_fallback == (expected is None)


def test_lines_for_a_category_put_the_special_line_first(shipped):
    us = shipped.lookup("US")
    names = [line.name for line in us.lines_for("violence_abuse")]
    assert names[0] == "National Domestic Violence Hotline"
    assert "Poison Help" not in names
    assert [line.name for line in us.lines_for(None)] == ["988 Suicide & Crisis Lifeline"]
