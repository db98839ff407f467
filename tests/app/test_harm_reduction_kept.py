"""The safer-use flows' services are read into every turn's context: built once per country,
and new content (/reload) reads its own."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.safety import SafetyConfig
from bot.safety.response import harm_reduction
from tests.safety.test_rules_loading import GOOD

SHIPPED = Path(__file__).resolve().parents[2] / "dialogs" / "safety"


def test_harm_reduction_is_built_once_per_country_and_new_content_reads_its_own(tmp_path):
    # the rules come from the start-up cache, and the edited copy has four: neither is what
    # this reads, and the shipped rules take seconds to check
    safety = SafetyConfig.load(SHIPPED / "rules.yaml", SHIPPED / "resources.yaml",
                               SHIPPED / "messages.yaml", cached=True)
    gb = safety.harm_reduction("GB")
    assert gb == harm_reduction("GB", safety.resources, safety.messages)
    assert gb["harm_reduction"] and gb["emergency"] == "999 (or 112)"
    assert safety.harm_reduction("GB") is gb
    assert safety.harm_reduction(None) == harm_reduction(None, safety.resources, safety.messages)

    folder = shutil.copytree(SHIPPED, tmp_path / "safety")
    resources = folder / "resources.yaml"
    resources.write_text(resources.read_text().replace('"999 (or 112)"', '"999"'))
    (folder / "rules.yaml").write_text(GOOD, encoding="utf-8")
    edited = SafetyConfig.load(folder / "rules.yaml", resources, folder / "messages.yaml")
    assert edited.harm_reduction("GB")["emergency"] == "999"
    assert safety.harm_reduction("GB")["emergency"] == "999 (or 112)"
