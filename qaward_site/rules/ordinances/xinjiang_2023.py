"""新疆维吾尔自治区人民政府质量奖管理办法（新政办发〔2023〕8号）."""

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
    "xinjiang-2023",
    {
        "ordinance-in-force": InForce("第二十四条"),
        "cycle-interval": CycleInterval("第四条", years=2),
        "quota": Quota("第四条", levels={"award": 5, "nomination": 10}),
        "applicant-type": ApplicantTypes("第二条", types=("organization",), sub_units=True),
        "operating-years": OperatingYears("第九条（二）", years=5, new_economy_years=3),
        "clean-record": CleanRecord(
            "第九条（三）",
            conditions=(
                Condition("第九条（三）", ("accident",), years=3, accident_grade="major"),
                Condition("第九条（三）", ("serious_violation", "credit_record"), years=3),
            ),
        ),
        "publicity-period": PublicityPeriod(
            "第十一条（二）、（三）、（四）、（八）",
            articles={
                "internal_publicity": "第十一条（二）",
                "recommendation_publicity": "第十一条（三）",
                "acceptance_publicity": "第十一条（四）",
                "proposal_publicity": "第十一条（八）",
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
            "第十一条",
            sequence=(
                "internal_publicity",
                "recommendation_publicity",
                "eligibility_review",
                "acceptance_publicity",
                "material_review",
                "defense",
                "site_review",
                "deliberation",
                "proposal_publicity",
                "approval",
            ),
        ),
        "decision-after-publicity": DecisionAfterPublicity("第十一条（九）, 第十四条"),
        "objection-form": ObjectionForm(
            "第十二条",
            when="在新疆质量奖评审过程中均可提出，不限于公示期内",
            written=True,
            individual=("name", "signed", "phone", "address", "identity_proof"),
            organization=("address", "phone", "sealed"),
        ),
        "objection-deadlines": ObjectionDeadlines(
            "第十三条", forward_workdays=3, report_workdays=5
        ),
        "objection-effect": ObjectionEffect("第十三条第二款", stays_in_review=True),
        "reapplication": Reapplication("第十五条", years=5, levels=("award",)),
        "prize": Silent("办法未规定奖金"),
        "false-materials": FalseMaterials("第十九条第一款", ban_years=5),
        "fraud-revocation": FraudRevocation(
            "第十九条第二款", ban_years=10, recover=("certificate", "plaque")
        ),
        "post-award-revocation": PostAwardRevocation(
            "第二十条",
            accident_grade="major",
            years=5,
            grounds=("accident", "serious_violation", "credit_record", "other"),
            recover=("certificate", "plaque"),
        ),
        "title-use": TitleUse("第十八条", with_year=True, not_on_products=True),
        "records-retention": Silent("办法未规定评审资料保存期限"),
    },
)
