"""The simulator's loading rules (infra/simulators/population_db/server.py), on hand-made files:
one record per number, the first wins, persons with injected defects are left out."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

SERVER = Path(__file__).resolve().parents[4] / "infra/simulators/population_db/server.py"
HEADER = (
    "person_id,household_id,commune_code,relation,family_name,middle_name,given_name,"
    "full_name,gender,birth_date,ethnicity_code,personal_id,birth_province_code\n"
)


def simulator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("population_db_sim", SERVER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses need the module registered
    spec.loader.exec_module(module)
    return module


def test_load_citizens(tmp_path: Path) -> None:
    (tmp_path / "persons.csv").write_text(
        HEADER
        + "1,1,00004,head,Lê,Văn,Tám,Lê Văn Tám,male,1950-01-02,01,001050000001,001\n"
        + "2,1,00004,wife,Trần,Thị,Mơ,Trần Thị Mơ,female,1952-03-04,01,001152000002,001\n"
        + "3,1,00004,child,Lê,Thị,Ba,Lê Thị Ba,female,1980-05-06,01,,001\n"
        + "4,2,00004,head,Lê,Văn,Tám,Lê Văn Tam,male,1950-01-02,01,001050000001,001\n"
        + "5,3,00004,head,Hồ,Văn,Năm,Hồ Văn Năm,male,1960-07-08,01,001060000005,001\n",
        encoding="utf-8",
    )
    (tmp_path / "defects.csv").write_text(
        "entity,record_id,defect,detail\nperson,5,id_gender_mismatch,flipped\n", encoding="utf-8"
    )
    extra = tmp_path / "demo.csv"
    extra.write_text(
        "personal_id,full_name,gender,birth_date\n001090012345,Nguyễn Văn An,male,1990-05-15\n",
        encoding="utf-8",
    )
    citizens = simulator().load_citizens(tmp_path, extra)
    assert sorted(citizens) == ["001050000001", "001090012345", "001152000002"]
    assert citizens["001050000001"].full_name == "Lê Văn Tám"  # the first record wins
    assert citizens["001090012345"].as_json()["birth_date"] == "1990-05-15"
