"""武威市人民政府质量奖实施办法（武政发〔2022〕12号）."""

from qaward_site.rules.params import (
    ApplicantTypes,
    CleanRecord,
    Condition,
    CycleInterval,
    DecisionAfterPublicity,
    FraudRevocation,
    InForce,
    OperatingYears,
    PostAwardRevocation,
    Prize,
    PublicityPeriod,
    Quota,
    Reapplication,
    RuleBook,
    Silent,
    StageOrder,
    TitleUse,
)

RULEBOOK = RuleBook(
    "wuwei-2022",
    {
        "ordinance-in-force": InForce("第二十一条"),
        "cycle-interval": CycleInterval("第四条", years=2),
        "quota": Quota("第四条", levels={"award": 3}, in_principle=True),
        "applicant-type": ApplicantTypes("第二条", types=("organization",)),
        "operating-years": OperatingYears("第十条（一）", years=3),
        "clean-record": CleanRecord(
            "第十条（四）、（五）、（六）",
            conditions=(
                Condition("第十条（四）", ("failed_inspection",), years=3),
                Condition("第十条（五）", ("credit_record",)),
                Condition(
                    "第十条（六）", ("accident", "major_complaint", "serious_violation"), years=3
                ),
            ),
        ),
        "publicity-period": PublicityPeriod(
            "第十一条（八）", unit="workdays", stages={"proposal_publicity": 5}
        ),
        "stage-order": StageOrder(
            "第十一条",
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
        "decision-after-publicity": DecisionAfterPublicity("第十一条（九）"),
        "objection-form": Silent(
            "办法未规定异议程序；评审接受社会监督（第三条），日常工作由评审委员会办公室负责（第九条）",
            "第三条, 第九条",
        ),
        "objection-deadlines": Silent("办法未规定异议处理时限", "第三条, 第九条"),
        "objection-effect": Silent("办法未规定异议的效力"),
        "reapplication": Reapplication("第五条", years=5, levels=("award",), validity_years=5),
        "prize": Prize("第十二条", amounts={"award": 150000}),
        "false-materials": Silent("弄虚作假按第十七条处理（见 fraud-revocation）", "第十七条"),
        "fraud-revocation": FraudRevocation(
            "第十七条",
            ban_years=10,
            recover=("certificate", "plaque", "prize_money"),
            covers_disqualification=False,
        ),
        "post-award-revocation": PostAwardRevocation(
            "第十八条",
            accident_grade="major",
            articles={
                "accident": "第十八条（一）",
                "major_complaint": "第十八条（二）",
                "failed_inspection": "第十八条（三）",
                "severe_loss": "第十八条（四）",
                "serious_violation": "第十八条（五）",
            },
            years=5,
            grounds=(
                "accident",
                "major_complaint",
                "failed_inspection",
                "severe_loss",
                "serious_violation",
            ),
            recover=("certificate", "plaque"),
            ban_years=5,
        ),
        "title-use": TitleUse("第十四条", not_on_products=True),
        "records-retention": Silent("办法未规定评审资料保存期限"),
    },
)
