"""The app's settings: one typed schema, stored as a versioned JSON file in the config dir.

Every key is declared once in :data:`SCHEMA` (name, type, default, description, limits), as
MusicBrainz Picard does, so no code invents loose string keys. The file looks like
``{"version": N, "values": {...}}`` and is written atomically (temp file + ``os.replace``, as
calibre does), so a crash never leaves half a file.

Reading is forgiving, because people edit this file by hand: a missing or broken file gives the
defaults, an unknown key is ignored, a value of the wrong type or out of range falls back to its
default with a logged warning. A file from an older version goes through the upgrade steps in
:data:`UPGRADES`; a file from a newer version is read for the keys this version knows, and saving
keeps the newer file's version and every value this session did not change, so the newer app
still finds its own settings.

No secrets here: tokens live in the OS keychain (``client/tokens.py``), passwords nowhere.
"""

from __future__ import annotations

import copy
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench import paths

log = logging.getLogger(__name__)

SETTINGS_VERSION = 1
"""The version written to the file; raise it (and add an upgrade step) when a key changes meaning."""

FILE_NAME = "settings.json"


@dataclass(frozen=True)
class Setting:
    """One key of the settings file."""

    name: str
    type: type
    default: Any
    description: str
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    check: Callable[[Any], Any] | None = None
    """Extra validation for structured values: returns the value normalised, or raises ValueError."""

    def validate(self, value: Any) -> Any:
        """``value`` normalised for this key, or ValueError saying what is wrong."""
        if self.type is int:
            # bool is an int to Python, but ``true`` is never a number of minutes.
            if not isinstance(value, int) or isinstance(value, bool):
                raise ValueError(f"setting {self.name!r} must be a whole number, not {value!r}")
        elif not isinstance(value, self.type):
            raise ValueError(
                f"setting {self.name!r} must be of type {self.type.__name__}, not {value!r}"
            )
        if self.choices and value not in self.choices:
            allowed = ", ".join(repr(c) for c in self.choices)
            raise ValueError(f"setting {self.name!r} must be one of {allowed}, not {value!r}")
        if (self.minimum is not None and value < self.minimum) or (
            self.maximum is not None and value > self.maximum
        ):
            raise ValueError(
                f"setting {self.name!r} must be between {self.minimum} and {self.maximum},"
                f" not {value!r}"
            )
        if self.check is not None:
            value = self.check(value)
        return value


def _check_accounts(value: list[Any]) -> list[dict[str, str]]:
    accounts: list[dict[str, str]] = []
    for item in value:
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("server"), str)
            or not isinstance(item.get("login"), str)
        ):
            raise ValueError(
                'setting \'accounts\' must be a list of {"server": str, "login": str},'
                f" not {item!r} in it"
            )
        accounts.append({"server": item["server"], "login": item["login"]})
    return accounts


SCHEMA: tuple[Setting, ...] = (
    Setting(
        "language",
        str,
        "system",
        "Language of the interface: 'system' follows the operating system (Chinese if it is"
        " Chinese, else English), 'zh_CN' is Simplified Chinese, 'en' is English.",
        choices=("system", "zh_CN", "en"),
    ),
    Setting(
        "theme",
        str,
        "system",
        "Colours: 'system' follows the operating system's light or dark mode.",
        choices=("system", "light", "dark"),
    ),
    Setting(
        "sync_interval_minutes",
        int,
        5,
        "Minutes between automatic syncs with the server.",
        minimum=1,
        maximum=240,
    ),
    Setting(
        "data_directory",
        str,
        "",
        "Folder for the local caches, logs and the embedded server's database; empty means the"
        " platform's default. Takes effect after a restart.",
    ),
    Setting(
        "server_url",
        str,
        "",
        "Address of the server to sync with; empty means the embedded demo server.",
    ),
    Setting(
        "window_geometry",
        str,
        "",
        "The main window's size and position: base64 of QMainWindow.saveGeometry().",
    ),
    Setting(
        "window_state",
        str,
        "",
        "The main window's toolbars and docks: base64 of QMainWindow.saveState().",
    ),
    Setting("last_page", str, "selection", "The page shown when the workbench last closed."),
    Setting(
        "selection_header",
        str,
        "",
        "The selection center table's column order and widths: base64 of QHeaderView.saveState().",
    ),
    Setting(
        "selection_splitter",
        str,
        "",
        "The selection center's pane sizes: base64 of QSplitter.saveState().",
    ),
    Setting(
        "selection_filters",
        dict,
        {},
        "The selection center's last filter of each account ('server|login' → the filter as"
        " saved filters store it, see store/filter_codec.py), restored when it opens.",
    ),
    Setting(
        "accounts",
        list,
        [],
        'Accounts signed in on this computer, as {"server": url, "login": name}; no tokens.',
        check=_check_accounts,
    ),
    Setting(
        "active_account",
        str,
        "",
        "The account in use, as 'server|login'; empty means none yet.",
    ),
)

_BY_NAME: dict[str, Setting] = {s.name: s for s in SCHEMA}

Values = dict[str, Any]

