"""Preferences stored with the data, so a backup or a shared database carries them too."""

from __future__ import annotations

from dataclasses import dataclass, fields

from sqlalchemy import select

from db import Database
from db.models import Setting
from desktop.services.changes import Change


@dataclass(frozen=True)
class ReportSettings:
    """The header of the printed quarterly report (Cài đặt)."""

    issuing_body: str = "ĐẢNG BỘ KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH"
    unit_name: str = "CHI BỘ"
    place: str = "Thanh Hóa"
    signer_title: str = "T/M CHI BỘ\nBÍ THƯ"
    signer_name: str = ""
    report_number: str = ""  # "15-BC/CB"; empty leaves "Số      -BC/CB" to fill by hand

    @property
    def complete(self) -> bool:
        """Whether the header names the cell: "CHI BỘ" alone is not a header one can hand in."""
        return bool(self.unit_name.strip()) and self.unit_name.strip().upper() != "CHI BỘ"

    @property
    def number_line(self) -> str:
        """The report's number as party documents print it under the issuer ("Số 15-BC/CB")."""
        number = self.report_number.strip()
        if not number:
            return "Số\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0-BC/CB"
        if number.lower().startswith("số"):
            number = number[2:].strip(" :")
        return f"Số {number}"


_PREFIX = "report."


def load_report_settings(database: Database) -> ReportSettings:
    with database.session() as session:
        stored = dict(
            session.execute(
                select(Setting.key, Setting.value).where(Setting.key.like(f"{_PREFIX}%"))
            ).all()
        )
    values = {
        f.name: stored[_PREFIX + f.name]
        for f in fields(ReportSettings)
        if _PREFIX + f.name in stored
    }
    return ReportSettings(**values)


def save_report_settings(database: Database, settings: ReportSettings) -> Change:
    with database.session() as session:
        for f in fields(ReportSettings):
            key = _PREFIX + f.name
            value = str(getattr(settings, f.name)).strip()
            row = session.get(Setting, key)
            if row is None:
                session.add(Setting(key=key, value=value))
            else:
                row.value = value
    return Change(documents=True)
