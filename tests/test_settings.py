"""The settings file: schema, validation, atomic versioned writes, upgrades, forgiving reads."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

import pytest

from workbench import settings as settings_module
from workbench.settings import SCHEMA, SETTINGS_VERSION, Setting, Settings, default_path

EXPECTED_DEFAULTS: dict[str, Any] = {
    "language": "system",
    "theme": "system",
    "sync_interval_minutes": 5,
    "data_directory": "",
    "server_url": "",
    "window_geometry": "",
    "window_state": "",
    "last_page": "selection",
    "selection_header": "",
    "selection_splitter": "",
    "selection_filters": {},
    "accounts": [],
    "active_account": "",
}


def _write(path: Path, content: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = content if isinstance(content, str) else json.dumps(content)
    path.write_text(text, encoding="utf-8")


def _file(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_schema_declares_each_key_once_with_a_description() -> None:
    names = [s.name for s in SCHEMA]
    assert len(names) == len(set(names))
    assert set(names) == set(EXPECTED_DEFAULTS)
    for setting in SCHEMA:
        assert isinstance(setting, Setting)
        assert setting.description.strip(), setting.name
        assert setting.validate(setting.default) == setting.default
    data_dir = next(s for s in SCHEMA if s.name == "data_directory")
    assert "restart" in data_dir.description


def test_default_path_is_under_workbench_home() -> None:
    home = Path(os.environ["WORKBENCH_HOME"])  # tests/conftest.py sets it to a temp dir
    assert default_path() == home / "config" / "settings.json"
    assert Settings.load().path == default_path()


def test_missing_file_gives_the_defaults(tmp_path: Path) -> None:
    settings = Settings.load(tmp_path / "nope" / "settings.json")
    assert {name: settings.get(name) for name in EXPECTED_DEFAULTS} == EXPECTED_DEFAULTS


def test_round_trip_through_a_versioned_file(tmp_path: Path) -> None:
    path = tmp_path / "config" / "settings.json"
    settings = Settings.load(path)
    settings.set("language", "zh_CN")
    settings.set("sync_interval_minutes", 240)
    settings.set("accounts", [{"server": "https://shop.example", "login": "小王"}])
    settings.set("active_account", "https://shop.example|小王")
    settings.save()

    on_disk = _file(path)
    assert on_disk["version"] == SETTINGS_VERSION
    assert on_disk["values"]["language"] == "zh_CN"
    assert "小王" in path.read_text(encoding="utf-8")  # readable by hand, not \u-escaped

    again = Settings.load(path)
    assert again.get("language") == "zh_CN"
    assert again.get("sync_interval_minutes") == 240
    assert again.get("accounts") == [{"server": "https://shop.example", "login": "小王"}]
    assert again.get("active_account") == "https://shop.example|小王"


def test_get_returns_a_copy_of_lists(tmp_path: Path) -> None:
    settings = Settings.load(tmp_path / "s.json")
    settings.get("accounts").append({"server": "x", "login": "y"})
    assert settings.get("accounts") == []


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("language", "fr", "one of"),
        ("theme", "blue", "one of"),
        ("sync_interval_minutes", 0, "between 1 and 240"),
        ("sync_interval_minutes", 241, "between 1 and 240"),
        ("sync_interval_minutes", "5", "whole number"),
        ("sync_interval_minutes", True, "whole number"),
        ("server_url", 5, "type str"),
        ("accounts", [{"server": "s"}], "list of"),
        ("accounts", "alice", "type list"),
    ],
)
def test_set_rejects_bad_values_with_a_clear_message(
    tmp_path: Path, name: str, value: Any, words: str
) -> None:
    settings = Settings.load(tmp_path / "s.json")
    before = settings.get(name)
    with pytest.raises(ValueError, match=words) as info:
        settings.set(name, value)
    assert name in str(info.value)
    assert settings.get(name) == before


def test_unknown_names_are_a_programming_error(tmp_path: Path) -> None:
    settings = Settings.load(tmp_path / "s.json")
    with pytest.raises(KeyError, match="colour"):
        settings.get("colour")
    with pytest.raises(KeyError, match="colour"):
        settings.set("colour", "red")


def test_save_is_atomic_and_leaves_no_temp_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "config" / "settings.json"
    settings = Settings.load(path)
    settings.set("theme", "dark")
    settings.save()
    before = path.read_bytes()

    def crash(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    settings.set("theme", "light")
    with pytest.raises(OSError, match="disk full"):
        settings.save()
    assert path.read_bytes() == before  # the old file is untouched
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        "[1, 2]",
        '"text"',
        {"version": "one", "values": {}},
        {"version": 1, "values": []},
    ],
    ids=["broken-json", "list", "string", "bad-version", "bad-values"],
)
def test_a_broken_file_gives_defaults_and_keeps_a_copy(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, content: Any
) -> None:
    path = tmp_path / "settings.json"
    _write(path, content)
    original = path.read_text(encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="workbench.settings"):
        settings = Settings.load(path)
    assert settings.get("language") == "system"
    assert "ignoring the settings file" in caplog.text
    assert (tmp_path / "settings.json.bad").read_text(encoding="utf-8") == original


def test_bad_values_fall_back_to_their_default_and_unknown_keys_are_ignored(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "settings.json"
    _write(
        path,
        {
            "version": SETTINGS_VERSION,
            "values": {
                "language": "klingon",
                "theme": "dark",
                "sync_interval_minutes": 9999,
                "accounts": [{"server": 1, "login": "x"}],
                "server_url": None,
                "favourite_colour": "red",
            },
        },
    )
    with caplog.at_level(logging.WARNING, logger="workbench.settings"):
        settings = Settings.load(path)
    assert settings.get("theme") == "dark"  # the good value survives
    assert settings.get("language") == "system"
    assert settings.get("sync_interval_minutes") == 5
    assert settings.get("accounts") == []
    assert settings.get("server_url") == ""
    for name in ("language", "sync_interval_minutes", "accounts", "server_url"):
        assert name in caplog.text
    settings.save()
    assert "favourite_colour" not in _file(path)["values"]


def test_a_v0_file_is_upgraded_and_saved_at_the_current_version(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    # Version 0: the pre-release format, a bare object without the envelope.
    _write(path, {"language": "en", "sync_interval_minutes": 30})
    settings = Settings.load(path)
    assert settings.get("language") == "en"
    assert settings.get("sync_interval_minutes") == 30
    settings.save()
    assert _file(path)["version"] == SETTINGS_VERSION
    assert _file(path)["values"]["sync_interval_minutes"] == 30


def test_upgrade_steps_run_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A pretend version 2 that renamed a key: a v0 file goes through 0→1 and then 1→2."""
    ran: list[int] = []

    def step0(values: dict[str, Any]) -> dict[str, Any]:
        ran.append(0)
        return dict(values)

    def step1(values: dict[str, Any]) -> dict[str, Any]:
        ran.append(1)
        values["last_page"] = values.pop("start_page")
        return values

    monkeypatch.setattr(settings_module, "SETTINGS_VERSION", 2)
    monkeypatch.setattr(settings_module, "UPGRADES", {0: step0, 1: step1})
    path = tmp_path / "settings.json"
    _write(path, {"start_page": "samples"})
    settings = Settings.load(path)
    assert ran == [0, 1]
    assert settings.get("last_page") == "samples"
    settings.save()
    assert _file(path) == {
        "version": 2,
        "values": {**EXPECTED_DEFAULTS, "last_page": "samples"},
    }


