"""Does the commune's check of this dossier need the household's poverty status?

Several groups of Decree 20/2021/NĐ-CP Art. 5 are defined by belonging to a poor or near-poor
household: 5.3 (children 16-22 studying, of poor households), 5.4 (single parents of poor
households), 5.5a and 5.5b (elderly of poor households), 5.7 (children of poor households with
HIV) and 5.8 (people with HIV of poor households). The procedure's definition lists those
categories (``poverty_status_categories``); the social-assistance side asks the poverty service.

A citizen states facts, not a category (Circular 11/2019/TT-BLĐTBXH Art. 4.1): the categories a
dossier may fall in are those whose forms, for the dossier's purpose, include the form filled
in (form 1b: 5.5a-5.5d; 1c: 5.4; 1d: 5.8; 1a: 5.1, 5.2, 5.3, 5.7). The status is needed when
any of them needs it, so that the appraisal that then fixes the category has the answer.
"""

from __future__ import annotations

from dossier.domain.procedures.model import Procedure

LEGAL_BASIS = "Decree 20/2021/NĐ-CP Art. 5.3, 5.4, 5.5a, 5.5b, 5.7, 5.8"


def claimed_categories(procedure: Procedure, purpose_id: str, form_id: str) -> frozenset[str]:
    """The categories of ``purpose_id`` whose declaration is ``form_id``."""
    try:
        purpose = procedure.purpose(purpose_id)
    except KeyError:
        return frozenset()
    return frozenset(g for g, forms in purpose.forms.items() if g != "*" and form_id in forms)


def poverty_status_required(procedure: Procedure, purpose_id: str, form_id: str) -> bool:
    """True when one of the dossier's possible categories is defined by household poverty."""
    categories = claimed_categories(procedure, purpose_id, form_id)
    return not categories.isdisjoint(procedure.poverty_status_categories)
