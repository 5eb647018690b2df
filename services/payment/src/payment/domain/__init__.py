"""Domain of the payment service: plain Python, no I/O (model, rules, commands, events, errors).

Responsibility (DESIGN.md, DOMAIN.md): the **monthly payment lists** (danh sách chi trả) per
commune, built from the registry's beneficiaries and their changes (amount = standard level ×
coefficient, whole VND, arrears — truy lĩnh — where a change reaches back); the **payment
channels** (postal payment points, bank accounts, e-wallets, mobile money —
``ansinh_common.catalogs.payment_channels``); the **results** of each payment as reported back
by the channel; **reconciliation** of what was listed, paid and returned; and **locking
closed months** so that older data cannot change (the Excel cycle's step 5).

Empty so far: the model and its rules come with the issues that implement the use cases.
"""
