"""Benchmark-sized enterprises: ``generate_synthetic --enterprises N`` (fast bulk_create).

Synthetic enterprises get valid credit codes in a reserved range (organisation codes
starting with 8) and are spread over the demo districts and industries with a random colour (set directly,
without rating history or audit rows, to keep the load fast). Runs after demo.py."""

import random

from tqdm import tqdm

from accountability import models as m
from demo.accountability import credit_code

ORDER = 30
BATCH = 2000


def generate(options, stdout):
    count = int(options.get("enterprises") or 0)
    if count <= 0:
        return
    rng = random.Random(options.get("seed") or 0)
    places = list(m.Jurisdiction.objects.filter(kind__in=("district", "township")))
    industries = list(m.Industry.objects.all())
    if not places or not industries:
        stdout.write("accountability: load the demo first (no districts or industries)\n")
        return
    existing = set(
        m.Enterprise.objects.filter(name__startswith="合成企业").values_list(
            "credit_code", flat=True
        )
    )
    colours = ["red", "yellow", "yellow", "blue", "blue", "blue", "blue"]
    batch = []
    created = 0
    for n in tqdm(range(count), desc="enterprises", file=stdout, mininterval=1):
        code = credit_code("410100", 10_000_000 + n)
        if code in existing:
            continue
        batch.append(
            m.Enterprise(
                name=f"合成企业{n:06d}有限公司",
                credit_code=code,
                industry=rng.choice(industries),
                jurisdiction=rng.choice(places),
                address=f"郑州市合成路{n}号",
                principal="合成负责人",
                risk_level=rng.choice(["high", "medium", "low"]),
                colour=rng.choice(colours),
            )
        )
        if len(batch) >= BATCH:
            created += len(m.Enterprise.objects.bulk_create(batch))
            batch = []
    if batch:
        created += len(m.Enterprise.objects.bulk_create(batch))
    stdout.write(f"accountability: {created} synthetic enterprises\n")
