import datetime as dt
from pathlib import Path

import pytest

from arshan_data.config import ConfigError, load_settings


def test_embedded_defaults_need_no_configuration():
    settings = load_settings(env={})
    assert settings.basemap == "none"
    assert not settings.uses_postgres()
    assert settings.comment_start == dt.date(2023, 2, 3)


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
        ({"ARSHAN_COMMENT_END": "2023-01-01"}, "ARSHAN_COMMENT_END is before ARSHAN_COMMENT_START"),
    ],
)
def test_bad_settings_say_what_to_fix(env, message):
    with pytest.raises(ConfigError, match=message):
        load_settings(env=env)