def test_a_failing_upgrade_step_does_not_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(values: dict[str, Any]) -> dict[str, Any]:
        raise RuntimeError("bug in step")

    monkeypatch.setattr(settings_module, "UPGRADES", {0: broken})
    path = tmp_path / "settings.json"
    _write(path, {"theme": "dark"})
    with caplog.at_level(logging.WARNING, logger="workbench.settings"):
        settings = Settings.load(path)
    assert settings.get("theme") == "dark"
    assert "upgrading the settings from version 0 failed" in caplog.text


def test_a_file_from_a_newer_version_is_not_overwritten_blindly(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "settings.json"
    newer = SETTINGS_VERSION + 1
    _write(
        path,
        {
            "version": newer,
            "values": {
                "language": "zh_CN",
                "theme": {"name": "solarized"},  # a shape this version does not know
                "new_feature": [1, 2, 3],
            },
        },
    )
    with caplog.at_level(logging.WARNING, logger="workbench.settings"):
        settings = Settings.load(path)
    assert "newer version" in caplog.text
    assert settings.get("language") == "zh_CN"
    assert settings.get("theme") == "system"

    settings.set("sync_interval_minutes", 10)
    settings.save()
    on_disk = _file(path)
    assert on_disk["version"] == newer
    assert on_disk["values"] == {
        "language": "zh_CN",
        "theme": {"name": "solarized"},
        "new_feature": [1, 2, 3],
        "sync_interval_minutes": 10,
    }
