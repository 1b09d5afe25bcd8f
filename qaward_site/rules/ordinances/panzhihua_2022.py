"""攀枝花市政府质量奖评选管理办法（攀枝花市人民政府办公室，2022年12月29日印发）."""

from qaward_site.rules.params import (
    ApplicantTypes,
    CleanRecord,
    Condition,
    CycleInterval,
    DecisionAfterPublicity,
    FraudRevocation,
    InForce,
    PostAwardRevocation,
    PublicityPeriod,
    Quota,
    RuleBook,
    Silent,
    StageOrder,
    TitleUse,
)

RULEBOOK = RuleBook(
    "panzhihua-2022",
    {
        "ordinance-in-force": InForce("第三十二条"),
        "cycle-interval": CycleInterval("第四条", years=2),
        "quota": Quota(
            "第四条", levels={"award": None}, types={"organization": 3, "individual": 5}
        ),
        "applicant-type": ApplicantTypes("第二条", types=("organization", "individual")),
        "operating-years": Silent("办法对组织未规定运营年限"),
        "clean-record": CleanRecord(
            "第九条（三）、（六）、（七）, 第十条（三）、（五）",
            conditions=(
                Condition("第九条（三）", ("accident", "major_complaint"), years=3),
                Condition("第九条（六）", ("credit_record",)),
                Condition("第九条（七）", ("serious_violation",), years=3),
                Condition("第十条（三）", ("serious_violation",), years=3, who="individual"),
                Condition(
                    "第十条（五）", ("accident", "major_complaint"), years=3, who="top_manager"
                ),
            ),
        ),
        "publicity-period": PublicityPeriod(
            "第十三条, 第十八条",
            articles={"acceptance_publicity": "第十三条", "proposal_publicity": "第十八条"},
            unit="workdays",
            stages={"acceptance_publicity": 5, "proposal_publicity": 5},
        ),
        "stage-order": StageOrder(
            "第十三条至第十九条",
            articles={"defense": "第十七条"},
            sequence=(
                "recommendation",
                "eligibility_review",
                "acceptance_publicity",
                "material_review",
                "site_review",
                "defense",
                "comprehensive_evaluation",
                "deliberation",
                "proposal_publicity",
                "approval",
            ),
            organisations_only=("defense",),
        ),
        "decision-after-publicity": DecisionAfterPublicity("第十九条"),
        "objection-form": Silent(
            "办法未规定异议程序；对受理、评审中的违法、违规、违纪情形，可向评审监督组投诉举报（第二十一条）",
            "第二十一条",
        ),
        "objection-deadlines": Silent("办法未规定异议处理时限", "第二十一条"),
        "objection-effect": Silent("办法未规定异议的效力"),
        "reapplication": Silent("办法未限制获奖者再次申报"),
        "prize": Silent("办法未规定奖金"),
        "false-materials": Silent("弄虚作假按第二十四条处理（见 fraud-revocation）", "第二十四条"),
        "fraud-revocation": FraudRevocation(
            "第二十四条",
            ban_years=10,
            recover=("certificate", "plaque"),
            covers_disqualification=True,
            credit_system=True,
        ),
        "post-award-revocation": PostAwardRevocation(
            "第二十七条",
            accident_grade="larger",
            years=5,
            grounds=("accident",),
            recover=("certificate", "plaque"),
        ),
        "title-use": TitleUse("第二十六条", with_year=True, not_on_products=True),
        "records-retention": Silent("办法未规定评审资料保存期限"),
    },
)
