"""Domain of the dossier service: plain Python, no I/O (ADR 0013).

Responsibility (DESIGN.md, DOMAIN.md): the **dossier** (hồ sơ) of an administrative procedure
(thủ tục hành chính) — its intake from citizens, their representatives and commune officers,
and its workflow through the steps of the procedure (receive, public posting, appraise,
approve, decide) with deadlines counted in **working days** (Decree 20/2021/NĐ-CP Art. 8.1;
weekends, public holidays and swapped days excluded — ``ansinh_common.catalogs.working_days``);
the procedure steps and the deciding level are configuration per period (three-level before,
two-level after 1 Jul 2025). It keeps dossiers and statuses in **two-way sync with the
provincial one-stop systems** (per-province inbound/outbound Kafka topics, an AsyncAPI
contract, the provincial-portal simulator), and records who represents whom.

See docs/dossier.md (modules, states, who acts) and ADR 0015 (decisions).
"""
