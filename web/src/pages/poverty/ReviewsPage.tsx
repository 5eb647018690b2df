// A commune's poverty reviews (campaigns): the reviews of a year with their current step, a new
// review for commune officers, the review report (Excel) and the units late with their report.
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Table, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { api, downloadFile, type Schemas } from "../../api/client";
import { asProblem, showProblem } from "../../api/problems";
import { useAuth } from "../../auth/AuthContext";
import { DATE_FORMAT, formatDate } from "../../format";
import { LateUnits } from "./LateUnits";
import { KINDS } from "./labels";

interface Unit { province_code: string; commune_code: string; year: number }
const PLACE_KEY = "ansinh.poverty.place";

/** A commune's or a district's account: its province is its unit's, which the server gives
 * (`GET /api/v1/me`, `province_code`), so the page does not ask for it (ADR 0043). */
export function isLocalUnit(unitCode: string | null | undefined): boolean {
  return !!unitCode && unitCode !== "VN" && unitCode.length > 2;
}

/** The commune and province last opened (a province or ministry account chooses them). */
export function rememberedPlace(unitCode: string | null): Unit {
  const year = dayjs().year();
  try {
    const kept = JSON.parse(window.localStorage.getItem(PLACE_KEY) ?? "null") as Unit | null;
    if (kept) return { ...kept, year };
  } catch { /* nothing kept */ }
  const code = unitCode ?? "";
  return { province_code: code.length === 2 ? code : "", commune_code: code.length === 5 ? code : "", year };
}

function StartReview({ place, onStarted }: { place: Unit; onStarted: (id: string) => void }) {
  const [form] = Form.useForm<{ kind: string; started_on: Dayjs }>();
  const [error, setError] = useState<string | null>(null);
  async function start(v: { kind: string; started_on: Dayjs }) {
    setError(null);
    const body = { province_code: place.province_code, commune_code: place.commune_code, kind: v.kind, started_on: v.started_on.format("YYYY-MM-DD") };
    const { data, error } = await api.POST("/api/v1/poverty/reviews", { body });
    if (data) onStarted(data.review_id);
    else setError(showProblem(form, asProblem(error)));
  }
  return (
    <Card size="small" title={<h3 style={{ margin: 0, fontSize: 16 }}>Bắt đầu kỳ rà soát mới</h3>}>
      <Form form={form} layout="inline" name="start-review" initialValues={{ kind: "annual", started_on: dayjs() }} onFinish={(v) => void start(v)} style={{ rowGap: 8 }}>
        <Form.Item name="kind" label="Loại rà soát">
          <Select style={{ width: 240 }} options={Object.entries(KINDS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="started_on" label="Ngày bắt đầu" rules={[{ required: true, message: "Vui lòng chọn ngày." }]}>
          <DatePicker format={DATE_FORMAT} allowClear={false} />
        </Form.Item>
        <Form.Item><Button type="primary" htmlType="submit">Bắt đầu rà soát</Button></Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} />}
    </Card>
  );
}

