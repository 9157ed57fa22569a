"""The domain core imports only the standard library and msgspec: no web framework, no database."""

import ast
import subprocess
import sys
from pathlib import Path

import dancecard.core

CORE = Path(dancecard.core.__file__).parent
ALLOWED_THIRD_PARTY = {"msgspec"}


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_core_modules_import_only_the_standard_library_and_msgspec():
    for path in CORE.rglob("*.py"):
        foreign = imported_roots(path) - set(sys.stdlib_module_names) - ALLOWED_THIRD_PARTY - {"dancecard"}
        assert not foreign, f"{path.name} imports {foreign}"


def test_a_quick_assessment_loads_no_heavy_library():
    code = ("import sys; from dancecard.core.instruments import get_instrument; from dancecard.core.result import assess;"
            "assess(get_instrument('quick'), {}); heavy = {'django', 'yaml', 'rich', 'numpy', 'typer'} & set(sys.modules);"
            "print(sorted(heavy))")
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "[]"
