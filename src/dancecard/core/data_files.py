"""Where the core's data files (vocabulary, instruments, mitigations) live.

A plain path beside this module, rather than importlib.resources: the package is
always installed unzipped, and skipping that import keeps the CLI's start-up short.
"""

from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


def read_data(name: str) -> str:
    return (DATA_DIR / name).read_text(encoding="utf-8")


# --- versioned data files (instruments, signal rules, health checks, commitment answers) ---------


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split(".") if p.isdigit())


def versions(folder: Path, name: str) -> list[tuple[str, Path]]:
    """(version, path) of every `NAME-VERSION.toml` in the folder, newest last."""
    found = [(path.stem.rpartition("-")[2], path) for path in folder.glob(f"{name}-*.toml")]
    return sorted(found, key=lambda t: version_key(t[0]))


def read_toml(path: Path) -> dict:
    """A data file's contents; an InstrumentError naming the file when it cannot be read or parsed."""
    import tomllib

    from dancecard.core.errors import InstrumentError

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InstrumentError(f"{path.name}: cannot read the file ({exc}).") from exc
    except tomllib.TOMLDecodeError as exc:
        raise InstrumentError(f"{path.name}: not valid TOML ({exc}).") from exc


def refuse_problems(path: Path, problems: list[str]) -> None:
    """Every problem found in a data file, in one InstrumentError (nothing when there are none)."""
    from dancecard.core.errors import InstrumentError

    if problems:
        listing = "\n".join(f"  - {p}" for p in problems)
        raise InstrumentError(f"{path.name}: {len(problems)} problem(s)\n{listing}")
