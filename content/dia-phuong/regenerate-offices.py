#!/usr/bin/env python3
"""Tạo lại offices.csv: trụ sở và điểm tiếp nhận hồ sơ của từng xã, phường, đặc khu.

Nguồn gốc của cả hai nguồn là trang "Bản đồ tham khảo đơn vị hành chính Việt Nam" của
Bộ Nông nghiệp và Môi trường (sapnhap.bando.com.vn), qua hai bản sao giấy phép MIT:

1. `thanglequoc/vietnamese-provinces-database`, thư mục
   `dataset-generation-scripts/resources/gis/`: mỗi tệp `sapnhapbando_geojson/xa*.geojson`
   là ranh giới một xã, trường `a06_trungtamhc` là nơi đặt trung tâm hành chính (chữ);
   `sapnhapbando_geo_objects.sql` ghép mã `malk` của tệp với mã xã chính thức.
   Đọc thẳng từ kho git (`git show`), không cần giải nén:
       --vpd /work/.mirror/thanglequoc+vietnamese-provinces-database/repo
2. `thinhpxp/sapnhap_v7.1`, bảng `ward_admin_centers` của `db/sapnhap_data_export.sql`
   (địa chỉ có loại: `ubnd` trụ sở Ủy ban nhân dân, `ttpvhcc` Trung tâm Phục vụ hành chính
   công). Tệp SQL quá lớn để lấy cả kho; bản chép từng trang của bảng này là
   `nguon/sapnhap-org-ward-admin-centers.csv` (đã đối chiếu một mẫu với tệp gốc, xem
   README.md); đó là giá trị mặc định của --sapnhap.

Cách dùng (Python 3, chỉ thư viện chuẩn):
    python3 content/dia-phuong/regenerate-offices.py --vpd <kho git>
    python3 content/dia-phuong/regenerate-offices.py --vpd <kho git> --check

Mỗi dòng của offices.csv là một nơi:
    kind   trung-tam     Trung tâm Phục vụ hành chính công (trụ sở chính)
           diem-phuc-vu  một Điểm Phục vụ hành chính công đánh số (Hà Nội)
           ubnd          trụ sở Ủy ban nhân dân
           trung-tam-hc  nơi đặt trung tâm hành chính, ghi trên bản đồ (chữ tự do)
    label  tên điểm phục vụ, như nguồn ghi; để trống với loại khác
    address  chữ của nguồn, chỉ bỏ khoảng trắng thừa và phần "tiếp nhận" đã tách ra
    accepts  điểm đó tiếp nhận hồ sơ gì, nếu nguồn ghi (chữ trong ngoặc "(Tiếp nhận …)")
    old    1 nếu nguồn chỉ nêu một trụ sở cũ (chữ "cũ", "trước sáp nhập", hoặc trụ sở
           mang tên một xã khác)
    street 1 nếu chữ chỉ được chỗ: số nhà, tên đường, phố, ngõ, quốc lộ, tỉnh lộ, hoặc tên
           thôn, ấp, bản, xóm, khu phố, tổ dân phố… (không chỉ tên một trụ sở)
    source vpd | sapnhap

Bỏ qua: chữ trống hoặc "đang cập nhật" (chưa có dữ liệu); các loại cơ quan khác (đảng ủy,
công an, mặt trận, hội đồng nhân dân); một nơi đã có ở dòng trước của cùng xã (cùng chữ).
"""

import argparse
import csv
import io
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "offices.csv"
GIS = "dataset-generation-scripts/resources/gis"
FIELDS = ["province_code", "commune_code", "kind", "label", "address", "accepts", "old", "street", "source"]
KIND_ORDER = {"trung-tam": 0, "diem-phuc-vu": 1, "ubnd": 2, "trung-tam-hc": 3}


def git(repo, *args):
    return subprocess.run(["git", "--git-dir", str(repo), *args], check=True, capture_output=True).stdout


