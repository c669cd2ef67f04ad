"""Other names of what an article is about, so searches in any naming find it.

An article about `Liên bang Nga` should answer `Russia`, `Moscow` or `LB Nga`;
one that met `Quách Thanh Côn` should answer `Guo Shengkun`. The extracted
facts name the canonical entity; this module adds every alias the
gazetteers know, into the `names` field.
"""

from __future__ import annotations

from functools import cache

from .extract.gazetteer import load_json
from .vietnamese import search_key


@cache
def _aliases() -> dict[str, list[str]]:
    """search key of a canonical name or variant -> all names of that entity."""
    table: dict[str, list[str]] = {}

    def add(names: list[str]) -> None:
        names = [n for n in dict.fromkeys(names) if n]
        for name in names:
            entry = table.setdefault(search_key(name), [])
            entry.extend(n for n in names if n not in entry)

    for country in load_json("countries.json", []):
        add([country["name"], country.get("english", ""), *country.get("aliases", []),
             *country.get("capitals", [])[:3]])
    for org in load_json("organizations.json", []):
        add([org["name"], *org.get("aliases", [])])
    for person in load_json("foreign_officials.json", []):
        add([person["name"], *person.get("variants", [])])
    for person in load_json("vn_officials.json", []):
        add([person["name"], *person.get("variants", [])])
    return table


@cache
def _agencies() -> dict[str, list[str]]:
    """Canonical country -> the names of its security agencies, Vietnamese and English."""
    return {country["name"]: list(country.get("agencies", [])) for country in load_json("countries.json", [])}


def names_text(record: dict) -> str:
    """All names of the record's entities, one per line, for the `names` field.

    A partner's agencies come along (`National Police Agency`, `KGB`, `Bộ Nội vụ`):
    analysts search by the counterpart body as often as by the country.
    """
    found: list[str] = []
    for field in ("partner_countries", "vn_officials", "foreign_officials", "foreign_agencies", "locations"):
        for value in record.get(field) or []:
            found.append(value)
            found.extend(_aliases().get(search_key(value), []))
    for country in record.get("partner_countries") or []:
        found.extend(_agencies().get(country, []))
    return "\n".join(dict.fromkeys(found))