export function ReviewsPage() {
  const { session } = useAuth();
  const navigate = useNavigate();
  const [form] = Form.useForm<Unit>();
  const [place, setPlace] = useState<Unit>(() => rememberedPlace(session?.unitCode ?? null));
  const [reviews, setReviews] = useState<Schemas["ReviewSummary"][] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const communeOfficer = !!session?.roles.includes("commune_officer");
  const local = isLocalUnit(session?.unitCode);
  // a commune or district account: the province of its unit, from the server (null: not yet)
  const [unitProvince, setUnitProvince] = useState<string | null>(null);

  async function load(values: Unit) {
    // a local account's form has no province field: its unit's province
    const v = { ...values, province_code: values.province_code || unitProvince || "" };
    setError(null);
    const { data, error } = await api.GET("/api/v1/poverty/reviews/{province_code}", {
      params: { path: { province_code: v.province_code }, query: { commune_code: v.commune_code, year: v.year } },
    });
    setReviews(data?.reviews ?? null);
    if (!data) setError(showProblem(form, asProblem(error)));
    else {
      setPlace(v);
      window.localStorage.setItem(PLACE_KEY, JSON.stringify(v));
    }
  }
  useEffect(() => {
    if (!local) {
      if (place.province_code && place.commune_code) void load(place);
      return;
    }
    void api.GET("/api/v1/me").then(({ data }) => {
      const province = data?.province_code ?? "";
      setUnitProvince(province);
      const mine = { ...place, province_code: province };
      setPlace(mine);
      if (province && mine.commune_code) void load(mine);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function report() {
    setError(null);
    const query = `year=${place.year}&commune_code=${encodeURIComponent(place.commune_code)}`;
    try {
      await downloadFile(`/api/v1/poverty/reports/${place.province_code}/review.xlsx?${query}`, "bao-cao-ra-soat.xlsx");
    } catch (e) {
      setError(asProblem(e).detail);
    }
  }

  const columns = [
    { title: "Kỳ rà soát", key: "kind", render: (r: Schemas["ReviewSummary"]) => <Link to={`/officer/poverty/reviews/${place.province_code}/${r.review_id}`}>{KINDS[r.kind] ?? r.kind} năm {r.year}</Link> },
    { title: "Ngày bắt đầu", dataIndex: "started_on", key: "on", render: (v: string) => formatDate(v) },
    { title: "Bước hiện tại", dataIndex: "step_label", key: "step" },
    { title: "Số hộ", dataIndex: "households", key: "n" },
    { title: "Chuẩn nghèo", dataIndex: "standard_code", key: "standard" },
  ];
  return (
    <section>
      <Typography.Title level={2}>Rà soát hộ nghèo, hộ cận nghèo</Typography.Title>
      <Space direction="vertical" style={{ width: "100%" }} size="large">
        <Card size="small" title={<h3 style={{ margin: 0, fontSize: 16 }}>Các kỳ rà soát của xã</h3>}>
          <Form form={form} layout="inline" name="reviews" initialValues={place} onFinish={(v) => void load(v)} style={{ rowGap: 8 }}>
            {local ? (
              <Form.Item label="Tỉnh"><span data-testid="review-province">{unitProvince ?? "…"}</span></Form.Item>
            ) : (
              <Form.Item name="province_code" label="Mã tỉnh" rules={[{ required: true, message: "Vui lòng nhập mã tỉnh." }]}><Input maxLength={2} style={{ width: 70 }} /></Form.Item>
            )}
            <Form.Item name="commune_code" label="Mã xã" rules={[{ required: true, message: "Vui lòng nhập mã xã." }]}><Input maxLength={5} style={{ width: 100 }} /></Form.Item>
            <Form.Item name="year" label="Năm rà soát" rules={[{ required: true, message: "Vui lòng nhập năm." }]}><InputNumber min={2016} max={2100} /></Form.Item>
            <Form.Item><Button htmlType="submit">Xem các kỳ rà soát</Button></Form.Item>
            <Form.Item><Button onClick={() => void report()} disabled={!place.province_code}>Tải báo cáo kết quả rà soát (Excel)</Button></Form.Item>
          </Form>
          {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} />}
          {reviews && (
            <Table rowKey="review_id" size="small" pagination={false} columns={columns} dataSource={reviews} caption="Các kỳ rà soát, mới nhất trước" style={{ marginTop: 12 }} locale={{ emptyText: <span style={{ color: "#434343" }}>Chưa có kỳ rà soát nào trong năm.</span> }} />
          )}
        </Card>
        {communeOfficer && place.province_code && place.commune_code && (
          <StartReview place={place} onStarted={(id) => navigate(`/officer/poverty/reviews/${place.province_code}/${id}`)} />
        )}
        <LateUnits provinceCode={place.province_code} />
      </Space>
    </section>
  );
}
