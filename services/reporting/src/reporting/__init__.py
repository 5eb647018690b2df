"""An Sinh reporting service: read models and reports.

Responsibility (DESIGN.md, DOMAIN.md): **read models built from the other services' events**
(consumed through an inbox, so replays change nothing) — ministry-wide reading goes here, never
to 34 shards live; the **ministry's report forms** (beneficiaries, changes, payments, poor and
near-poor households, data-quality completeness per commune and province); **exports** (Excel
and the like) and the figures behind the **dashboards**.

This is a skeleton: settings, wiring, the gRPC process (health and reflection only) and the
first migration (outbox and inbox tables in every shard and the global database). Its domain
model, use cases, repositories, gRPC API and event consumers come with later issues.
"""
