"""Validation of rows of the commune Excel file (Circular 11/2019/TT-BLĐTBXH Art. 4.2).

Domain part only: a row (column key → raw cell value) becomes a command or a list of errors
in Vietnamese by row and column. Reading the file is ``ansinh_templates``' job.
"""

from registry.domain.excel_import.row import RowContext, RowError, RowResult, validate_row

__all__ = ["RowContext", "RowError", "RowResult", "validate_row"]
