"""An Sinh payment service: monthly payment lists.

Responsibility (DESIGN.md, DOMAIN.md): the **monthly payment lists** (danh sách chi trả) per
commune, built from the registry's beneficiaries and their changes (amount = standard level ×
coefficient, whole VND, arrears — truy lĩnh — where a change reaches back); the **payment
channels** (postal payment points, bank accounts, e-wallets, mobile money —
``ansinh_common.catalogs.payment_channels``); the **results** of each payment as reported back
by the channel; **reconciliation** of what was listed, paid and returned; and **locking
closed months** so that older data cannot change (the Excel cycle's step 5).

This is a skeleton: settings, wiring, the gRPC process (health and reflection only) and the
first migration (outbox and inbox tables in every shard and the global database). Its domain
model, use cases, repositories, gRPC API and event consumers come with later issues.
"""
