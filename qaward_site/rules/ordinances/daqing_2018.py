"""大庆市政府质量奖管理办法（庆政规〔2018〕15号）."""

from qaward_site.rules.figures import F, RuleBook, Silent

RULEBOOK = RuleBook(
    "daqing-2018",
    {
        "ordinance-in-force": F("第三十七条"),
        "cycle-interval": F("第五条", years=2),
        "quota": F("第五条", levels={"award": 5, "nomination": 7}, in_principle=True),
        "applicant-type": F("第二条, 第十条", types=("organization",)),
        "operating-years": F("第十条（一）", years=3, legal_person=True),
        "clean-record": F(
            "第十条（六）",
            {"failed_inspection": "第十条（七）"},
            years=3,
            kinds=("major_accident", "serious_violation", "failed_inspection"),
        ),
        "publicity-period": F(
            "第十八条", unit="days", exact=True, stages={"proposal_publicity": 7}
        ),
        "stage-order": F(
            "第十三条至第十九条",
            sequence=(
                "recommendation",
                "eligibility_review",
                "material_review",
                "site_review",
                "comprehensive_evaluation",
                "deliberation",
                "proposal_publicity",
                "approval",
            ),
        ),
        "decision-after-publicity": F("第十九条"),
        "objection-form": F(
            "第二十一条",
            written=True,
            individual=("name", "id_number", "contact"),
            organization=("address", "contact", "sealed"),
            anonymous_refused=True,
        ),
        "objection-deadlines": F("第二十二条", accept_workdays=5, receipt=True),
        "objection-effect": F("第二十三条, 第二十四条", evidence_deadline=True),
        "reapplication": Silent(
            "可再次获得质量奖，但不再颁发奖金（见 prize，第二十五条）", "第二十五条"
        ),
        "prize": F("第二十五条", amounts={"award": 800000, "nomination": 0}, repeat_award=0),
        "false-materials": F("第三十一条", ban_years=0, serious_ban_years=4),
        "fraud-revocation": F(
            "第三十一条", ban_years=0, serious_ban_years=4, recover=("prize_money",)
        ),
        "post-award-revocation": F(
            "第三十二条", years=2, grounds=("accident", "serious_violation"), recover=()
        ),
        "title-use": F("第三十条", with_year=True, not_on_products=True),
        "records-retention": F("第三十六条", years=10),
    },
)