def clean(text):
    text = unicodedata.normalize("NFC", text or "")
    return re.sub(r"\s+", " ", text).strip().strip(";").strip()


def pending(text):
    return not text or "đang cập nhật" in text.lower()


def fold(text):
    """Lower case, no tone marks, punctuation as spaces (as the build's `text::fold`)."""
    text = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


STREET = re.compile(
    r"(\bsố\s*\d|\b\d+[a-zA-Z]?(?:/\d+)*\s*,?\s*(?:đường|phố|ngõ|ngách|hẻm|kiệt|quốc lộ|tỉnh lộ|đại lộ)\b"
    r"|\b(?:đường|phố|ngõ|hẻm|kiệt|quốc lộ|tỉnh lộ|đại lộ|QL|ĐT)\s*\.?\s*[\wÀ-ỹ]"
    r"|^\d+[a-zA-Z]?(?:/\d+)*\s+[^\d,]+)",
    re.IGNORECASE,
)
LOCALITY = re.compile(
    r"\b(?:thôn|ấp|bản|xóm|làng|buôn|plei|khóm|khu phố|khu dân cư|tổ dân phố|tổ|khu|KP|TDP|phum|sóc)\s+[\wÀ-ỹ\d]",
    re.IGNORECASE,
)
# Districts were abolished on 1 July 2025: a district's office is a former building.
OLD_DISTRICT = re.compile(r"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Trụ sở|Huyện ủy|Huyện uỷ)[^,;()]*?\bhuyện\b|\bHuyện ủy\b|\bHuyện uỷ\b", re.IGNORECASE)
OLD_WORDS = re.compile(r"\bcũ\b|trước sáp nhập|trước sắp xếp", re.IGNORECASE)
NAMED_OFFICE = re.compile(
    r"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Trụ sở)[^,;.()]*?\b(xã|phường|thị trấn)\s+([^,;.()]+)",
    re.IGNORECASE,
)


def is_old(text, short_name):
    """The source names only a former office: "(cũ)", or the office of another commune."""
    if OLD_WORDS.search(text) or OLD_DISTRICT.search(text):
        return True
    for m in NAMED_OFFICE.finditer(text):
        named = fold(m.group(2))
        if named and not fold(short_name).startswith(named) and not named.startswith(fold(short_name)):
            return True
    return False


def communes():
    rows = csv.DictReader(open(HERE / "communes-2025.csv", encoding="utf-8"))
    return {r["commune_code"]: r for r in rows}


def vpd_rows(repo, known):
    """(commune code, text) from each xa*.geojson's properties."""
    sql = git(repo, "show", f"HEAD:{GIS}/sapnhapbando_geo_objects.sql").decode("utf-8")
    malk_to = {}
    pattern = r"\('(\d{5})', '((?:[^']|'')*)', '(\d{2})', '(diaphanhanhchinhcapxa_2025\.\d+)'"
    for m in re.finditer(pattern, sql):
        malk_to[m.group(4)] = (m.group(1), m.group(2).replace("''", "'"), m.group(3))
    by_name = {(c["province_code"], fold(c["name"])): code for code, c in known.items()}
    listing = git(repo, "ls-tree", "-r", "HEAD", "--name-only", f"{GIS}/sapnhapbando_geojson/").decode()
    out = {}
    missing = []
    for name in listing.split():
        if not re.search(r"/xa\d+\.geojson$", name):
            continue
        try:
            blob = git(repo, "show", f"HEAD:{name}")
        except subprocess.CalledProcessError:
            missing.append(name)  # listed in the snapshot but its content is absent
            continue
        props = json.loads(blob)["features"][0]["properties"]
        code, ten, province = malk_to.get(props["a02_xa"], (None, None, None))
        if code not in known:
            # A few codes differ between the map site and the official list: match
            # by province and name, and say so.
            by = by_name.get((province, fold(ten or "").replace("’", "'")))
            if by is None:
                sys.exit(f"{name}: {props['a02_xa']} ({ten}, {code}) matches no commune of the project's list")
            print(f"note: {name}: {ten} is {code} on the map site, {by} in the official list", file=sys.stderr)
            code = by
        out[code] = clean(props.get("a06_trungtamhc"))
    for name in missing:
        print(f"note: {name} is missing from the snapshot", file=sys.stderr)
    return out


