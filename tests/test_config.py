"""The app's .streamlit/config.toml: every option it sets exists in the installed Streamlit (two are hidden options an
upgrade may drop), and it leaves headless mode to whoever starts the server."""
import tomllib
from pathlib import Path

from streamlit import config

CONFIG = tomllib.loads((Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml").read_text())
OPTIONS = {f"{section}.{name}": value for section, names in CONFIG.items() for name, value in names.items()}


def test_every_option_the_config_sets_exists_in_the_installed_streamlit():
    assert set(OPTIONS) <= set(config._config_options_template), set(OPTIONS) - set(config._config_options_template)


def test_the_hidden_options_the_player_relies_on_are_set_and_still_exist():
    for key in ["global.minCachedMessageSize", "runner.postScriptGC"]:
        assert key in OPTIONS, f"{key} is no longer set"
        assert key in config._config_options_template, f"the installed Streamlit dropped {key}"


def test_the_config_does_not_make_a_local_run_headless():
    assert "server.headless" not in OPTIONS, "a lecturer's `streamlit run app.py` should open the browser"


def test_the_toolbar_keeps_rerun_and_clear_cache_for_the_lecturer():
    assert OPTIONS.get("client.toolbarMode", "auto") in {"auto", "developer"}
