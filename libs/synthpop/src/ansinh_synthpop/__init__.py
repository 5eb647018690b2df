"""Synthetic national population for An Sinh: a seeded, streaming generator of households,
persons, monthly-allowance beneficiaries (Decree 20/2021/NĐ-CP) and poor / near-poor
households, with deliberate legacy-data defects, CSV rows for PostgreSQL COPY and the
ministry-style commune Excel files (docs/synthpop.md).

    from ansinh_synthpop import Config, generate
    generate(Config(seed=42, scale=0.001, excel_communes=3), Path("out"))
"""

__version__ = "0.1.0"

from ansinh_synthpop.config import Config
from ansinh_synthpop.pipeline import generate

__all__ = ["Config", "__version__", "generate"]
