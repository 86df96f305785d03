#!/usr/bin/env python3
"""Regenerate the three administrative-unit CSV files of this folder.

What it does
    Rebuilds, byte for byte, from their upstream source:
      provinces-2025.csv        the 34 provinces and cities after 1 July 2025
      communes-2025.csv         their 3,321 communes, wards and special zones
      legacy-wards-to-2025.csv  10,602 (old ward -> new commune) pairs, five of
                                them whole island districts that had no wards

Source
    The Python package `vietnamadminunits` version 1.0.4 on PyPI (upstream
    repository tranngocminhhieu/vietnamadminunits), its wheel's files
      vietnamadminunits/data/dataset.db          (SQLite: tables admin_units,
                                                  admin_units_legacy)
      vietnamadminunits/data/converter_2025.json
    The wheel is downloaded from PyPI and its SHA-256 checked against the
    digest PyPI publishes (and against the one pinned below).

Licence
    The data are under the MIT licence of `vietnamadminunits`; its full text
    is in LICENSE-vietnamadminunits.txt next to the data. Keep it there.

How to run (Python 3.8+, standard library only)
    python3 regenerate.py                  # write the three files next to this script
    python3 regenerate.py --out DIR        # write them into DIR instead
    python3 regenerate.py --check          # write nothing; compare with the existing
                                           # files, exit 1 if any differs
    python3 regenerate.py --wheel PATH     # use a local wheel (offline), e.g. from
        pip download --no-deps vietnamadminunits==1.0.4 -d /tmp/vau

Output format: UTF-8 without BOM, CRLF line endings, comma-separated, fields
quoted only where needed (none are, in practice), floats written as Python's
repr() of the SQLite REAL (21.0001, 105.698, 2.6), a NULL as an empty field.
"""

import argparse
import csv
import hashlib
import io
import json
import os
import sqlite3
import sys
import tempfile
import urllib.error
import urllib.request
import zipfile

PACKAGE = "vietnamadminunits"
VERSION = "1.0.4"
WHEEL_NAME = "vietnamadminunits-1.0.4-py3-none-any.whl"
# The digest PyPI publishes for WHEEL_NAME; used to check a --wheel file offline.
WHEEL_SHA256 = "737ee3662e877290386c1c45ed4d71f2e5fae34ab6fb9c64bfb4cb74b216ea35"
PYPI_JSON_URLS = (
    "https://pypi.org/pypi/%s/%s/json" % (PACKAGE, VERSION),
    # Fallback: some PyPI mirrors serve only the project-level document,
    # whose "releases" map holds the same file list for every version.
    "https://pypi.org/pypi/%s/json" % PACKAGE,
)
DB_MEMBER = "vietnamadminunits/data/dataset.db"
CONVERTER_MEMBER = "vietnamadminunits/data/converter_2025.json"

PROVINCES_CSV = "provinces-2025.csv"
COMMUNES_CSV = "communes-2025.csv"
LEGACY_CSV = "legacy-wards-to-2025.csv"
OUTPUT_FILES = (PROVINCES_CSV, COMMUNES_CSV, LEGACY_CSV)


# --------------------------------------------------------------------------
# Getting the wheel


def sha256_of(data):
    return hashlib.sha256(data).hexdigest()


def wheel_entry_from_pypi():
    """Return (url, sha256) of the 1.0.4 wheel as listed by PyPI's JSON API."""
    last_error = None
    for url in PYPI_JSON_URLS:
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                meta = json.load(response)
        except urllib.error.HTTPError as error:
            last_error = error
            continue
        files = meta["urls"] if url == PYPI_JSON_URLS[0] else meta["releases"][VERSION]
        for entry in files:
            if entry["filename"] == WHEEL_NAME:
                return entry["url"], entry["digests"]["sha256"]
        raise SystemExit("PyPI lists no %s for %s %s" % (WHEEL_NAME, PACKAGE, VERSION))
    raise SystemExit("cannot read PyPI's JSON API: %s" % last_error)


