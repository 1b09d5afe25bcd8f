"""大庆市政府质量奖管理办法（庆政规〔2018〕15号）."""

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
    Prize,
    PublicityPeriod,
    Quota,
    RecordsRetention,
    RuleBook,
    Silent,
    StageOrder,
    TitleUse,
)

RULEBOOK = RuleBook(
    "daqing-2018",
    {
        "ordinance-in-force": InForce("第三十七条"),
        "cycle-interval": CycleInterval("第五条", years=2),
        "quota": Quota("第五条", levels={"award": 5, "nomination": 7}, in_principle=True),
        "applicant-type": ApplicantTypes("第二条, 第十条", types=("organization",)),
        "operating-years": OperatingYears("第十条（一）", years=3, legal_person=True),
        "clean-record": CleanRecord(
            "第十条（五）、（六）、（七）",
            conditions=(
                Condition("第十条（五）", ("credit_record",)),
                Condition("第十条（六）", ("accident", "serious_violation"), years=3),
                Condition("第十条（七）", ("failed_inspection",), years=3),
            ),
        ),
        "publicity-period": PublicityPeriod(
            "第十八条", unit="days", exact=True, stages={"proposal_publicity": 7}
        ),
        "stage-order": StageOrder(
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
        "decision-after-publicity": DecisionAfterPublicity("第十九条"),
        "objection-form": ObjectionForm(
            "第二十一条",
            when="对评选有异议的，可以向联席会议办公室提出；办法未规定提出的期限",
            written=True,
            individual=("name", "id_number", "contact"),
            organization=("address", "contact", "sealed"),
            anonymous_refused=True,
        ),
        "objection-deadlines": ObjectionDeadlines("第二十二条", accept_workdays=5, receipt=True),
        "objection-effect": ObjectionEffect(
            "第二十三条, 第二十四条", evidence_deadline=True, upheld_removes=False
        ),
        "reapplication": Silent(
            "可再次获得质量奖，但不再颁发奖金（见 prize，第二十五条）", "第二十五条"
        ),
        "prize": Prize("第二十五条", amounts={"award": 800000, "nomination": 0}, repeat_award=0),
        "false-materials": FalseMaterials("第三十一条", ban_years=0, serious_ban_years=4),
        "fraud-revocation": FraudRevocation(
            "第三十一条", ban_years=0, serious_ban_years=4, recover=("prize_money",)
        ),
        "post-award-revocation": PostAwardRevocation(
            "第三十二条", years=2, grounds=("accident", "serious_violation"), recover=()
        ),
        "title-use": TitleUse("第三十条", with_year=True, not_on_products=True),
        "records-retention": RecordsRetention("第三十六条", years=10),
    },
)
