"""Shop Workbench (小店工作台): desktop workbench for WeChat Shop creators and merchants.

The package is layered (see docs/architecture.md): ``core`` (domain, no I/O) and ``contract``
(the wire schemas) at the bottom, ``server`` beside the client layers, and ``ui`` on top.

``__version__`` is read from the installed distribution's metadata, whose one source is
``version`` in pyproject.toml: ``workbench --version``, the About dialog, the client's
``User-Agent``, the server's ``/healthz`` and the installers all show this value. It is read on
first use (``importlib.metadata`` and its e-mail parser cost tens of milliseconds to import).
"""

from __future__ import annotations

from functools import cache

DISTRIBUTION = "shop-workbench"


@cache
def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:  # a source tree on sys.path that was never pip-installed
        return "0+unknown"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return _version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
