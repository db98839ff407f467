"""The safer-use flows' services are read into every turn's context: built once per country,
and new content (/reload) reads its own."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.safety import SafetyConfig
from bot.safety.response import harm_reduction

SHIPPED = Path(__file__).resolve().parents[2] / "dialogs" / "safety"


def test_harm_reduction_is_built_once_per_country_and_new_content_reads_its_own(tmp_path):
    safety = SafetyConfig.load_default()
    gb = safety.harm_reduction("GB")
    assert gb == harm_reduction("GB", safety.resources, safety.messages)
    assert gb["harm_reduction"] and gb["emergency"] == "999 (or 112)"
    assert safety.harm_reduction("GB") is gb
    assert safety.harm_reduction(None) == harm_reduction(None, safety.resources, safety.messages)

    folder = shutil.copytree(SHIPPED, tmp_path / "safety")
    resources = folder / "resources.yaml"
    resources.write_text(resources.read_text().replace('"999 (or 112)"', '"999"'))
    edited = SafetyConfig.load(folder / "rules.yaml", resources, folder / "messages.yaml")
    assert edited.harm_reduction("GB")["emergency"] == "999"
    assert safety.harm_reduction("GB")["emergency"] == "999 (or 112)"
