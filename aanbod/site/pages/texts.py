"""The interface texts that scripts write, as JSON islands: each island worked out once per language.

The texts are defined once, in theme/templates/_teksten.html. Evaluating that module runs a few
hundred gettext calls, so it is evaluated once per language, not once per page, and each island
(a choice of groups) is kept as the finished string the pages share.
"""

from __future__ import annotations

from typing import Any, Callable


class TextIslands:
    def __init__(self, module_in: Callable[[str], Any]):
        """``module_in(language)``: the _teksten.html template module evaluated in ``language``."""
        self._module_in = module_in
        self._modules: dict[str, Any] = {}
        self._islands: dict[tuple, str] = {}

    def module(self, language: str):
        if language not in self._modules:
            self._modules[language] = self._module_in(language)
        return self._modules[language]

    def group(self, language: str, name: str) -> dict:
        """One group of texts (``zoeken_later``, ``lijstje``, ...) in ``language``."""
        return getattr(self.module(language), name)

    def island(self, language: str, groups: tuple[str, ...], later: str = ""):
        """The <script type="application/json" id="texts"> of a page that uses ``groups``."""
        key = (language, groups, later)
        if key not in self._islands:
            module = self.module(language)
            self._islands[key] = module.island([getattr(module, name) for name in groups], later=later)
        return self._islands[key]
