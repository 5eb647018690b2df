// Data quality per unit: for the officer's unit and the units below it, the records missing
// each field of the cleaning campaign (one count per finding rule) and the unit's mean
// completeness, ranked best first (the reporting service's read model, ADR 0022), with a
// link to each unit's records having a finding.
import { Alert, Progress, Spin, Table, Typography } from "antd";
import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { api, type Schemas } from "../../api/client";
import { asProblem } from "../../api/problems";
import { useAuth } from "../../auth/AuthContext";

type Unit = Schemas["UnitQuality"];

/** The campaign's fields (registry/domain/data_quality.py): one finding rule each. */
export const FIELD_LABELS: Record<string, string> = {
  personal_id: "Số định danh",
  gender: "Giới tính",
  ethnicity: "Dân tộc",
  disability_type: "Dạng tật",
  decision_number: "Số quyết định",
  decision_date: "Ngày quyết định",
  account: "Tài khoản nhận tiền",
};

/** The report the officer's unit reads: a commune itself, a province's communes, the
 * ministry's provinces (from July 2025 there is no district level). */
export function scopeOf(roles: string[], unitCode: string | null): { level: string; unit_code: string } | null {
  if (roles.some((r) => r.startsWith("ministry_"))) return { level: "country", unit_code: "VN" };
  if (!unitCode) return null;
  if (roles.some((r) => r.startsWith("province_"))) return { level: "province", unit_code: unitCode.slice(0, 2) };
  if (roles.some((r) => r.startsWith("commune_"))) return { level: "commune", unit_code: unitCode };
  return null;
}

const missing = (u: Unit, field: string): number => {
  const f = (u.fields ?? []).find((x) => x.field === field);
  return f ? f.applicable - f.present : 0;
};
const percent = (share: number): number => Math.round(share * 1000) / 10;

export function DataQualityPage() {
  const { session } = useAuth();
  const [report, setReport] = useState<Schemas["DataQualityReport"] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const scope = session ? scopeOf(session.roles, session.unitCode) : null;

  useEffect(() => {
    if (!scope) return;
    void api.GET("/api/v1/reports/data-quality", { params: { query: scope } }).then(({ data, error }) =>
      data ? setReport(data) : setError(asProblem(error).detail),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scope?.level, scope?.unit_code]);

  const units = report?.units ?? [];
  const fields = Object.keys(FIELD_LABELS);
  const columns = [
    { title: "Hạng", dataIndex: "rank", key: "rank", width: 64 },
    {
      title: "Đơn vị", dataIndex: "unit_code", key: "unit",
      render: (code: string) => (
        <Link to={`/officer/beneficiaries?unit_code=${code}&with_findings=true`} aria-label={`Hồ sơ cần bổ sung của đơn vị ${code}`}>{code}</Link>
      ),
    },
    { title: "Hồ sơ đang hưởng", dataIndex: "records", key: "records", render: (v: number) => v.toLocaleString("vi-VN") },
    {
      title: "Mức đầy đủ", dataIndex: "score", key: "score", width: 180,
      render: (v: number, u: Unit) => <Progress percent={percent(v)} size="small" aria-label={`Mức đầy đủ của đơn vị ${u.unit_code}`} />,
    },
    ...fields.map((f) => ({
      title: `Thiếu ${FIELD_LABELS[f]?.toLowerCase()}`, key: f,
      render: (_: unknown, u: Unit) => missing(u, f).toLocaleString("vi-VN"),
    })),
  ];
  const totals = fields.map((f) => ({ field: f, count: units.reduce((n, u) => n + missing(u, f), 0) }));
  const records = units.reduce((n, u) => n + u.records, 0);

  return (
    <section>
      <Typography.Title level={2}>Chất lượng dữ liệu theo đơn vị</Typography.Title>
      {!scope && <Alert type="info" showIcon message="Tài khoản của bạn không gắn với đơn vị có báo cáo chất lượng dữ liệu." />}
      {error && <Alert type="error" showIcon message={error} />}
      {scope && !report && !error && <Spin />}
      {report && (
        <>
          <Typography.Paragraph>
            Đơn vị {report.unit_code} và các đơn vị trực thuộc: {records.toLocaleString("vi-VN")} hồ sơ đang hưởng.
            Mỗi cột “Thiếu …” là số hồ sơ có nhận xét chất lượng dữ liệu theo quy tắc đó.
          </Typography.Paragraph>
          <ul aria-label="Số nhận xét theo quy tắc" style={{ columns: 2, maxWidth: 640 }}>
            {totals.map((t) => (
              <li key={t.field}>Thiếu {FIELD_LABELS[t.field]?.toLowerCase()}: <strong>{t.count.toLocaleString("vi-VN")}</strong></li>
            ))}
          </ul>
          <div role="region" aria-label="Xếp hạng đơn vị" tabIndex={0} style={{ overflowX: "auto" }}>
            <Table<Unit>
              rowKey="unit_code" size="small" columns={columns} dataSource={units}
              pagination={{ pageSize: 20 }} caption="Xếp hạng từ tốt nhất"
            />
          </div>
        </>
      )}
    </section>
  );
}