def download_wheel():
    url, published_sha = wheel_entry_from_pypi()
    if published_sha != WHEEL_SHA256:
        raise SystemExit("PyPI's sha256 for %s is %s, expected %s"
                         % (WHEEL_NAME, published_sha, WHEEL_SHA256))
    with urllib.request.urlopen(url, timeout=120) as response:
        data = response.read()
    if sha256_of(data) != published_sha:
        raise SystemExit("downloaded wheel does not match PyPI's sha256")
    return data


def read_local_wheel(path):
    with open(path, "rb") as f:
        data = f.read()
    if sha256_of(data) != WHEEL_SHA256:
        raise SystemExit("%s: sha256 %s is not that of %s (%s)"
                         % (path, sha256_of(data), WHEEL_NAME, WHEEL_SHA256))
    return data


def load_upstream(wheel_bytes):
    """Return (sqlite3 connection on dataset.db, parsed converter_2025.json)."""
    with zipfile.ZipFile(io.BytesIO(wheel_bytes)) as wheel:
        db_bytes = wheel.read(DB_MEMBER)
        converter = json.loads(wheel.read(CONVERTER_MEMBER).decode("utf-8"))
    # sqlite3 needs a file; copy the database into memory and drop the file.
    with tempfile.TemporaryDirectory() as tmp:
        db_path = os.path.join(tmp, "dataset.db")
        with open(db_path, "wb") as f:
            f.write(db_bytes)
        on_disk = sqlite3.connect(db_path)
        db = sqlite3.connect(":memory:")
        on_disk.backup(db)
        on_disk.close()
    return db, converter


# --------------------------------------------------------------------------
# Deriving the rows


def cell(value):
    """Format one SQLite value as the CSV writes it."""
    if value is None:
        return ""  # e.g. the two communes whose wardAreaKm2 is NULL
    if isinstance(value, float):
        return repr(value)  # shortest round-trip form: 21.0001, 105.698, 2.6
    return str(value)


def legacy_province_names(db):
    """provinceKey -> full name of each pre-2025 province."""
    return dict(db.execute(
        "SELECT DISTINCT provinceKey, province FROM admin_units_legacy"))


def province_rows(db, converter):
    """One row per new province, by province code.

    merged_from lists the old provinces in the order converter_2025.json's
    DICT_PROVINCE gives them (not alphabetical), joined with '; '.
    """
    old_names = legacy_province_names(db)
    merged = converter["DICT_PROVINCE"]
    # Every commune row repeats its province's fields; they agree, and
    # DISTINCT yields exactly one row per province (checked below).
    provinces = list(db.execute("""
        SELECT DISTINCT provinceCode, province, provinceShort, provinceLat,
               provinceLon, provinceKey
        FROM admin_units ORDER BY provinceCode"""))
    counts = dict(db.execute(
        "SELECT provinceCode, COUNT(*) FROM admin_units GROUP BY provinceCode"))
    if len(provinces) != len(counts):
        raise SystemExit("admin_units: province fields differ within a province")
    rows = [["province_code", "name", "short_name", "lat", "lon",
             "communes", "merged_from"]]
    for code, name, short, lat, lon, key in provinces:
        merged_from = "; ".join(old_names[old] for old in merged[key])
        rows.append([code, name, short, cell(lat), cell(lon), str(counts[code]),
                     merged_from])
    return rows


def commune_rows(db):
    """One row per new commune, by (province code, commune code).

    type is upstream's wardType as is, even where it disagrees with the
    name's prefix (the site's build takes the type from the name instead).
    """
    query = """
        SELECT provinceCode, wardCode, ward, wardShort, wardType,
               wardLat, wardLon, wardAreaKm2
        FROM admin_units ORDER BY provinceCode, wardCode"""
    rows = [["province_code", "commune_code", "name", "short_name", "type",
             "lat", "lon", "area_km2"]]
    for row in db.execute(query):
        rows.append([cell(value) for value in row])
    return rows


