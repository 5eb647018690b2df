"""Shared file templates (the ministry-style Excel files the services read and write).

* :mod:`ansinh_templates.beneficiary_excel` — the commune list of social-assistance
  beneficiaries: column spec (``COLUMNS``: key, Vietnamese header, data type, required,
  catalog), layout constants, ``BeneficiaryWorkbookWriter`` / ``write_workbook`` (streaming,
  byte-reproducible) and ``read_rows`` / ``read_tag``.
* :mod:`ansinh_templates.xlsx` — ``make_deterministic`` for any saved .xlsx.
"""
