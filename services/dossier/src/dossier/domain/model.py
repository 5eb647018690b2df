"""Entities and value objects of the dossier service, gathered from their modules.

The aggregate is ``Dossier`` (``dossier.py``); a procedure definition is ``Procedure``
(``procedures/model.py``); the plan fixed at receipt is ``Plan`` (``plan.py``). See
docs/dossier.md for the map of the domain.
"""

from dossier.domain.actor import Actor
from dossier.domain.channel import Channel
from dossier.domain.clock import DueState, StepClock
from dossier.domain.dossier import Dossier
from dossier.domain.dossier_code import DossierCode
from dossier.domain.plan import Plan, PlannedStep
from dossier.domain.procedures.model import Procedure
from dossier.domain.records import Appraisal, DecisionDraft, PopulationCheck, SignedDecision
from dossier.domain.stages import Action, Stage
from dossier.domain.tracking import HistoryEntry, StepRun, StepUsage

__all__ = [
    "Action",
    "Actor",
    "Appraisal",
    "Channel",
    "DecisionDraft",
    "Dossier",
    "DossierCode",
    "DueState",
    "HistoryEntry",
    "Plan",
    "PlannedStep",
    "PopulationCheck",
    "Procedure",
    "SignedDecision",
    "Stage",
    "StepClock",
    "StepRun",
    "StepUsage",
]
