"""Shop Workbench (小店工作台): desktop workbench for WeChat Shop creators and merchants.

The package is layered (see docs/architecture.md): ``core`` (domain, no I/O) and ``contract``
(the wire schemas) at the bottom, ``server`` beside the client layers, and ``ui`` on top.
"""

__version__ = "0.1.0"
