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
    committee  1 nếu trụ sở Ủy ban nhân dân có cùng chữ (cùng một nơi) với trung tâm
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
FIELDS = [
    "province_code", "commune_code", "kind", "label", "address", "accepts", "old", "street", "committee", "source",
]
KIND_ORDER = {"trung-tam": 0, "diem-phuc-vu": 1, "ubnd": 2, "trung-tam-hc": 3}


def git(repo, *args):
    return subprocess.run(["git", "--git-dir", str(repo), *args], check=True, capture_output=True).stdout


def clean(text):
    text = unicodedata.normalize("NFC", text or "")
    return re.sub(r"\s+", " ", text).strip().strip(";,").strip()


PLACEHOLDER = re.compile(r"đang cập nhật|không có thông tin|^giữ nguyên", re.IGNORECASE)


def pending(text):
    """No data: empty, "đang cập nhật", "không có thông tin", "giữ nguyên (không sáp nhập)"."""
    return not text or bool(PLACEHOLDER.search(text))


def fold(text):
    """Lower case, no tone marks, punctuation as spaces (as the build's `text::fold`)."""
    text = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


# Where a segment of the text starts (the text's start, after a comma or a bracket).
SEG = r"(?:^|[,(;]\s*)"
STREET_WORD = re.compile(
    SEG + r"(?:\d[\w/.-]*\s+)?(?:đường|phố|ngõ|ngách|hẻm|kiệt|quốc lộ|tỉnh lộ|đại lộ|QL|ĐT)\s*\.?\s*[\wÀ-ỹ]"
    r"|\bsố\s*\d|\bkm\s*\d",
    re.IGNORECASE,
)
# A house number before a street's name: "296-298 Nguyễn Thiện Thuật", "25/4-6 Hoàng Việt".
HOUSE_NUMBER = re.compile(SEG + r"\d+[A-Za-z]?(?:[/-]\d+[A-Za-z]?)*\s+[A-ZĐÀ-Ỹ]")
LOCALITY = re.compile(
    SEG + r"(?:thôn|ấp|bản|xóm|làng|buôn|bon|plei|khóm|khối|khu phố|khu dân cư|khu vực|tổ dân phố"
    r"|khu|KP|TDP|phum|sóc)\s+[\wÀ-ỹ\d]|" + SEG + r"tổ\s+\d",
    re.IGNORECASE,
)


def locates(text):
    """The text says where the office is (a number, a street, a hamlet), not only its name."""
    return bool(STREET_WORD.search(text) or HOUSE_NUMBER.search(text) or LOCALITY.search(text))


# Former offices: of an abolished unit (districts, towns, provincial cities and
# district-level towns were abolished on 1 July 2025), or marked "cũ".
OLD_WORDS = re.compile(r"\bcũ\b|trước sáp nhập|trước sắp xếp", re.IGNORECASE)
OLD_UNIT = re.compile(
    r"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Trụ sở|HĐND)[^,;()]*?\b(?:huyện|quận|thị xã|thị trấn|thành phố)\b"
    r"|\b(?:Huyện|Thị|Thành|Quận) (?:ủy|uỷ)\b",
    re.IGNORECASE,
)
NAMED_OFFICE = re.compile(
    r"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Trụ sở)[^,;.()]*?\b(?:xã|phường)\s+([^,;.()]+)",
    re.IGNORECASE,
)
BARE_NAME = re.compile(r"^(?:xã|phường)\s+([^,;.()]+)$", re.IGNORECASE)


def is_old(text, short_name):
    """The source names only a former office: no address of its own, and the text
    says "cũ", names an abolished unit's office, or the office of another commune."""
    if locates(text):
        return False
    if OLD_WORDS.search(text) or OLD_UNIT.search(text):
        return True
    here = fold(short_name)
    named = [fold(m.group(1)) for m in NAMED_OFFICE.finditer(text)]
    named += [fold(m.group(1)) for m in BARE_NAME.finditer(text)]
    return any(n != here for n in named)


def bare(name):
    """A commune's name without its kind, folded: "Phường Việt Hòa" → "viet hoa"."""
    return re.sub(r"^(?:xa|phuong|dac khu|thi tran) ", "", fold(name))


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
    by_short = {(c["province_code"], fold(c["short_name"])): code for code, c in known.items()}
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
        # A file's own name must be the commune's (the map site swaps a few files).
        if fold(known[code]["short_name"]) != bare(props["a03_ten"]):
            by = by_short.get((known[code]["province_code"], bare(props["a03_ten"])))
            if by is None:
                sys.exit(f"{name}: {props['a03_ten']} is not {known[code]['name']} ({code})")
            print(f"note: {name}: {props['a03_ten']} is listed as {code}; it is {by}", file=sys.stderr)
            code = by
        out[code] = clean(props.get("a06_trungtamhc"))
    for name in missing:
        print(f"note: {name} is missing from the snapshot", file=sys.stderr)
    return out


LABEL = re.compile(
    r"^(Trụ sở chính(?: tại)?|Trụ sở \d+|Điểm (?:số \d+|hỗ trợ \d+|Phục vụ hành chính công[^:]*?)"
    r"|Cơ sở \d+|Địa điểm tiếp nhận[^:]*?)\s*(?::|\s-\s)\s*(.+)$",
    re.IGNORECASE,
)


def split_points(text):
    """A centre with several places: 'Trụ sở chính: … | Điểm Phục vụ hành chính công 01 …: …
    (Tiếp nhận …)', 'Điểm số 1: …', 'Trụ sở 1: …: Tiếp nhận …'. Each part is (main?, label,
    address, accepts); the label is the source's, or empty."""
    parts = []
    for n, part in enumerate(text.split(" | ")):
        part = re.sub(r"^\d+\.\s*", "", part.strip()).rstrip(".")
        accepts = ""
        m = re.search(r"\((Tiếp nhận[^()]*)\)\.?$", part) or re.search(r":\s*(Tiếp nhận.*)$", part)
        if m:
            accepts = clean(m.group(1)).rstrip(".")
            part = part[: m.start()].strip()
        label = ""
        m = LABEL.match(part)
        if m:
            label, part = clean(m.group(1)), m.group(2)
        main = label.lower().startswith("trụ sở chính") or (n == 0 and not label)
        parts.append((main, "" if main else label, clean(part).rstrip("."), accepts))
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
            for main, label, address, accepts in split_points(text):
                out.append((code, "trung-tam" if main else "diem-phuc-vu", label, address, accepts))
        else:
            out.append((code, kind, "", text, ""))
    return out


def build(args):
    known = communes()
    rows = []
    seen = {}

    def add(code, kind, label, address, accepts, source):
        # Spellings differ in tone marks now and then: keep both, drop only the same text.
        key = (code, " ".join(re.sub(r"[^\w]+", " ", address.lower()).split()))
        if pending(address):
            return
        if key in seen:
            if kind == "ubnd" and seen[key]["kind"] == "trung-tam":
                seen[key]["committee"] = "1"
            return
        c = known[code]
        row = {
            "province_code": c["province_code"],
            "commune_code": code,
            "kind": kind,
            "label": label,
            "address": address,
            "accepts": accepts,
            "old": "1" if is_old(address, c["short_name"]) else "",
            "street": "1" if locates(address) else "",
            "committee": "",
            "source": source,
        }
        seen[key] = row
        rows.append(row)

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
