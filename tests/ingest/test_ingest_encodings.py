"""Legacy and Unicode encodings decode to the text that was written (sample sentences our own)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from ingest_builders import write

from indicia.ingest import iter_documents
from indicia.ingest.decode import decode, markup_encoding

SAMPLES = {
    "ru": (
        "Рабочих из Северной Кореи отправляют на стройки в России, где они трудятся "
        "почти круглые сутки и почти не получают денег на руки."
    ),
    "ko": (
        "북한 노동자들은 러시아의 건설 현장에서 거의 하루 종일 일하며 "
        "임금의 대부분을 국가에 빼앗긴다고 말했습니다."
    ),
    "zh": "朝鲜工人被派往俄罗斯的建筑工地，每天工作将近二十个小时，一年只有两天休息。",
    "ja": "北朝鮮の労働者はロシアの建設現場で一日二十時間近く働かされていると証言した。",
    "en": "Workers said they were watched by security agents at every hour of the day.",
}


@pytest.mark.parametrize(
    ("language", "encoding"),
    [
        ("ru", "cp1251"),
        ("ru", "koi8-r"),
        ("ko", "euc-kr"),
        ("zh", "gb18030"),
        ("zh", "gbk"),
        ("ja", "shift_jis"),
        ("ja", "euc-jp"),
        ("ru", "utf-8"),
        ("zh", "utf-8"),
    ],
)
def test_text_in_legacy_encodings(tmp_path: Path, language: str, encoding: str) -> None:
    text = SAMPLES[language] + "\n" + SAMPLES[language] + "\n"
    [doc] = iter_documents([str(write(tmp_path / "t.txt", text.encode(encoding)))])
    assert doc.status == "ok"
    assert doc.content == text


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (b"", "utf-16-le"),  # no BOM: the NUL pattern gives it away
        (b"", "utf-16-be"),
    ],
)
@pytest.mark.parametrize("language", ["en", "ru"])
def test_unicode_with_and_without_bom(
    tmp_path: Path, bom: bytes, encoding: str, language: str
) -> None:
    text = SAMPLES["en"] + "\n" + SAMPLES[language] + "\n"
    [doc] = iter_documents([str(write(tmp_path / "u.txt", bom + text.encode(encoding)))])
    assert doc.status == "ok", doc.error
    assert doc.content == text
    assert doc.encoding == encoding


@pytest.mark.parametrize(
    ("language", "charset", "codec"),
    [("ru", "windows-1251", "cp1251"), ("ko", "euc-kr", "euc-kr"), ("zh", "gb2312", "gb18030")],
)
def test_html_meta_charset(tmp_path: Path, language: str, charset: str, codec: str) -> None:
    html = (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        f"<title>{SAMPLES[language][:20]}</title></head><body><p>{SAMPLES[language]}</p></body></html>"
    )
    [doc] = iter_documents([str(write(tmp_path / "p.html", html.encode(codec)))])
    assert doc.media_type == "html"
    assert doc.content == html
    assert doc.title == SAMPLES[language][:20].strip()


def test_short_declared_text_trusts_the_declaration() -> None:
    # Two words are too few to detect; the page's declaration decides.
    data = b'<meta charset="koi8-r"><p>' + "Привет, мир".encode("koi8-r")
    assert decode(data, markup=True).text.endswith("Привет, мир")


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'<?xml version="1.0" encoding="ISO-8859-1"?><rss>', "cp1252"),
        (b'<html><head><meta charset="utf-8">', "utf-8"),
        (b"<meta http-equiv='content-type' content='text/html;charset=Shift_JIS'>", "cp932"),
        (b'<meta charset="no-such-encoding">', None),
        (b"<p>no declaration</p>", None),
    ],
)
def test_markup_encoding(head: bytes, expected: str | None) -> None:
    assert markup_encoding(head) == expected


def test_invalid_utf8_is_replaced_not_guessed(tmp_path: Path) -> None:
    text = SAMPLES["en"] + " " + SAMPLES["ru"] + " " + SAMPLES["zh"]
    data = text.encode() + b" \xff\xfe\xc3 " + text.encode()
    [doc] = iter_documents([str(write(tmp_path / "bad.txt", data))])
    assert doc.status == "ok"
    assert doc.encoding == "utf-8"
    assert doc.content.count("\ufffd") == 3
    assert doc.content.replace(" \ufffd\ufffd\ufffd ", "|") == text + "|" + text
    decoded = decode(data)
    assert decoded.replaced == 3
