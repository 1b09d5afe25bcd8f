"""The calendars of the programmes: every layer the content (content/calendar/, written by
`qaward calendar import`) and site_config.yml supply, and each ordinance's calendar — the
national layer, then the regional ones its record names (xinjiang: 肉孜节, 古尔邦节)."""

from __future__ import annotations

from qaward_site.calendar.workdays import (
    NATIONAL,
    Layer,
    WorkCalendar,
    YearArrangement,
    package_years,
)
from qaward_site.findings import Finding
from qaward_site.records import CalendarYear, Ordinance
from qaward_site.records.config import SiteConfig
from qaward_site.records.content import Content
from qaward_site.vocabulary import LAYER_NAMES


class Calendars:
    def __init__(self, layers: dict[str, Layer]):
        self.layers = layers
        self._made: dict[tuple[str, ...], WorkCalendar] = {}

    @classmethod
    def load(cls, content: Content | None, config: SiteConfig) -> Calendars:
        layers = {NATIONAL: Layer(NATIONAL)}
        for name, years in config.calendar_years().items():
            layers.setdefault(name, Layer(name)).years.update(years)
        for record in content.all(CalendarYear) if content else []:
            source = record.source
            text = (
                "、".join(filter(None, [source.title, source.document, str(source.date or "")]))
                if source
                else record.file
            )
            layers.setdefault(record.layer, Layer(record.layer)).years[record.year] = (
                YearArrangement(
                    frozenset(record.holidays), frozenset(record.workdays), text, record.example
                )
            )
        return cls(layers)

    def of(self, ordinance: Ordinance | None) -> WorkCalendar:
        names = ordinance.calendar_layers if ordinance else (NATIONAL,)
        if names not in self._made:
            self._made[names] = WorkCalendar([self.layers.get(n) or Layer(n) for n in names])
        return self._made[names]

    def described(self, ordinances: list[Ordinance]) -> list[dict]:
        """For the rules page: each programme's layers, the years each knows and from where."""
        out = []
        for o in ordinances:
            layers = []
            for name in o.calendar_layers:
                layer = self.layers.get(name) or Layer(name)
                years = [
                    {"year": y, "source": a.source, "example": a.example}
                    for y, a in sorted(layer.years.items())
                ]
                layers.append(
                    {
                        "code": name,
                        "name": LAYER_NAMES.get(name, name),
                        "package": package_years() if name == NATIONAL else None,
                        "years": years,
                    }
                )
            out.append({"ordinance": o, "layers": layers})
        return out

    def findings(self, content: Content) -> list[Finding]:
        """A layer an ordinance names that nothing knows (a typo)."""
        out = []
        for o in content.all(Ordinance):
            for name in o.calendar_layers:
                if name not in LAYER_NAMES and name not in self.layers:
                    line, col = o.where("calendar")
                    out.append(
                        Finding(
                            o.file,
                            line,
                            col,
                            "error",
                            "calendar",
                            f"办法 {o.id} 的日历层 {name} 不存在（已知：{', '.join(sorted(set(LAYER_NAMES) | set(self.layers)))}）",
                            record=o.id,
                        )
                    )
        return out
