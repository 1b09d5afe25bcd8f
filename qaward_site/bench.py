"""Benchmark: synthesise N applicant records and measure the check (more stages follow with the
site). Prints figures; it is not a test.

    python -m qaward_site.bench --applicants 50000
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

from qaward_site import content as content_module
from qaward_site import synth
from qaward_site.config import SiteConfig
from qaward_site.rules import engine

DEMO = Path(__file__).resolve().parent.parent / "content"


def measure(applicants: int, workdir: Path, reuse: bool = False) -> dict:
    root = workdir / f"content-{applicants}"
    t0 = time.perf_counter()
    if reuse and (root / "counts.json").exists():
        counts = json.loads((root / "counts.json").read_text())
    else:
        counts = synth.write(root, applicants, DEMO)
        (root / "counts.json").write_text(json.dumps(counts))
    t1 = time.perf_counter()
    content = content_module.load(root)
    t2 = time.perf_counter()
    findings = engine.run(
        content, SiteConfig().work_calendar(), __import__("datetime").date(2026, 11, 22)
    )
    t3 = time.perf_counter()
    errors = [f for f in content.findings + findings if f.is_error]
    return {
        "applicants": counts["applicant"],
        "records": sum(counts.values()),
        "synthesis_s": t1 - t0,
        "load_s": t2 - t1,
        "rules_s": t3 - t2,
        "check_s": t3 - t1,
        "errors": len(errors),
        "first_error": errors[0].as_text() if errors else "",
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--applicants", type=int, default=50_000)
    parser.add_argument(
        "--workdir",
        type=Path,
        default=None,
        help="keep the synthesised content here (default: a temporary folder)",
    )
    parser.add_argument(
        "--reuse", action="store_true", help="reuse content already synthesised in --workdir"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        figures = measure(args.applicants, args.workdir or Path(tmp), args.reuse)
    for key, value in figures.items():
        print(f"{key:>14}: {value:.2f}" if isinstance(value, float) else f"{key:>14}: {value}")


if __name__ == "__main__":
    main()