UPGRADES: dict[int, Callable[[Values], Values]] = {}
"""Upgrade steps: ``UPGRADES[n]`` turns the values of a version-``n`` file into version ``n + 1``."""


def _upgrade_0(values: Values) -> Values:
    # Version 0 is the pre-release file: a bare object of values, without the
    # {"version", "values"} envelope. Its keys already mean what version 1's do.
    return dict(values)


UPGRADES[0] = _upgrade_0


def default_path() -> Path:
    """Where the settings file lives: the config dir (``$WORKBENCH_HOME/config`` in tests)."""
    return paths.config_dir() / FILE_NAME


def spec(name: str) -> Setting:
    """The declaration of setting ``name`` (its type, default, limits); KeyError if unknown."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise KeyError(f"unknown setting {name!r}") from None


class Settings:
    """The settings of one user: read with :meth:`load`, change with :meth:`set`, then :meth:`save`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._values: Values = {s.name: copy.deepcopy(s.default) for s in SCHEMA}
        # For a file written by a newer version: its raw values and version, so saving changes
        # only what this session set and leaves the rest for the newer app.
        self._newer: tuple[int, Values] | None = None
        self._changed: set[str] = set()

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        """The settings in ``path`` (default: :func:`default_path`); never raises on a bad file."""
        settings = cls(path if path is not None else default_path())
        raw = settings._read()
        if raw is not None:
            settings._adopt(raw)
        return settings

    def get(self, name: str) -> Any:
        """The value of ``name`` (a copy for lists, so callers cannot change it behind our back)."""
        return copy.deepcopy(self._values[spec(name).name])

    def set(self, name: str, value: Any) -> None:
        """Change ``name`` in memory; ValueError if ``value`` has the wrong type or range."""
        self._values[name] = spec(name).validate(copy.deepcopy(value))
        self._changed.add(name)

    def reset(self, name: str) -> None:
        """Put ``name`` back to its default."""
        self.set(name, spec(name).default)

    def save(self) -> None:
        """Write the file atomically (temp file in the same folder, then ``os.replace``)."""
        if self._newer is not None:
            version, values = self._newer
            values = dict(values)
            for name in self._changed:
                values[name] = self._values[name]
        else:
            version, values = SETTINGS_VERSION, dict(self._values)
        text = json.dumps(
            {"version": version, "values": values}, ensure_ascii=False, indent=2, sort_keys=True
        )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=self.path.parent, prefix=".settings-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as tmp:
                tmp.write(text + "\n")
                tmp.flush()
                os.fsync(tmp.fileno())
            os.replace(tmp_name, self.path)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
        if self._newer is not None:
            self._newer = (version, values)
        self._changed.clear()

    # -- reading ---------------------------------------------------------------------------

    def _read(self) -> Any:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("cannot read the settings file %s (%s); using the defaults", self.path, exc)
            return None
        try:
            return json.loads(text)
        except ValueError as exc:
            self._keep_bad_copy(f"it is not valid JSON ({exc})")
            return None

    def _keep_bad_copy(self, why: str) -> None:
        # Saving would overwrite the broken file; keep it for whoever edited it by hand.
        backup = self.path.with_name(self.path.name + ".bad")
        try:
            shutil.copyfile(self.path, backup)
        except OSError:
            backup = self.path
        log.warning("ignoring the settings file %s: %s; a copy is in %s", self.path, why, backup)

    def _adopt(self, raw: Any) -> None:
        if not isinstance(raw, dict):
            self._keep_bad_copy("it is not a JSON object")
            return
        if "version" in raw or "values" in raw:
            version, values = raw.get("version"), raw.get("values")
            if not isinstance(version, int) or isinstance(version, bool) or version < 0:
                self._keep_bad_copy(f"its version is not a number: {version!r}")
                return
            if not isinstance(values, dict):
                self._keep_bad_copy("its 'values' is not an object")
                return
        else:
            version, values = 0, raw
        if version > SETTINGS_VERSION:
            log.warning(
                "the settings file %s was written by a newer version of the workbench"
                " (settings version %d, this one knows %d): reading the keys this version knows;"
                " saving changes only what you change here",
                self.path,
                version,
                SETTINGS_VERSION,
            )
            self._newer = (version, dict(values))
        else:
            values = self._upgrade(version, values)
        for name, value in values.items():
            setting = _BY_NAME.get(name)
            if setting is None:
                log.info("ignoring unknown setting %r in %s", name, self.path)
                continue
            try:
                self._values[name] = setting.validate(value)
            except ValueError as exc:
                log.warning("%s in %s; using the default %r", exc, self.path, setting.default)

    def _upgrade(self, version: int, values: Values) -> Values:
        while version < SETTINGS_VERSION:
            step = UPGRADES.get(version)
            if step is None:
                log.warning(
                    "no upgrade step from settings version %d; using the values as they are",
                    version,
                )
                break
            try:
                values = step(dict(values))
            except Exception:
                log.warning(
                    "upgrading the settings from version %d failed; using the values as they are",
                    version,
                    exc_info=True,
                )
                break
            version += 1
        return values
