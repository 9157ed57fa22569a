"""The model's numbers and rules as data (data/model-VERSION.toml), loaded and checked once."""

from __future__ import annotations

import tomllib
from functools import cache

import msgspec

from dancecard.core.data_files import read_data
from dancecard.core.errors import InstrumentError
from dancecard.core.vocabulary import TermSource, load_vocabulary

MODEL_VERSION = "2.0"


class Header(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    version: str


class Coverage(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    min: float


class Gate(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    met_at: float
    fail_below: float
    market_floor: float


class Value(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    weaker_plus: float


class Risk(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    safeguard_relief: float


class Bands(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    little_value_below: float
    unacceptable_risk_at: float
    strong_at: float
    sound_at: float
    low_risk_below: float
    pursue_needs_safeguards: float
    lower_risk_from: float


class Step(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    code: str
    source: TermSource


class Model(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    model: Header
    coverage: Coverage
    gate: Gate
    value: Value
    risk: Risk
    bands: Bands
    barrier_readings: dict[str, tuple[str, ...]]
    gate_steps: tuple[Step, ...]

    @property
    def version(self) -> str:
        return self.model.version


@cache
def load_model(version: str = MODEL_VERSION) -> Model:
    name = f"model-{version}.toml"
    try:
        model = msgspec.convert(tomllib.loads(read_data(name)), Model)
    except (OSError, tomllib.TOMLDecodeError, msgspec.ValidationError) as exc:
        raise InstrumentError(f"{name}: {exc}") from exc
    terms = load_vocabulary().terms
    for barrier, keys in model.barrier_readings.items():
        unknown = [k for k in (barrier, *keys) if k not in terms]
        if unknown:
            raise InstrumentError(f"{name}: [barrier_readings] names unknown terms {unknown}")
    return model
