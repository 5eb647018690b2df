"""An Sinh poverty service: poor and near-poor households.

Responsibility (DESIGN.md, DOMAIN.md): **poor and near-poor households** (hộ nghèo / hộ cận
nghèo) and their members; the annual and regular **reviews** (rà soát: apply or be identified,
survey, classify, public listing, the commune chair's decision); **classification by a
versioned multidimensional poverty standard** chosen by review year (income lines and
deprivation indicators as data — ``ansinh_common.catalogs.poverty_standards``; adding a
standard is a data change); **certificates** of poor / near-poor status and the outcomes
(leaving poverty or near-poverty). Poverty belongs to the Ministry of Agriculture and
Environment since 1 Mar 2025, so its records carry the ``domain_poverty`` domain (ADR 0006).

Built on ADR 0013 (``bootstrap`` wires everything; ``python -m poverty`` serves
``ansinh.poverty.v1.PovertyService``): households, status history, certificates and reviews per
province shard, events through the outbox to ``ansinh.poverty.v1`` (docs/poverty.md, ADR 0021).
"""
