"""伊宁市人民政府质量奖评定管理办法（伊市政办规〔2025〕3号）."""

from qaward_site.rules.params import (
    ApplicantTypes,
    CleanRecord,
    Condition,
    CycleInterval,
    DecisionAfterPublicity,
    FalseMaterials,
    FraudRevocation,
    InForce,
    ObjectionDeadlines,
    ObjectionEffect,
    ObjectionForm,
    OperatingYears,
    PostAwardRevocation,
    PublicityPeriod,
    Quota,
    Reapplication,
    RuleBook,
    Silent,
    StageOrder,
    TitleUse,
)

RULEBOOK = RuleBook(
    "yining-2025",
    {
        "ordinance-in-force": InForce("第二十七条"),
        "cycle-interval": CycleInterval("第三条", years=2),
        "quota": Quota("第三条", levels={"award": 2, "nomination": 5}),
        "applicant-type": ApplicantTypes("第二条", types=("organization",), sub_units=True),
        "operating-years": OperatingYears("第八条（二）", years=5),
        "clean-record": CleanRecord(
            "第八条（五）、（六）",
            conditions=(
                Condition("第八条（五）", ("accident",), years=3, accident_grade="major"),
                Condition("第八条（六）", ("serious_violation", "credit_record")),
            ),
        ),
        "publicity-period": PublicityPeriod(
            "第十一条, 第十二条, 第十四条（二）、（六）",
            articles={
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
        "stage-order": StageOrder(
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
        "decision-after-publicity": DecisionAfterPublicity("第十四条（七）, 第十七条"),
        "objection-form": ObjectionForm(
            "第十五条",
            when="在政府质量奖评审过程中均可提出，不限于公示期内",
            written=True,
            individual=("name", "signed", "phone", "address", "identity_proof"),
            organization=("address", "phone", "sealed"),
        ),
        "objection-deadlines": ObjectionDeadlines(
            "第十六条", forward_workdays=3, report_workdays=5
        ),
        "objection-effect": ObjectionEffect("第十六条第二款", stays_in_review=True),
        "reapplication": Reapplication("第十八条", years=5, levels=("award",)),
        "prize": Silent("办法未规定奖金"),
        "false-materials": FalseMaterials("第二十四条第一款", ban_years=5),
        "fraud-revocation": FraudRevocation(
            "第二十四条第二款", ban_years=10, recover=("certificate", "plaque"), credit_system=True
        ),
        "post-award-revocation": PostAwardRevocation(
            "第二十五条",
            accident_grade="major",
            years=5,
            grounds=("accident", "serious_violation", "credit_record", "other"),
            recover=("certificate", "plaque"),
        ),
        "title-use": TitleUse("第二十条, 第二十一条", with_year=True, not_on_products=True),
        "records-retention": Silent("办法未规定评审资料保存期限"),
    },
)
