"""An Sinh dossier service: intake and workflow of administrative procedures (dossiers).

Responsibility (DESIGN.md, DOMAIN.md): the **dossier** (hồ sơ) of an administrative procedure
(thủ tục hành chính) — its intake from citizens, their representatives and commune officers,
and its workflow through the steps of the procedure (receive, public posting, appraise,
approve, decide) with deadlines counted in **working days** (Decree 20/2021/NĐ-CP Art. 8.1;
weekends, public holidays and swapped days excluded — ``ansinh_common.catalogs.working_days``);
the procedure steps and the deciding level are configuration per period (three-level before,
two-level after 1 Jul 2025). It keeps dossiers and statuses in **two-way sync with the
provincial one-stop systems** (per-province inbound/outbound Kafka topics, an AsyncAPI
contract, the provincial-portal simulator), and records who represents whom.

This is a skeleton: settings, wiring, the gRPC process (health and reflection only) and the
first migration (outbox and inbox tables in every shard and the global database). Its domain
model, use cases, repositories, gRPC API and event consumers come with later issues.
"""
