"""How long a child's allowance runs: to 16, and to 22 at most while studying.

Decree 20/2021/NĐ-CP Art. 5.1 (a child is under 16; Law on Children 2016 Art. 1) and Art. 5.2:
"Người từ đủ 16 tuổi đến 22 tuổi thuộc một trong các trường hợp quy định tại khoản 1 Điều này
mà đang học … thì được tiếp tục hưởng trợ cấp xã hội cho đến khi kết thúc học, nhưng tối đa
không quá 22 tuổi". Payment stops from the month after the loss of eligibility (Art. 8), so
the month of the 16th birthday is still paid; after it only while studying, and the month of
the 22nd birthday is the last one *(verify: "không quá 22 tuổi" read as "up to the month the
person turns 22")*. The same reading counts the children of a 5.4 single parent (Art. 5.4:
"con dưới 16 tuổi hoặc từ 16 tuổi đến 22 tuổi đang học").
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from payment.domain.months import Month, age_in

LEGAL_BASIS = "Decree 20/2021/NĐ-CP Art. 5.1, Art. 5.2, Art. 8"
VERIFIED = False  # the last month at 22 (see above)
CHILD_UNTIL = 16
STUDYING_UNTIL = 22


class ChildStage(StrEnum):
    CHILD = "child"  # under 16, or the month of the 16th birthday
    STUDYING = "studying"  # after the 16th birthday month, studying, to the 22nd birthday month
    ENDED = "ended"


def child_stage(birth_date: date, studying_through: Month | None, month: Month) -> ChildStage:
    """Where a child's allowance stands in ``month``."""
    age = age_in(birth_date, month)
    if age < CHILD_UNTIL or (age == CHILD_UNTIL and month.month == birth_date.month):
        return ChildStage.CHILD
    studying = studying_through is not None and month <= studying_through
    birthday_22 = age == STUDYING_UNTIL and month.month == birth_date.month
    if studying and (age < STUDYING_UNTIL or birthday_22):
        return ChildStage.STUDYING
    return ChildStage.ENDED
