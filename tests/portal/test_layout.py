"""The shape of the code: imports run one way, and no import hides inside a function to dodge a cycle.

    portal.lib ← partnerships.review ← partnerships ← partnerships.cooperation ← practices, initiatives
        ← partnerships.climate ← partnerships.announcements ← portal

A module may import its own layer and the layers to its left; practices and initiatives do not import each other.
The walk reads the source (ast), so it sees every import whether or not it runs.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("portal", "partnerships", "practices", "initiatives")
LAYERS = [
    ("portal.lib",),
    ("partnerships.review",),
    ("partnerships",),
    ("partnerships.cooperation",),
    ("practices", "initiatives"),
    ("partnerships.climate",),
    ("partnerships.announcements",),
    ("portal",),
]


def _layer(module):
    """(rank, group) of a project module: the most specific prefix decides (portal.lib before portal)."""
    best = None
    for rank, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if module == prefix or module.startswith(prefix + "."):
                if best is None or len(prefix) > len(best[1]):
                    best = (rank, prefix)
    return best


def _module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imported(node, module, is_package):
    """The project modules an Import/ImportFrom node names."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:  # relative: resolve against the importing module's package
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[: len(base) - node.level + 1]
        target = ".".join([*base, node.module] if node.module else base)
    else:
        target = node.module or ""
    # `from partnerships.review import waiting` imports partnerships.review.waiting when that is a module.
    names = [f"{target}.{alias.name}" for alias in node.names]
    return [name if (ROOT / (name.replace(".", "/") + ".py")).exists() else target for name in names]


def _project_files():
    for package in PACKAGES:
        yield from sorted((ROOT / package).rglob("*.py"))


def _function_imports(tree):
    """Imports inside function bodies, except AppConfig.ready() (where Django wants apps' code imported)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name != "ready":
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import | ast.ImportFrom):
                    found.append(inner)
    return found


def _violations():
    against, hidden = [], []
    for path in _project_files():
        module = _module_name(path)
        own = _layer(module)
        tree = ast.parse(path.read_text(), filename=str(path))
        is_package = path.name == "__init__.py"
        in_functions = {id(node) for node in _function_imports(tree)}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            for target in _imported(node, module, is_package):
                other = _layer(target)
                if other is None or own is None:
                    continue
                if id(node) in in_functions:
                    hidden.append(f"{module}:{node.lineno} imports {target} inside a function")
                if other[0] > own[0] or (other[0] == own[0] and other[1] != own[1]):
                    against.append(f"{module}:{node.lineno} imports {target}")
    return against, hidden


def test_the_layers_are_what_the_walk_expects():
    assert _layer("portal.lib.mail") == (0, "portal.lib")
    assert _layer("partnerships.review.models") == (1, "partnerships.review")
    assert _layer("partnerships.models") == (2, "partnerships")
    assert _layer("partnerships.cooperation.views") == (3, "partnerships.cooperation")
    assert _layer("initiatives.views") == (4, "initiatives")
    assert _layer("partnerships.climate.models") == (5, "partnerships.climate")
    assert _layer("partnerships.announcements.sending") == (6, "partnerships.announcements")
    assert _layer("portal.views") == (7, "portal")
    assert _layer("portal.news.models") == (7, "portal")
    assert _layer("django.db") is None


@pytest.mark.parametrize(
    ("source", "module", "expected"),
    [
        ("from partnerships.models import Company", "portal.lib.mail", True),
        ("from portal.lib.mail import send", "partnerships.review.emails", False),
        ("import practices.models", "initiatives.views", True),
        ("from . import views", "partnerships.cooperation.urls", False),
        ("from ..models import Company", "partnerships.review.admin", True),
        ("from partnerships.climate.models import Report", "partnerships.models", True),
        ("from partnerships.climate.models import Report", "initiatives.views", True),
        ("from partnerships.cooperation.models import Application", "partnerships.climate.models", False),
    ],
)
def test_the_walk_recognises_an_arrow_against_the_direction(source, module, expected):
    node = ast.parse(source).body[0]
    own = _layer(module)
    targets = _imported(node, module, is_package=False)
    flagged = any(
        (other := _layer(t)) is not None and (other[0] > own[0] or (other[0] == own[0] and other[1] != own[1]))
        for t in targets
    )
    assert flagged is expected


def test_no_import_runs_against_the_direction():
    against, _hidden = _violations()
    assert against == []


def test_no_import_hides_inside_a_function():
    _against, hidden = _violations()
    assert hidden == []
