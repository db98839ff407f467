from datetime import date

import pytest

from bot.safety import DEFAULT_PATHS, SafetyConfig

TODAY = date(2026, 12, 4)   # the newest last_checked in resources.yaml


@pytest.fixture(scope="session")
def config() -> SafetyConfig:
    """The shipped screen as the bot starts with it: its checked rules from the start-up cache
    (checked and kept there by the first process that needs them). test_rules_cache.py proves
    them equal to rules checked afresh, on the suite's one fresh check of the shipped files."""
    return SafetyConfig.load(DEFAULT_PATHS.rules, DEFAULT_PATHS.resources, DEFAULT_PATHS.messages,
                             today=TODAY, cached=True)


@pytest.fixture(scope="session")
def rules(config):
    return config.rules
