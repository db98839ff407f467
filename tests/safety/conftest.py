from datetime import date

import pytest

from bot.safety import DEFAULT_PATHS, SafetyConfig

TODAY = date(2026, 12, 4)   # the newest last_checked in resources.yaml


@pytest.fixture(scope="session")
def config() -> SafetyConfig:
    return SafetyConfig.load(DEFAULT_PATHS.rules, DEFAULT_PATHS.resources, DEFAULT_PATHS.messages,
                             today=TODAY)


@pytest.fixture(scope="session")
def rules(config):
    return config.rules