def split_points(text):
    """Hà Nội's text: 'Trụ sở chính: … (Tiếp nhận …). | Điểm Phục vụ hành chính công 01 …: … (…)'."""
    parts = []
    for part in text.split(" | "):
        part = re.sub(r"^\d+\.\s*", "", part.strip())
        accepts = ""
        m = re.search(r"\((Tiếp nhận[^()]*)\)\.?$", part)
        if m:
            accepts = clean(m.group(1))
            part = part[: m.start()].strip()
        label, _, address = part.partition(":")
        if not address:
            label, address = "", part
        parts.append((clean(label), clean(address).rstrip("."), accepts))
    return parts


def sapnhap_rows(path, known):
    """(commune code, kind, label, address, accepts) for People's Committees and centres."""
    out = []
    for r in csv.DictReader(open(path, encoding="utf-8")):
        kind = {"ubnd": "ubnd", "ttpvhcc": "trung-tam"}.get(r["agency_type_clean"])
        text = clean(r["address"])
        if kind is None or pending(text):
            continue
        code = r["commune_code"]
        if code not in known:
            sys.exit(f"{path}: id {r['id']}: commune {code} is not in the project's list")
        if kind == "trung-tam" and " | " in text:
            for label, address, accepts in split_points(text):
                point = "diem-phuc-vu" if label.lower().startswith("điểm phục vụ") else "trung-tam"
                out.append((code, point, label if point == "diem-phuc-vu" else "", address, accepts))
        else:
            out.append((code, kind, "", text, ""))
    return out


def build(args):
    known = communes()
    rows = []
    seen = set()

    def add(code, kind, label, address, accepts, source):
        key = (code, fold(address))
        if pending(address) or key in seen:
            return
        seen.add(key)
        c = known[code]
        rows.append({
            "province_code": c["province_code"],
            "commune_code": code,
            "kind": kind,
            "label": label,
            "address": address,
            "accepts": accepts,
            "old": "1" if is_old(address, c["short_name"]) else "",
            "street": "1" if STREET.search(address) or LOCALITY.search(address) else "",
            "source": source,
        })

    offices = sapnhap_rows(args.sapnhap, known)
    # Centres first, so a People's Committee row with the same text is dropped.
    offices.sort(key=lambda o: KIND_ORDER[o[1]])
    for code, kind, label, address, accepts in offices:
        add(code, kind, label, address, accepts, "sapnhap")
    for code, text in vpd_rows(args.vpd, known).items():
        add(code, "trung-tam-hc", "", text, "", "vpd")
    order = {code: i for i, code in enumerate(known)}
    rows.sort(key=lambda r: (order[r["commune_code"]], KIND_ORDER[r["kind"]]))
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return out.getvalue()


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--vpd", required=True, type=Path, help="git dir of thanglequoc/vietnamese-provinces-database")
    p.add_argument("--sapnhap", type=Path, default=HERE / "nguon" / "sapnhap-org-ward-admin-centers.csv",
                   help="the copy of table ward_admin_centers (default: nguon/…)")
    p.add_argument("--check", action="store_true", help="write nothing; fail if offices.csv differs")
    args = p.parse_args()
    text = build(args)
    if args.check:
        if OUT.read_text(encoding="utf-8") != text:
            sys.exit("offices.csv differs from what the sources give; run without --check")
        print("offices.csv matches the sources")
        return
    OUT.write_text(text, encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    communes_with = {r["commune_code"] for r in rows}
    street = {r["commune_code"] for r in rows if r["street"]}
    print(f"{OUT.name}: {len(rows)} offices, {len(communes_with)} communes with one, {len(street)} with a street address")


if __name__ == "__main__":
    main()
