"""Shop Workbench (小店工作台): desktop workbench for WeChat Shop creators and merchants.

The package is layered (see docs/architecture.md): ``core`` (domain, no I/O) and ``contract``
(the wire schemas) at the bottom, ``server`` beside the client layers, and ``ui`` on top.

``__version__`` is read from the installed distribution's metadata, whose one source is
``version`` in pyproject.toml: ``workbench --version``, the About dialog, the client's
``User-Agent``, the server's ``/healthz`` and the installers all show this value.
"""

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _distribution_version

DISTRIBUTION = "shop-workbench"

try:
    __version__ = _distribution_version(DISTRIBUTION)
except PackageNotFoundError:  # a source tree on sys.path that was never pip-installed
    __version__ = "0+unknown"
