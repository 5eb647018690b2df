"""Domain of the reporting service: plain Python, no I/O (model, rules, commands, events, errors).

Responsibility (DESIGN.md, DOMAIN.md): **read models built from the other services' events**
(consumed through an inbox, so replays change nothing) — ministry-wide reading goes here, never
to 34 shards live; the **ministry's report forms** (beneficiaries, changes, payments, poor and
near-poor households, data-quality completeness per commune and province); **exports** (Excel
and the like) and the figures behind the **dashboards**.

Empty so far: the model and its rules come with the issues that implement the use cases.
"""
