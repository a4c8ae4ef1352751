"""Load and validate the curated registries in content/registry/.

places.yml, factions.yml, people.yml, sources.yml, countries.yml: each a list
of entries. A broken registry stops the build (no partial site), with every
problem named by file and line.
"""
from __future__ import annotations

import difflib
import hashlib
import os
from pathlib import Path

from . import yamlsafe
from .errors import Problem, RegistryError
from .load import link_outside, link_refused
from .model import Country, Faction, Person, Place, Registry, Source

FACTION_KINDS = ("armed group", "generic", "government", "foreign state")
# file → (model class, required keys, optional keys with their types)
SCHEMA = {
    "places": (Place, {"name": str}, {"kind": str, "governorate": str, "lat": float, "lon": float,
                                      "aliases": list, "geonames_id": int, "population": int}),
    "factions": (Faction, {"name": str, "kind": str}, {"aliases": list, "adjectives": list, "parent": str,
                                                       "side": str}),
    "people": (Person, {"name": str}, {"role": str, "aliases": list, "faction": str}),
    "sources": (Source, {"name": str}, {"kind": str, "aliases": list}),
    "countries": (Country, {"name": str}, {"aliases": list, "adjectives": list}),
}
MODEL_FIELDS = {"geonames_id", "population"}  # validated, kept in the YAML, not in the model


def _check_entry(entry, line: int, src_path: str, required: dict, optional: dict) -> list[Problem]:
    if not isinstance(entry, dict):
        return [Problem(src_path, line, "each entry must be a mapping such as '- name: Homs'")]
    problems = []
    for key, want in required.items():
        if not isinstance(entry.get(key), want) or not str(entry.get(key)).strip():
            problems.append(Problem(src_path, line, f"entry needs '{key}' ({want.__name__})"))
    for key, value in entry.items():
        if key in required:
            continue
        if key not in optional:
            close = difflib.get_close_matches(str(key), list(required) + list(optional), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problems.append(Problem(src_path, line, f"unknown key '{key}'{hint}"))
            continue
        want = optional[key]
        if value is None:
            continue
        ok = (isinstance(value, (int, float)) and not isinstance(value, bool)) if want is float else \
            isinstance(value, want)
        if want is list and ok:
            ok = all(isinstance(v, str) for v in value)
        if not ok:
            problems.append(Problem(src_path, line, f"'{key}' of {entry.get('name')!r} must be "
                                                    f"{'a list of names' if want is list else want.__name__}, "
                                                    f"not {value!r}"))
    return problems


def read_registry(content_dir: Path) -> dict[str, bytes | None]:
    """The registry files' bytes by name (None for a missing file). A file
    (or the folder) linking outside the content folder is refused."""
    folder = content_dir / "registry"
    inside = os.path.realpath(content_dir)
    refused = [Problem(path.as_posix(), None, link_refused(target))
               for path in [folder, *(folder / f"{name}.yml" for name in SCHEMA)]
               if path.is_symlink() for target in [link_outside(path, inside)] if target]
    if refused:
        raise RegistryError(refused)
    return {name: (folder / f"{name}.yml").read_bytes() if (folder / f"{name}.yml").exists() else None
            for name in SCHEMA}


def registry_digest(files: dict[str, bytes | None]) -> str:
    digest = hashlib.sha256()
    for name, data in files.items():
        if data is not None:
            digest.update(name.encode() + b"\0" + data + b"\0")
    return digest.hexdigest()[:16]


def load_registry(content_dir: Path) -> Registry:
    return parse_registry(content_dir, read_registry(content_dir))


def parse_registry(content_dir: Path, files: dict[str, bytes | None]) -> Registry:
    folder = content_dir / "registry"
    problems: list[Problem] = []
    tables: dict[str, dict] = {}
    for name, (cls, required, optional) in SCHEMA.items():
        path = folder / f"{name}.yml"
        src_path = path.as_posix()
        tables[name] = {}
        data = files[name]
        if data is None:
            if name in ("places", "factions"):
                problems.append(Problem(src_path, None, f"missing registry: create {name}.yml (a list of entries)"))
            continue
        try:
            items = yamlsafe.parse_list(data.decode("utf-8-sig"))
        except UnicodeDecodeError:
            problems.append(Problem(src_path, None, "not UTF-8 text; re-save it as UTF-8"))
            continue
        except yamlsafe.YAMLProblem as exc:
            problems.append(Problem(src_path, exc.line, exc.message))
            continue
        for line, entry in items:
            found = _check_entry(entry, line, src_path, required, optional)
            if found:
                problems.extend(found)
                continue
            fields = {k: v for k, v in entry.items() if k not in MODEL_FIELDS}
            item = cls(**fields)
            if name == "factions" and item.kind not in FACTION_KINDS:
                problems.append(Problem(src_path, line, f"kind of {item.name!r} must be one of "
                                                        f"{', '.join(FACTION_KINDS)}, not {item.kind!r}"))
            if item.name in tables[name]:
                problems.append(Problem(src_path, line, f"{item.name!r} is listed twice; merge the entries"))
            tables[name][item.name] = item
    for faction in tables.get("factions", {}).values():
        if faction.parent and faction.parent not in tables["factions"]:
            problems.append(Problem((folder / "factions.yml").as_posix(), None,
                                    f"parent {faction.parent!r} of {faction.name!r} is not a listed faction"))
    for person in tables.get("people", {}).values():
        if person.faction and person.faction not in tables["factions"]:
            problems.append(Problem((folder / "people.yml").as_posix(), None,
                                    f"faction {person.faction!r} of {person.name!r} is not a listed faction"))
    if problems:
        raise RegistryError(problems)
    return Registry(digest=registry_digest(files), **tables)
