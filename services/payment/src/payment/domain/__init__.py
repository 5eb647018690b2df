"""Domain of the payment service: plain Python, no I/O (model, rules, events, errors).

Responsibility (DESIGN.md, DOMAIN.md, issue 13): what every beneficiary is owed each month and
why, and the monthly payment lists (danh sách chi trả) per commune and their states.

* ``model`` — the service's own projection of entitlements (``Beneficiary``, its
  ``Membership`` in the groups of Decree 20/2021 Art. 5 and its ``CareSupportClaim`` of Art. 20).
* ``policy`` — a province's settings (higher standard level, own allowances), data with their
  resolution, superseded and never changed once an approved list used them.
* ``rules/`` — one legal rule per module, each with ``LEGAL_BASIS`` (and ``VERIFIED = False``
  where the legal text is still to be checked).
* ``explain`` — ``explain(beneficiary, month, policy)``: each part of the amount with its
  group, coefficient, standard level and legal basis; age transitions flagged for review.
* ``lines`` and ``payment_list`` — payment lines (monthly, carried over, adjustment) and the
  list aggregate (draft → approved → exported → closed, maker–checker, closed months locked).

Guide: docs/payment.md; decisions: docs/adr/0014-payment-domain.md (the service shape: ADR 0013).
"""
