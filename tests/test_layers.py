"""The layers of aanbod/ (README, "How it works"): each module imports only its own layer and the layers below.

    base (the modules at the package root: problems, presentation, urls, ...)
      < content/
      < exports/, search/, contrib/   (side by side: none imports another)
      < site/
      < the entry points (__init__.py, __main__.py, cli.py, upkeep_cli.py)

And only the Pelican adapter imports Pelican. Imports are read from the source (ast), also those inside
functions, so a lazy import cannot hide a wrong direction.
"""

import ast
from pathlib import Path

import pytest

from conftest import ROOT

# The layer of a folder inside aanbod/; modules at the package root are the base, except the entry points.
LAYERS = {"content": 1, "exports": 2, "search": 2, "contrib": 2, "site": 3}
BASE = 0
ENTRY_POINTS = {"__init__", "__main__", "cli", "upkeep_cli"}
ENTRY = 4
PELICAN_ADAPTER = {"aanbod.site.pelican_plugin", "aanbod.site.generator", "aanbod.site.page_reader", "aanbod.site.siteconfig"}


def _modules(package: Path) -> dict[str, Path]:
    modules = {}
    for path in package.rglob("*.py"):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


def layer(path: Path, package: Path) -> tuple[str, int]:
    """The layer's name and rank of a module file."""
    parts = path.relative_to(package).parts
    if len(parts) == 1:
        return ("entry points", ENTRY) if path.stem in ENTRY_POINTS else ("base", BASE)
    if parts[0] not in LAYERS:
        raise AssertionError(f"{path}: aanbod/{parts[0]}/ is in no layer; add it to LAYERS in tests/test_layers.py and the README")
    return parts[0], LAYERS[parts[0]]


def _imports(module: str, path: Path, modules: dict[str, Path]):
    """(line, imported module) for each import of the package and (line, "pelican...") for Pelican's."""
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module
            for alias in node.names:
                # `from . import loading` imports a module; `from .loading import find_files` a name in one.
                submodule = f"{source}.{alias.name}"
                yield node.lineno, submodule if submodule in modules else source


def violations(package: Path) -> list[str]:
    """Every import against the layers, as `path:line: module imports other (layer rank) ...`."""
    modules = _modules(package)
    found = []
    for module, path in sorted(modules.items()):
        own_name, own_rank = layer(path, package)
        where = f"{path.relative_to(package.parent)}"
        for line, imported in _imports(module, path, modules):
            if imported == "pelican" or imported.startswith("pelican."):
                if module not in PELICAN_ADAPTER:
                    found.append(f"{where}:{line}: {module} imports {imported}, but only the Pelican adapter may")
                continue
            if imported not in modules:
                continue
            other_name, other_rank = layer(modules[imported], package)
            if other_name == own_name or other_rank < own_rank:
                continue
            if other_rank == own_rank:
                found.append(f"{where}:{line}: {module} imports {imported}: {own_name} and {other_name} are side by side")
            else:
                found.append(f"{where}:{line}: {module} ({own_name}) imports {imported} from the higher layer {other_name}")
    return found


def test_no_module_imports_a_higher_layer_or_pelican_outside_the_adapter():
    assert violations(ROOT / "aanbod") == []


def test_every_layer_folder_holds_modules():
    # A layer named here but gone from the tree would make the rules above check nothing for it.
    for name in LAYERS:
        assert list((ROOT / "aanbod" / name).glob("*.py")), name


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    package = tmp_path / "aanbod"
    for name, text in files.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for folder in {path.parent for path in package.rglob("*.py")} | {package}:
        (folder / "__init__.py").touch()
    return package


def test_the_check_names_each_wrong_import(tmp_path):
    package = _package(tmp_path, {
        "problems.py": "",
        "content/model.py": "from ..problems import Problem\n\n\ndef later():\n    from ..site import generator\n",
        "content/rows.py": "from . import model\nfrom aanbod.search.index import codes\n",
        "search/index.py": "from ..content.model import Offer\nfrom ..contrib.review import review\n",
        "contrib/review.py": "import pelican\n",
        "site/generator.py": "from pelican.generators import Generator\nfrom ..content import model\nfrom .. import cli\n",
        "cli.py": "from .site import generator\n",
    })
    assert violations(package) == [
        "aanbod/content/model.py:5: aanbod.content.model (content) imports aanbod.site.generator from the higher layer site",
        "aanbod/content/rows.py:2: aanbod.content.rows (content) imports aanbod.search.index from the higher layer search",
        "aanbod/contrib/review.py:1: aanbod.contrib.review imports pelican, but only the Pelican adapter may",
        "aanbod/search/index.py:2: aanbod.search.index imports aanbod.contrib.review: search and contrib are side by side",
        "aanbod/site/generator.py:3: aanbod.site.generator (site) imports aanbod.cli from the higher layer entry points",
    ]


def test_a_folder_outside_the_layers_is_refused(tmp_path):
    package = _package(tmp_path, {"extra/thing.py": ""})
    with pytest.raises(AssertionError, match="aanbod/extra/ is in no layer"):
        violations(package)
