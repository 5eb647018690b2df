-- Set-based generation of one commune's list for one month (payment.adapters.generation).
-- Implements payment.domain (explain, arrears, several_groups, care_support, funeral) in SQL;
-- the pure Python rules are the reference (tests/integration/test_generation_matches_domain.py).
-- Parameters: :list_id :province :commune :month (date, 1st) and three JSON tables computed
-- per province and month (never per person): :levels (standard level in force per month),
-- :coefficients (catalog codes "5.1/under_4" → coefficient), :allowances (province
-- allowances in force per month). Writes the temporary table gen_lines.
CREATE TEMP TABLE gen_lines ON COMMIT DROP AS
WITH
lv AS (
  SELECT * FROM jsonb_to_recordset(CAST(:levels AS jsonb))
    AS l(m date, level bigint, level_key text, level_basis text)
),
cf AS (
  SELECT * FROM jsonb_to_recordset(CAST(:coefficients AS jsonb))
    AS c(code text, coefficient numeric, basis text)
),
al AS (
  SELECT * FROM jsonb_to_recordset(CAST(:allowances AS jsonb))
    AS a(m date, key text, name text, groups text[], amount bigint, coefficient numeric,
         basis text)
),
people AS (
  SELECT p.person_id, p.full_name, p.birth_date,
         date_trunc('month', p.died_on)::date AS death_month,
         (SELECT min(s) FROM (
            SELECT em.start_month AS s FROM entitlement_memberships em
             WHERE em.person_id = p.person_id
            UNION ALL
            SELECT ec.start_month FROM entitlement_care_claims ec
             WHERE ec.person_id = p.person_id) u) AS earliest,
         EXISTS (SELECT 1 FROM payment_lines l JOIN payment_lists pl ON pl.id = l.list_id
                  WHERE l.national_id = p.person_id AND l.kind = 'regular'
                    AND pl.province_code = :province AND pl.month < :month) AS paid_before,
         EXISTS (SELECT 1 FROM payment_lines l JOIN payment_lists pl ON pl.id = l.list_id
                  WHERE l.national_id = p.person_id AND l.kind = 'funeral'
                    AND pl.province_code = :province AND pl.id <> :list_id) AS funeral_paid
    FROM entitlement_persons p
   WHERE p.province_code = :province AND p.commune_code = :commune
),
-- the commune's memberships and care claims, fetched person by person through the person_id
-- indexes (LATERAL … OFFSET 0 keeps it a nested loop of index scans): the joins below then hash
-- these few rows, never the whole shard's tables (enable_nestloop is off for this statement)
ems AS MATERIALIZED (
  SELECT em.* FROM people p
   CROSS JOIN LATERAL (SELECT * FROM entitlement_memberships x
                        WHERE x.person_id = p.person_id OFFSET 0) em
),
ecs AS MATERIALIZED (
  SELECT ec.* FROM people p
   CROSS JOIN LATERAL (SELECT * FROM entitlement_care_claims x
                        WHERE x.person_id = p.person_id OFFSET 0) ec
),
-- person × month to compute: this month, arrears months (Art. 8: from the earliest start month
-- to the first month paid), the month of death for funeral support (Art. 11.2)
pm AS (
  SELECT p.person_id, p.birth_date, lv.m, lv.level, lv.level_key, lv.level_basis,
         lv.m = :month AS current,
         lv.m < :month AND lv.m >= p.earliest AND NOT p.paid_before AS arrears,
         lv.m = p.death_month AND NOT p.funeral_paid AS funeral_month
    FROM people p
    JOIN lv ON lv.m <= :month
           AND (p.death_month IS NULL OR lv.m <= p.death_month)
           AND (lv.m = :month
                OR (lv.m >= p.earliest AND NOT p.paid_before)
                OR (lv.m = p.death_month AND NOT p.funeral_paid))
),
-- Art. 5, 6.1: the coefficient of every membership in force in the month (age rules)
gm AS (
  SELECT pm.person_id, pm.m, em.record_id, r.code, split_part(r.code, '/', 1) AS grp,
         cf.coefficient * CASE WHEN r.code = '5.4/per_child'
                               THEN payment_children_counted(em.children, pm.m) ELSE 1 END
           AS coef,
         cf.basis
    FROM pm
    JOIN ems em
      ON em.person_id = pm.person_id AND em.start_month <= pm.m
     AND (em.end_month IS NULL OR pm.m <= em.end_month)
   CROSS JOIN LATERAL (SELECT payment_group_condition(em.group_code, pm.birth_date,
                         em.studying_through, em.disability_level, em.children, pm.m) AS code) r
    JOIN cf ON cf.code = r.code
),
-- Art. 6.2: the highest only, or 5.4 + the highest of 5.5/5.6/5.8 when that pays more
sel AS (
  SELECT person_id, m, count(*) AS n,
         (array_agg(record_id ORDER BY coef DESC, record_id))[1] AS top_id,
         max(coef) AS top_coef,
         (array_agg(record_id ORDER BY coef DESC, record_id) FILTER (WHERE grp = '5.4'))[1]
           AS sp_id,
         max(coef) FILTER (WHERE grp = '5.4') AS sp_coef,
         (array_agg(record_id ORDER BY coef DESC, record_id)
            FILTER (WHERE grp = ANY (CAST(:combinable AS text[]))))[1] AS ot_id,
         max(coef) FILTER (WHERE grp = ANY (CAST(:combinable AS text[]))) AS ot_coef
    FROM gm GROUP BY person_id, m
),
gp AS (
  SELECT gm.*, sel.n FROM gm JOIN sel USING (person_id, m)
   WHERE CASE WHEN sel.sp_coef + sel.ot_coef > sel.top_coef
              THEN gm.record_id IN (sel.sp_id, sel.ot_id)
              ELSE gm.record_id = sel.top_id END
),
flags AS (
  SELECT pm.person_id, pm.m,
         bool_or(em.group_code = '5.1') AS has_5_1,
         bool_or(em.group_code = '5.5d') AS has_5_5d,
         bool_or(em.group_code = '5.6' AND em.disability_level = 'severe') AS severe,
         bool_or(em.group_code = '5.6' AND em.disability_level = 'especially_severe')
           AS especially_severe
    FROM pm
    JOIN ems em
      ON em.person_id = pm.person_id AND em.start_month <= pm.m
     AND (em.end_month IS NULL OR pm.m <= em.end_month)
   GROUP BY pm.person_id, pm.m
),
-- Art. 20: care support, on top (outside Art. 6.2)
cp AS (
  SELECT pm.person_id, pm.m, ec.claim_id, ec.kind, ec.payee_id, r.code, cf.coefficient, cf.basis
    FROM pm
    JOIN ecs ec
      ON ec.person_id = pm.person_id AND ec.start_month <= pm.m
     AND (ec.end_month IS NULL OR pm.m <= ec.end_month)
    LEFT JOIN flags f ON f.person_id = pm.person_id AND f.m = pm.m
   CROSS JOIN LATERAL (SELECT payment_care_condition(ec.kind, pm.birth_date, pm.m,
                         coalesce(f.has_5_1, false), coalesce(f.has_5_5d, false),
                         coalesce(f.severe, false), coalesce(f.especially_severe, false),
                         ec.pregnant_from, ec.pregnant_through, ec.children) AS code) r
    JOIN cf ON cf.code = r.code
),
parts AS (
  SELECT gp.person_id, gp.m, round(pm.level * gp.coef)::bigint AS amount, pm.level_key AS setting_key,
         gp.record_id, 0 AS ord,
         jsonb_build_object(
           'kind', 'monthly_allowance', 'group', gp.grp, 'condition', split_part(gp.code, '/', 2),
           'coefficient', gp.coef::text, 'standard_level', pm.level,
           'standard_level_basis', pm.level_basis, 'record_id', gp.record_id,
           'payee_id', gp.person_id, 'setting_key', pm.level_key,
           'amount', round(pm.level * gp.coef)::bigint,
           'legal_basis', gp.basis || CASE WHEN gp.n > 1 THEN '; Decree 20/2021/NĐ-CP Art. 6.2' ELSE '' END,
           'description', 'Trợ cấp xã hội hằng tháng, diện ' || gp.grp || ': '
             || to_char(pm.level, 'FM999G999G999') || ' đồng × hệ số ' || gp.coef::text
         ) AS part
    FROM gp JOIN pm ON pm.person_id = gp.person_id AND pm.m = gp.m
  UNION ALL
  SELECT cp.person_id, cp.m, round(pm.level * cp.coefficient)::bigint, pm.level_key,
         cp.claim_id, 1,
         jsonb_build_object(
           'kind', 'care_support', 'group', cp.kind, 'condition', split_part(cp.code, '/', 2),
           'coefficient', cp.coefficient::text, 'standard_level', pm.level,
           'standard_level_basis', pm.level_basis, 'record_id', cp.claim_id,
           'payee_id', cp.payee_id, 'setting_key', pm.level_key,
           'amount', round(pm.level * cp.coefficient)::bigint, 'legal_basis', cp.basis,
           'description', 'Hỗ trợ kinh phí chăm sóc, nuôi dưỡng (' || cp.kind || '): '
             || to_char(pm.level, 'FM999G999G999') || ' đồng × hệ số ' || cp.coefficient::text
         )
    FROM cp JOIN pm ON pm.person_id = cp.person_id AND pm.m = cp.m
  UNION ALL
  -- the province's own allowances (Art. 4.2; data recorded through the API)
  SELECT a.person_id, a.m, a.amount, a.key, a.record_id, 2,
         jsonb_build_object(
           'kind', 'province_allowance', 'coefficient', a.coefficient::text,
           'standard_level', CASE WHEN a.coefficient IS NOT NULL THEN a.level END,
           'payee_id', a.person_id, 'setting_key', a.key, 'amount', a.amount,
           'legal_basis', a.basis, 'description', a.name)
    FROM (
      SELECT DISTINCT ON (gp.person_id, gp.m, al.key) gp.person_id, gp.m, gp.record_id, al.key,
             al.name, al.basis, al.coefficient, pm.level,
             CASE WHEN al.coefficient IS NOT NULL THEN round(pm.level * al.coefficient)::bigint
                  ELSE al.amount END AS amount
        FROM gp
        JOIN pm ON pm.person_id = gp.person_id AND pm.m = gp.m
        JOIN al ON al.m = gp.m AND (cardinality(al.groups) = 0 OR gp.grp = ANY (al.groups))
       ORDER BY gp.person_id, gp.m, al.key, gp.record_id
    ) a
),
-- age transitions in the month, flagged for review (domain explain._transitions)
review AS (
  SELECT DISTINCT em.person_id, true AS needs_review
    FROM people p
    JOIN ems em ON em.person_id = p.person_id
   CROSS JOIN LATERAL (
     SELECT CAST(:month AS date) AS m,
            (CAST(:month AS date) - interval '1 month')::date AS prev,
            (CAST(:month AS date) + interval '1 month')::date AS next) d
   WHERE (p.death_month IS NULL OR d.m <= p.death_month)
     AND em.start_month <= d.m AND (em.end_month IS NULL OR d.m <= em.end_month)
     AND (
       (em.start_month <= d.prev
        AND payment_group_label(em.group_code, p.birth_date, em.studying_through,
              em.disability_level, em.children, d.prev)
            IS DISTINCT FROM payment_group_label(em.group_code, p.birth_date,
              em.studying_through, em.disability_level, em.children, d.m))
       OR ((em.end_month IS NULL OR d.next <= em.end_month)
           AND (p.death_month IS NULL OR d.next <= p.death_month)
           AND payment_group_label(em.group_code, p.birth_date, em.studying_through,
                 em.disability_level, em.children, d.m) IS NOT NULL
           AND payment_group_label(em.group_code, p.birth_date, em.studying_through,
                 em.disability_level, em.children, d.next) IS NULL)
       OR (em.group_code IN ('5.5b', '5.5c') AND em.start_month = d.m
           AND payment_age_in(p.birth_date, d.m) = CASE em.group_code WHEN '5.5b' THEN 75 ELSE 80 END
           AND payment_birthday_month(p.birth_date, d.m))
     )
  UNION
  SELECT ec.person_id, true
    FROM people p
    JOIN ecs ec ON ec.person_id = p.person_id
   CROSS JOIN LATERAL (
     SELECT CAST(:month AS date) AS m,
            (CAST(:month AS date) - interval '1 month')::date AS prev) d
   CROSS JOIN LATERAL (
     SELECT bool_or(x.group_code = '5.1' AND x.at_prev) AS p51,
            bool_or(x.group_code = '5.5d' AND x.at_prev) AS p55d,
            bool_or(x.group_code = '5.6' AND x.disability_level = 'severe' AND x.at_prev) AS psev,
            bool_or(x.group_code = '5.6' AND x.disability_level = 'especially_severe'
                    AND x.at_prev) AS pesp,
            bool_or(x.group_code = '5.1' AND x.at_m) AS m51,
            bool_or(x.group_code = '5.5d' AND x.at_m) AS m55d,
            bool_or(x.group_code = '5.6' AND x.disability_level = 'severe' AND x.at_m) AS msev,
            bool_or(x.group_code = '5.6' AND x.disability_level = 'especially_severe'
                    AND x.at_m) AS mesp
       FROM (SELECT em.group_code, em.disability_level,
                    em.start_month <= d.prev AND (em.end_month IS NULL OR d.prev <= em.end_month)
                      AS at_prev,
                    em.start_month <= d.m AND (em.end_month IS NULL OR d.m <= em.end_month)
                      AS at_m
               FROM entitlement_memberships em WHERE em.person_id = p.person_id) x) f
   WHERE ec.start_month <= d.prev AND (ec.end_month IS NULL OR d.m <= ec.end_month)
     AND payment_care_condition(ec.kind, p.birth_date, d.prev, coalesce(f.p51, false),
           coalesce(f.p55d, false), coalesce(f.psev, false), coalesce(f.pesp, false),
           ec.pregnant_from, ec.pregnant_through, ec.children)
         IS DISTINCT FROM payment_care_condition(ec.kind, p.birth_date, d.m,
           coalesce(f.m51, false), coalesce(f.m55d, false), coalesce(f.msev, false),
           coalesce(f.mesp, false), ec.pregnant_from, ec.pregnant_through, ec.children)
),
monthly AS (
  SELECT p.person_id, p.full_name,
         CASE WHEN pm.current THEN 'regular' ELSE 'arrears' END AS kind, pm.m AS month_for,
         coalesce(sum(x.amount), 0)::bigint AS amount,
         coalesce(min(x.record_id), p.person_id) AS record_id,
         coalesce(jsonb_agg(x.part ORDER BY x.ord, x.record_id) FILTER (WHERE x.part IS NOT NULL),
                  '[]'::jsonb) AS parts,
         array_remove(array_agg(DISTINCT x.setting_key), NULL) AS setting_keys,
         coalesce(bool_or(r.needs_review) FILTER (WHERE pm.current), false) AS needs_review
    FROM people p
    JOIN pm ON pm.person_id = p.person_id AND (pm.current OR pm.arrears)
    LEFT JOIN parts x ON x.person_id = pm.person_id AND x.m = pm.m
    LEFT JOIN review r ON r.person_id = p.person_id AND pm.current
   GROUP BY p.person_id, p.full_name, pm.current, pm.m
  HAVING count(x.part) > 0 OR coalesce(bool_or(r.needs_review), false) AND pm.current
),
funeral AS (
  -- Art. 11.2: once, 20 × the standard level of the month of death, if a monthly allowance
  -- was owed in that month
  SELECT p.person_id, p.full_name, 'funeral' AS kind, pm.m AS month_for,
         round(pm.level * CAST(:funeral_multiple AS numeric))::bigint AS amount,
         min(gp.record_id) AS record_id,
         jsonb_build_array(jsonb_build_object(
           'kind', 'funeral_support', 'coefficient', CAST(:funeral_multiple AS text),
           'standard_level', pm.level, 'standard_level_basis', pm.level_basis,
           'setting_key', pm.level_key, 'payee_id', p.person_id,
           'amount', round(pm.level * CAST(:funeral_multiple AS numeric))::bigint,
           'legal_basis', 'Decree 20/2021/NĐ-CP Art. 11.2',
           'description', 'Hỗ trợ chi phí mai táng: ' || CAST(:funeral_multiple AS text)
             || ' × mức chuẩn ' || to_char(pm.level, 'FM999G999G999')
             || ' đồng (chi cho người tổ chức mai táng)')) AS parts,
         array_remove(ARRAY[pm.level_key], NULL) AS setting_keys,
         false AS needs_review
    FROM people p
    JOIN pm ON pm.person_id = p.person_id AND pm.funeral_month
    JOIN gp ON gp.person_id = pm.person_id AND gp.m = pm.m
   GROUP BY p.person_id, p.full_name, pm.m, pm.level, pm.level_basis, pm.level_key
),
-- >>> CARRY-OVER PIECE (issue 13, channels slice): failed or returned payments of earlier
-- months of this commune, not yet listed elsewhere, each as a line of its own.
carry AS (
  SELECT co.national_id AS person_id,
         coalesce((SELECT ep.full_name FROM entitlement_persons ep
                    WHERE ep.person_id = co.national_id), '') AS full_name,
         'carry_over' AS kind, co.month_for, co.amount_vnd AS amount, co.record_id,
         jsonb_build_array(jsonb_build_object(
           'kind', 'carried_over', 'amount', co.amount_vnd, 'from_line_id', co.from_line_id,
           'month', to_char(co.month_for, 'YYYY-MM'),
           'legal_basis', 'Decree 20/2021/NĐ-CP Art. 34',
           'description', 'Chi trả lại khoản tháng ' || to_char(co.month_for, 'MM/YYYY')
             || ' chưa chi được: ' || co.reason)) AS parts,
         ARRAY[]::text[] AS setting_keys, false AS needs_review,
         co.id AS carry_over_id, co.reason
    FROM payment_carry_overs co
   WHERE co.province_code = :province AND co.commune_code = :commune AND co.month_for < :month
     AND (co.consumed_by_line_id IS NULL OR co.consumed_by_line_id LIKE :list_id || ':%')
)
-- <<< CARRY-OVER PIECE
SELECT :list_id || ':' || kind || ':' || person_id || ':' || to_char(month_for, 'YYYY-MM') AS id,
       record_id, person_id AS national_id, full_name, kind, month_for, amount,
       jsonb_build_object('parts', parts, 'needs_review', needs_review) AS breakdown,
       needs_review, setting_keys, NULL::text AS carry_over_id, NULL::text AS reason
  FROM (SELECT * FROM monthly UNION ALL SELECT * FROM funeral) g
UNION ALL
SELECT :list_id || ':carry_over:' || carry_over_id, record_id, person_id, full_name, kind,
       month_for, amount, jsonb_build_object('parts', parts, 'needs_review', false),
       false, setting_keys, carry_over_id, reason
  FROM carry
