"""The commune Excel cycle (Circular 11/2019/TT-BLĐTBXH Art. 4.2): export, import, errors."""
