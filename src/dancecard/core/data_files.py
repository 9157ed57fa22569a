"""Where the core's data files (vocabulary, instruments, mitigations) live.

A plain path beside this module, rather than importlib.resources: the package is
always installed unzipped, and skipping that import keeps the CLI's start-up short.
"""

from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


def read_data(name: str) -> str:
    return (DATA_DIR / name).read_text(encoding="utf-8")
