"""Reading the knowledge base's files (``states.csv``, ``organisations*.yaml``, ``offices*.yaml``,
``people*.yaml``) into validated models, with the errors ``load_kb`` raises (E120, E121).

Split from :mod:`sitrep.actors.kb`, which holds the models and the lookups over them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from sitrep.errors import E, SitrepError

from .kb import STATE_COLUMNS, Office, Organisation, Person, State, _Model, date_bounds


def read_all(data_dir: Path) -> tuple[dict[str, State], dict[str, Organisation], dict[str, Office], dict[str, Person]]:
    """Every file of ``data_dir``, validated; raises ``SitrepError`` (E120/E121) on the first fault."""
    states = _read_states(data_dir / "states.csv")
    orgs = _read_organisations(data_dir / "organisations.yaml", states)
    # offices.yaml / people.yaml, then any offices_*.yaml / people_*.yaml (blocks by era or region).
    codes = set(states) | {o.code for o in orgs.values()}
    offices: dict[str, Office] = {}
    for path in _parts(data_dir, "offices"):
        for oid, office in _read_offices(path, codes).items():
            if oid in offices:
                raise _entry_error(path.name, oid, "office", "duplicate office id (in another offices file)")
            offices[oid] = office
    people: dict[str, Person] = {}
    for path in _parts(data_dir, "people"):
        people.update(_read_people(path, offices, set(orgs) | set(people)))
    return states, orgs, offices, people


def _entry_error(file: str, entry: str, field: str, detail: str) -> SitrepError:
    return SitrepError(E.E120, file=file, entry=entry, field=field, detail=detail)


def _validate(model: type[_Model], data: Any, file: str, entry: str) -> Any:
    if not isinstance(data, dict):
        raise _entry_error(file, entry, "-", f"expected a mapping, got {type(data).__name__}")
    try:
        return model.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        field = ".".join(str(p) for p in err["loc"]) or "-"
        raise _entry_error(file, entry, field, err["msg"]) from e


def _read_yaml(path: Path, *, required: bool) -> list[Any]:
    if not path.exists():
        if required:
            raise SitrepError(E.E121, file=path.name, detail="file is missing")
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        raise SitrepError(E.E121, file=path.name, detail=f"unreadable YAML: {e}") from e
    if data is None:
        return []
    if not isinstance(data, list):
        raise SitrepError(E.E121, file=path.name, detail="the top level must be a list")
    return data


def _blocks(path: Path, key: str, *, required: bool) -> Iterable[tuple[str, str, int, Any]]:
    """Entries of a file of blocks ``{block, source, <key>: [...]}`` as (block, source, n, entry)."""
    for i, block in enumerate(_read_yaml(path, required=required), 1):
        label = block.get("block", f"block #{i}") if isinstance(block, dict) else f"block #{i}"
        if not isinstance(block, dict) or set(block) != {"block", "source", key}:
            raise _entry_error(path.name, str(label), "-", f"a block has keys block, source, {key}")
        if not isinstance(block["source"], str) or not block["source"].strip():
            raise _entry_error(path.name, str(label), "source", "every block must name its source")
        if not isinstance(block[key], list):
            raise _entry_error(path.name, str(label), key, "must be a list")
        for n, entry in enumerate(block[key], 1):
            yield str(label), block["source"].strip(), n, entry


def _label(entry: Any, *keys: str, fallback: str) -> str:
    if isinstance(entry, dict):
        for k in keys:
            if entry.get(k):
                return str(entry[k])
    return fallback


def _read_states(path: Path) -> dict[str, State]:
    if not path.exists():
        raise SitrepError(E.E121, file=path.name, detail="file is missing")
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    if tuple(reader.fieldnames or ()) != STATE_COLUMNS:
        detail = f"columns must be {','.join(STATE_COLUMNS)}"
        raise SitrepError(E.E121, file=path.name, detail=detail)
    states: dict[str, State] = {}
    for n, row in enumerate(reader, 1):
        entry = row.get("iso3") or f"row {n}"
        if None in row or None in row.values():
            raise _entry_error(path.name, entry, "-", f"expected {len(STATE_COLUMNS)} columns")
        data: dict[str, Any] = {**row, "qid": row["qid"] or None}
        for col in ("short_names", "adjectives", "demonyms"):
            data[col] = tuple(v.strip() for v in row[col].split("|") if v.strip())
        state = _validate(State, data, path.name, entry)
        if state.iso3 in states:
            raise _entry_error(path.name, entry, "iso3", "duplicate iso3")
        states[state.iso3] = state
    if len({s.iso2 for s in states.values()}) != len(states):
        raise SitrepError(E.E121, file=path.name, detail="iso2 codes are not unique")
    return states


def _check_order(file: str, entry: str, start: str | None, end: str | None) -> None:
    if date_bounds(start)[0] > date_bounds(end)[1]:
        raise _entry_error(file, entry, "end", f"end {end} is before start {start}")


def _read_organisations(path: Path, states: dict[str, State]) -> dict[str, Organisation]:
    """organisations.yaml, then organisations_*.yaml beside it; principals may point across files."""
    orgs: dict[str, Organisation] = {}
    for part in _parts(path.parent, "organisations"):
        _read_organisation_file(part, orgs, required=part == path)
    codes = set(states) | {o.code for o in orgs.values()}
    for org in orgs.values():
        if org.principal not in codes:
            detail = f"unknown code '{org.principal}' (neither a state's iso3 nor an organisation's code)"
            raise _entry_error("organisations*.yaml", org.id, "principal", detail)
    return orgs


def _read_organisation_file(path: Path, orgs: dict[str, Organisation], *, required: bool) -> None:
    for block, source, n, raw in _blocks(path, "organisations", required=required):
        entry = _label(raw, "id", "name", fallback=f"#{n} in block '{block}'")
        data = {**raw, "block": block, "source": source} if isinstance(raw, dict) else raw
        org = _validate(Organisation, data, path.name, entry)
        if org.id in orgs:
            raise _entry_error(path.name, entry, "id", "duplicate id")
        _check_order(path.name, entry, org.start, org.end)
        orgs[org.id] = org


def _read_offices(path: Path, codes: set[str]) -> dict[str, Office]:
    offices: dict[str, Office] = {}
    for n, raw in enumerate(_read_yaml(path, required=False), 1):
        entry = _label(raw, "office", fallback=f"#{n}")
        office = _validate(Office, raw, path.name, entry)
        if office.office in offices:
            raise _entry_error(path.name, entry, "office", "duplicate office id")
        if office.org not in codes:
            raise _entry_error(path.name, entry, "org", f"unknown code '{office.org}'")
        if office.office.split(".")[0].split("-")[0] != office.org:
            raise _entry_error(path.name, entry, "office", f"must start with its org '{office.org}'")
        offices[office.office] = office
    return offices


def _parts(data_dir: Path, stem: str) -> list[Path]:
    return [data_dir / f"{stem}.yaml", *sorted(data_dir.glob(f"{stem}_*.yaml"))]


def _read_people(path: Path, offices: dict[str, Office], taken: set[str]) -> dict[str, Person]:
    people: dict[str, Person] = {}
    for block, source, n, raw in _blocks(path, "people", required=False):
        entry = _label(raw, "id", "name", fallback=f"#{n} in block '{block}'")
        data = {**raw, "block": block, "source": source} if isinstance(raw, dict) else raw
        person = _validate(Person, data, path.name, entry)
        if person.id in people or person.id in taken:
            raise _entry_error(path.name, entry, "id", "duplicate id")
        for i, role in enumerate(person.roles):
            if role.office not in offices:
                raise _entry_error(path.name, entry, f"roles.{i}.office", f"unknown office '{role.office}'")
            _check_order(path.name, entry, role.start, role.end)
        people[person.id] = person
    return people
