"""Duties that bind the winner or the office but leave no trace in the records."""

from __future__ import annotations

from qaward_site.rules.params import (
    RecordsRetention,
    TitleUse,
)
from qaward_site.rules.registry import duty

duty(
    "title-use",
    "称号的使用",
    TitleUse,
    lambda f: "；".join(
        words
        for words, stated in (
            ("宣传时注明获奖年度", f.with_year),
            ("不得用于产品、服务的标识或质量宣传", f.not_on_products),
            ("不得出售、出租证书、奖牌，或者将其用于营利性活动", f.no_sale),
        )
        if stated
    ),
)
duty(
    "records-retention", "评审资料保存", RecordsRetention, lambda f: f"评审资料一般保存{f.years}年"
)
