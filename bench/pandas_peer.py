"""The pandas peer for bench/run.sh: what an analyst would write instead of goalsheet review.

Reads the plan with the calamine engine, rolls quarterly targets up by owner and metric and by
channel and metric (groupby sums and counts), and writes the plan plus both rollups with
XlsxWriter. No rules, no notes, no formulas.

    python3 bench/pandas_peer.py IN.xlsx OUT.xlsx
"""

import sys

import pandas as pd


def main() -> None:
    source, target = sys.argv[1], sys.argv[2]
    plan = pd.read_excel(source, engine="calamine", header=1)
    quarters = ["一季度", "二季度", "三季度", "四季度", "全年目标"]
    for column in quarters:
        plan[column] = pd.to_numeric(plan[column], errors="coerce")
    by_owner = plan.groupby(["负责人", "衡量指标"])[quarters].agg(["sum", "count"])
    by_channel = plan.groupby(["渠道", "衡量指标"])[quarters].agg(["sum", "count"])
    with pd.ExcelWriter(target, engine="xlsxwriter") as writer:
        plan.to_excel(writer, sheet_name="plan", index=False)
        by_owner.to_excel(writer, sheet_name="by owner")
        by_channel.to_excel(writer, sheet_name="by channel")


if __name__ == "__main__":
    main()