def legacy_wards_by_key(db):
    """'provinceKey_districtKey_wardKey' (the converter's key) -> old ward."""
    query = """
        SELECT provinceKey, districtKey, wardKey, provinceCode, province,
               districtCode, district, wardCode, ward
        FROM admin_units_legacy"""
    wards = {}
    for row in db.execute(query):
        key = "_".join(part or "" for part in row[:3])
        wards[key] = row[3:]
    return wards


def new_communes_by_key(db):
    """(provinceKey, wardKey) -> (commune code, commune name, province code)."""
    query = """
        SELECT provinceKey, wardKey, wardCode, ward, provinceCode
        FROM admin_units"""
    return {(p, w): (code, name, prov) for p, w, code, name, prov in db.execute(query)}


def legacy_pairs(converter):
    """Yield (old ward key, new province key, new ward key, relation, is_default).

    DICT_PROVINCE_WARD_NO_DIVIDED: new ward -> old wards that went into it
    whole.  DICT_PROVINCE_WARD_DIVIDED: old ward -> the new wards it was split
    between, exactly one of them flagged isDefaultNewWard (the largest part).
    An old ward appears in one dictionary or the other, never both.
    """
    for new_province, new_wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward, old_wards in new_wards.items():
            for old_ward in old_wards:
                yield old_ward, new_province, new_ward, "whole", "1"
    for new_province, old_wards in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_ward, parts in old_wards.items():
            for part in parts:
                is_default = "1" if part["isDefaultNewWard"] else "0"
                yield old_ward, new_province, part["newWardKey"], "split", is_default


def legacy_rows(db, converter):
    """One row per (old ward, new commune) pair.

    Sorted by old province code, old district code, old ward code, then new
    commune code (the pair is unique, so the order is total).
    """
    old = legacy_wards_by_key(db)
    new = new_communes_by_key(db)
    rows = []
    for old_key, new_province, new_ward, relation, is_default in legacy_pairs(converter):
        (old_prov_code, old_prov, old_dist_code, old_dist,
         old_ward_code, old_ward) = old[old_key]
        # Five island districts had no ward level before 2025 (Bạch Long Vĩ,
        # Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo): upstream stores each as one
        # legacy row with a NULL ward and ward code, mapped whole to its Đặc
        # khu. They are kept, with the ward columns empty: people who lived
        # there must find their old address too. So 10,040 legacy rows give
        # 10,602 pairs: 10,035 old wards and 5 whole districts.
        new_code, new_name, new_prov_code = new[(new_province, new_ward)]
        rows.append([old_prov_code, old_prov, old_dist_code, old_dist,
                     old_ward_code or "", old_ward or "", new_code, new_name,
                     new_prov_code, relation, is_default])
    rows.sort(key=lambda r: (r[0], r[2], r[4], r[6]))
    header = ["old_province_code", "old_province", "old_district_code",
              "old_district", "old_ward_code", "old_ward", "new_commune_code",
              "new_commune", "new_province_code", "relation", "is_default"]
    return [header] + rows


# --------------------------------------------------------------------------
# Writing and checking


def to_csv_bytes(rows):
    buffer = io.StringIO(newline="")
    # csv's default dialect: CRLF line endings, quoting only where needed.
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


CORRECTIONS_CSV = "corrections.csv"


def apply_corrections(name, rows, corrections):
    """Apply the corrections of one file to its rows (header first), in place.

    A row is found by its key: `commune_code` in communes-2025.csv,
    `old_ward_code+new_commune_code` in legacy-wards-to-2025.csv. Field `(row)`
    with `right` = `delete row` deletes it; any other field is set from
    `wrong` to `right`, and `wrong` must be what upstream has: a correction
    that no longer matches fails, so a changed upstream is looked at again.
    """
    header = rows[0]
    if name == COMMUNES_CSV:
        def key(row):
            return row[header.index("commune_code")]
    else:
        def key(row):
            return row[header.index("old_ward_code")] + "+" + row[header.index("new_commune_code")]
    index = {key(row): i for i, row in enumerate(rows) if i > 0}
    deleted = set()
    for c in corrections:
        i = index.get(c["key"])
        if i is None or i in deleted:
            sys.exit("%s: correction of %s: no such row" % (CORRECTIONS_CSV, c["key"]))
        if c["field"] == "(row)":
            if c["right"] != "delete row":
                sys.exit("%s: %s: a (row) correction can only delete" % (CORRECTIONS_CSV, c["key"]))
            deleted.add(i)
            continue
        column = header.index(c["field"])
        if rows[i][column] != c["wrong"]:
            sys.exit("%s: %s %s is %r upstream, not %r" % (
                CORRECTIONS_CSV, c["key"], c["field"], rows[i][column], c["wrong"]))
        rows[i][column] = c["right"]
    rows[:] = [row for i, row in enumerate(rows) if i not in deleted]


