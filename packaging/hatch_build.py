"""Hatch build hook: compile translation catalogs and fetch the face model (see
`face_model.py`) before the wheel is assembled."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogBuildHook(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        _load(self.root, "catalogs").compile_all()
        _load(self.root, "face_model").fetch()


def _load(root: str, name: str) -> Any:
    spec = importlib.util.spec_from_file_location(
        f"klasse_{name}", Path(root) / "packaging" / f"{name}.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
