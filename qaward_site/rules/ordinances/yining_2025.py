"""伊宁市人民政府质量奖评定管理办法（伊市政办规〔2025〕3号）."""

from qaward_site.rules.figures import F, RuleBook, Silent

RULEBOOK = RuleBook(
    "yining-2025",
    {
        "ordinance-in-force": F("第二十七条"),
        "cycle-interval": F("第三条", years=2),
        "quota": F("第三条", levels={"award": 2, "nomination": 5}),
        "applicant-type": F("第二条", types=("organization",)),
        "operating-years": F("第八条（二）", years=5),
        "clean-record": F("第八条（五）", years=3, kinds=("major_accident",)),
        "publicity-period": F(
            "第十一条, 第十二条, 第十四条（二）、（六）",
            {
                "internal_publicity": "第十一条",
                "recommendation_publicity": "第十二条",
                "acceptance_publicity": "第十四条（二）",
                "proposal_publicity": "第十四条（六）",
            },
            unit="workdays",
            stages={
                "internal_publicity": 5,
                "recommendation_publicity": 5,
                "acceptance_publicity": 5,
                "proposal_publicity": 5,
            },
        ),
        "stage-order": F(
            "第十四条",
            sequence=(
                "internal_publicity",
                "recommendation_publicity",
                "eligibility_review",
                "material_review",
                "acceptance_publicity",
                "defense",
                "site_review",
                "comprehensive_evaluation",
                "deliberation",
                "proposal_publicity",
                "approval",
            ),
        ),
        "decision-after-publicity": F("第十四条（七）, 第十七条"),
        "objection-form": F(
            "第十五条",
            written=True,
            individual=("name", "signed", "phone", "address", "identity_proof"),
            organization=("address", "phone", "sealed"),
        ),
        "objection-deadlines": F("第十六条", forward_workdays=3, report_workdays=5),
        "objection-effect": F("第十六条第二款", stays_in_review=True),
        "reapplication": F("第十八条", years=5, levels=("award",)),
        "prize": Silent("办法未规定奖金"),
        "false-materials": F("第二十四条第一款", ban_years=5),
        "fraud-revocation": F(
            "第二十四条第二款",
            ban_years=10,
            recover=("certificate", "plaque"),
            credit_system=True,
        ),
        "post-award-revocation": F(
            "第二十五条",
            years=5,
            grounds=("accident", "serious_violation", "credit_record", "other"),
            recover=("certificate", "plaque"),
        ),
        "title-use": F("第二十条, 第二十一条", with_year=True, not_on_products=True),
        "records-retention": Silent("办法未规定评审资料保存期限"),
    },
)