def read_corrections(directory):
    """{file name: [correction]} from corrections.csv, beside this script."""
    out = {}
    with open(os.path.join(directory, CORRECTIONS_CSV), encoding="utf-8", newline="") as f:
        for c in csv.DictReader(f):
            if c["file"] not in (COMMUNES_CSV, LEGACY_CSV):
                sys.exit("%s: unknown file %s" % (CORRECTIONS_CSV, c["file"]))
            out.setdefault(c["file"], []).append(c)
    return out


def build_all(wheel_bytes, corrections):
    """Return {file name: bytes} for the three output files, corrected."""
    db, converter = load_upstream(wheel_bytes)
    try:
        communes = commune_rows(db)
        legacy = legacy_rows(db, converter)
        apply_corrections(COMMUNES_CSV, communes, corrections.get(COMMUNES_CSV, []))
        apply_corrections(LEGACY_CSV, legacy, corrections.get(LEGACY_CSV, []))
        return {
            PROVINCES_CSV: to_csv_bytes(province_rows(db, converter)),
            COMMUNES_CSV: to_csv_bytes(communes),
            LEGACY_CSV: to_csv_bytes(legacy),
        }
    finally:
        db.close()


def first_difference(expected, actual):
    """Return (line number, existing line, regenerated line) of the first difference."""
    old_lines = expected.split(b"\n")
    new_lines = actual.split(b"\n")
    for number in range(max(len(old_lines), len(new_lines))):
        old = old_lines[number] if number < len(old_lines) else b"<end of file>"
        new = new_lines[number] if number < len(new_lines) else b"<end of file>"
        if old != new:
            return number + 1, old, new
    return None


def check(outputs, directory):
    """Compare outputs with the files in directory; return the exit code."""
    status = 0
    for name, data in outputs.items():
        path = os.path.join(directory, name)
        try:
            with open(path, "rb") as f:
                existing = f.read()
        except FileNotFoundError:
            print("%s: missing (%s)" % (name, path))
            status = 1
            continue
        if existing == data:
            print("%s: matches (%d bytes)" % (name, len(data)))
            continue
        status = 1
        number, old, new = first_difference(existing, data)
        print("%s: DIFFERS at line %d" % (name, number))
        print("  existing:    %r" % old.decode("utf-8", "replace"))
        print("  regenerated: %r" % new.decode("utf-8", "replace"))
    print("all %d files match" % len(outputs) if status == 0 else "some files differ")
    return status


def write(outputs, directory):
    os.makedirs(directory, exist_ok=True)
    for name, data in outputs.items():
        path = os.path.join(directory, name)
        with open(path, "wb") as f:
            f.write(data)
        print("wrote %s (%d bytes)" % (path, len(data)))


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(
        description="Regenerate the administrative-unit CSVs from vietnamadminunits 1.0.4.")
    parser.add_argument("--out", default=here,
                        help="directory to write to, or to compare with (default: this script's)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a file differs from what would be written")
    parser.add_argument("--wheel", metavar="PATH",
                        help="use this local %s instead of downloading it" % WHEEL_NAME)
    args = parser.parse_args(argv)

    wheel = read_local_wheel(args.wheel) if args.wheel else download_wheel()
    outputs = build_all(wheel, read_corrections(here))
    if args.check:
        return check(outputs, args.out)
    write(outputs, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
