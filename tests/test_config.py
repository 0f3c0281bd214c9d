import datetime as dt
from pathlib import Path

import pytest

from arshan_data.config import REPO_ROOT, ConfigError, load_settings
from arshan_data.feedback.model import today_local


def test_embedded_defaults_need_no_configuration():
    settings = load_settings(env={})
    assert settings.basemap == "none"
    assert not settings.uses_postgres()


@pytest.mark.parametrize("today", [dt.date(2026, 12, 3), dt.date(2024, 2, 29), dt.date(2035, 12, 31)])
def test_a_fresh_install_opens_a_demo_comment_period_around_today(today):
    settings = load_settings(env={}, today=today)
    assert settings.comment_period_demo
    assert settings.comment_start < today < settings.comment_end
    assert (settings.comment_start, settings.comment_end) == (
        today - dt.timedelta(days=30),
        today + dt.timedelta(days=30),
    )


def test_the_demo_period_includes_the_city_s_today_without_being_told_the_day():
    settings = load_settings(env={})
    assert settings.comment_period_demo
    assert settings.comment_start < today_local() < settings.comment_end


@pytest.mark.parametrize(
    "env, secrets",
    [
        ({"ARSHAN_COMMENT_START": "2023-02-03", "ARSHAN_COMMENT_END": "2023-03-04"}, None),
        ({}, {"arshan": {"comment_start": "2023-02-03", "comment_end": "2023-03-04"}}),
    ],
)
def test_a_configured_comment_period_is_used_as_given_and_not_a_demo(env, secrets):
    settings = load_settings(env=env, secrets=secrets, today=dt.date(2026, 12, 3))
    assert (settings.comment_start, settings.comment_end) == (dt.date(2023, 2, 3), dt.date(2023, 3, 4))
    assert not settings.comment_period_demo


def test_the_demo_flag_cannot_be_set_from_outside():
    env = {"ARSHAN_COMMENT_START": "2023-02-03", "ARSHAN_COMMENT_END": "2023-03-04"}
    settings = load_settings(env={**env, "ARSHAN_COMMENT_PERIOD_DEMO": "true"})
    assert not settings.comment_period_demo


def test_the_shipped_production_example_sets_the_plans_own_period():
    example = (REPO_ROOT / "deploy" / "arxan.env.example").read_text(encoding="utf-8")
    env = dict(line.split("=", 1) for line in example.splitlines() if line.startswith("ARSHAN_COMMENT_"))
    settings = load_settings(env=env)
    assert (settings.comment_start, settings.comment_end) == (dt.date(2023, 2, 3), dt.date(2023, 3, 4))
    assert not settings.comment_period_demo


def test_environment_overrides_secrets():
    settings = load_settings(
        env={"ARSHAN_RATE_LIMIT_COUNT": "9", "ARSHAN_LAYERS_DIR": "/srv/layers"},
        secrets={"arshan": {"rate_limit_count": 3, "feedback_store": "postgresql://db/feedback"}},
    )
    assert settings.rate_limit_count == 9
    assert settings.layers_dir == Path("/srv/layers")
    assert settings.uses_postgres()


@pytest.mark.parametrize(
    "env, message",
    [
        ({"ARSHAN_BASEMAP": "google"}, "ARSHAN_BASEMAP must be one of none, carto-positron"),
        ({"ARSHAN_BASEMAP": "tianditu"}, "The Tianditu basemap needs a key"),
        ({"ARSHAN_RATE_LIMIT_COUNT": "lots"}, "ARSHAN_RATE_LIMIT_COUNT must be a whole number"),
        ({"ARSHAN_ACCEPT_LATE_COMMENTS": "maybe"}, "ARSHAN_ACCEPT_LATE_COMMENTS must be true or false"),
        ({"ARSHAN_COMMENT_END": "2023-13-01"}, "ARSHAN_COMMENT_END must be a date like 2023-02-03"),
        (
            {"ARSHAN_COMMENT_START": "2023-02-03", "ARSHAN_COMMENT_END": "2023-01-01"},
            "ARSHAN_COMMENT_END is before ARSHAN_COMMENT_START",
        ),
        ({"ARSHAN_COMMENT_END": "2023-03-04"}, "ARSHAN_COMMENT_END is set but ARSHAN_COMMENT_START is not"),
    ],
)
def test_bad_settings_say_what_to_fix(env, message):
    with pytest.raises(ConfigError, match=message):
        load_settings(env=env)
