"""The one thing pyproject.toml cannot say: install the top-level ``resources/`` folder as the
package data ``workbench/resources`` (icons, licence texts, the .desktop entry, AppStream data),
where :mod:`workbench.assets` finds it in an installed wheel. Everything else is in pyproject.toml.
"""

from setuptools import find_namespace_packages, find_packages, setup

RESOURCES = [f"workbench.resources.{name}" for name in find_namespace_packages("resources")]

setup(
    packages=[*find_packages(include=["workbench*"]), "workbench.resources", *RESOURCES],
    package_dir={"workbench.resources": "resources"},
)
