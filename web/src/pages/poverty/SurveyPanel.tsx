// Step 2 for one household: Phiếu A (quick identification) and the scored survey (Phiếu B). The
// facts asked come from the review's standard (GetSurveyForm); the server scores and classifies.
import { Alert, Button, Card, Checkbox, DatePicker, Form, InputNumber, Radio, Select, Space, Spin, Table, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { api, type Schemas } from "../../api/client";
import { asProblem } from "../../api/problems";
import { DATE_FORMAT, formatDate } from "../../format";
import { showStepProblem } from "./problems";

type Review = Schemas["ReviewResponse"];
type Act = (body: Schemas["ActOnReviewBody"]) => Promise<Schemas["Problem"] | null>;

export function QuickIdentificationForm({ householdId, act }: { householdId: string; act: Act }) {
  const [form] = Form.useForm<{ identified_on: Dayjs; criteria_met: string[] }>();
  const [error, setError] = useState<string | null>(null);
  async function send(v: { identified_on: Dayjs; criteria_met: string[] }) {
    const problem = await act({ quick_identification: { household_id: householdId, identified_on: v.identified_on.format("YYYY-MM-DD"), criteria_met: v.criteria_met ?? [] } });
    setError(problem ? showStepProblem(form, problem, ["quick_identification"]) : null);
  }
  return (
    <Form form={form} layout="vertical" name="quick" initialValues={{ criteria_met: [] }} onFinish={(v) => void send(v)}>
      <Typography.Title level={4} style={{ fontSize: 15 }}>Phiếu A — nhận diện nhanh</Typography.Title>
      <Form.Item name="identified_on" label="Ngày nhận diện" rules={[{ required: true, message: "Vui lòng chọn ngày." }]}>
        <DatePicker format={DATE_FORMAT} />
      </Form.Item>
      <Form.Item name="criteria_met" label="Tiêu chí Phiếu A hộ đạt (để trống: hộ cần khảo sát, chấm điểm)">
        <Select mode="tags" style={{ maxWidth: 480 }} tokenSeparators={[","]} />
      </Form.Item>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Button htmlType="submit">Ghi Phiếu A</Button>
    </Form>
  );
}

interface SurveyValues {
  surveyed_on: Dayjs;
  mode: "income" | "answers";
  income_per_person?: number;
  answers: Record<string, string>;
  household_facts: Record<string, boolean | number | null | undefined>;
  members: { facts: Record<string, boolean> }[];
}

export function SurveyForm({ provinceCode, review, householdId, act }: { provinceCode: string; review: Review; householdId: string; act: Act }) {
  const [form] = Form.useForm<SurveyValues>();
  const [standard, setStandard] = useState<Schemas["SurveyForm"] | null>(null);
  const [members, setMembers] = useState<Schemas["Member"][]>([]);
  const [error, setError] = useState<string | null>(null);
  const mode = Form.useWatch("mode", form);
  useEffect(() => {
    void api.GET("/api/v1/poverty/standards/{standard_code}/survey-form", { params: { path: { standard_code: review.standard_code }, query: { on: review.started_on ?? undefined } } })
      .then(({ data, error }) => (data ? setStandard(data) : setError(asProblem(error).detail)));
    void api.GET("/api/v1/poverty/households/{province_code}/{household_id}", { params: { path: { province_code: provinceCode, household_id: householdId } } })
      .then(({ data, error }) => (data ? setMembers(data.household?.members ?? []) : setError(asProblem(error).detail)));
  }, [provinceCode, householdId, review.standard_code, review.started_on]);
  if (error && !standard) return <Alert type="error" showIcon message={error} />;
  if (!standard || members.length === 0) return <Spin />;

  const flags = standard.household_facts?.filter((f) => !f.count) ?? [];
  const counts = standard.household_facts?.filter((f) => f.count) ?? [];
  const memberFacts = standard.member_facts ?? [];
  const initial = {
    mode: "income" as const, answers: {},
    household_facts: { ...Object.fromEntries(flags.map((f) => [f.name, false])), ...Object.fromEntries(counts.map((f) => [f.name, null])) },
    members: members.map(() => ({ facts: Object.fromEntries(memberFacts.map((f) => [f.name, false])) })),
  };
  async function send(v: SurveyValues) {
    const survey: Schemas["SurveyIn"] = {
      household_id: householdId,
      surveyed_on: v.surveyed_on.format("YYYY-MM-DD"),
      members: members.map((m, i) => ({ member_id: m.member_id, facts: memberFacts.map((f) => ({ name: f.name, value: !!v.members[i]?.facts[f.name] })) })),
      household_flags: flags.map((f) => ({ name: f.name, value: !!v.household_facts[f.name] })),
      household_counts: counts.flatMap((f) => (typeof v.household_facts[f.name] === "number" ? [{ name: f.name, value: v.household_facts[f.name] as number }] : [])),
    };
    if (v.mode === "income") survey.income_per_person = v.income_per_person ?? null;
    else survey.answers = Object.entries(v.answers ?? {}).filter(([, o]) => o).map(([item, option]) => ({ item, option }));
    const problem = await act({ survey });
    setError(problem ? showStepProblem(form, problem, ["survey"]) : null);
  }
  const memberColumns = [
    { title: "Thành viên", key: "name", render: (_: unknown, m: Schemas["Member"]) => `${m.full_name} (${formatDate(m.birth_date)})` },
    ...memberFacts.map((f) => ({
      title: f.label, key: f.name,
      render: (_: unknown, m: Schemas["Member"], i: number) => (
        <Form.Item name={["members", i, "facts", f.name]} valuePropName="checked" noStyle>
          <Checkbox aria-label={`${f.label} — ${m.full_name}`} />
        </Form.Item>
      ),
    })),
  ];
  return (
    <Form form={form} layout="vertical" name="survey" initialValues={initial} onFinish={(v) => void send(v)}>
      <Typography.Title level={4} style={{ fontSize: 15 }}>Phiếu khảo sát, chấm điểm (chuẩn {standard.standard_code})</Typography.Title>
      <Form.Item name="surveyed_on" label="Ngày khảo sát" rules={[{ required: true, message: "Vui lòng chọn ngày." }]}>
        <DatePicker format={DATE_FORMAT} />
      </Form.Item>
      <Form.Item name="mode" label="Thu nhập của hộ">
        <Radio.Group options={[{ value: "income", label: "Thu nhập bình quân đo được" }, { value: "answers", label: "Chấm điểm Phiếu B" }]} />
      </Form.Item>
      {mode !== "answers" ? (
        <Form.Item name="income_per_person" label="Thu nhập bình quân (đồng/người/tháng)">
          <InputNumber<number> min={0} step={10000} style={{ width: 220 }} formatter={(v) => `${v ?? ""}`.replace(/\B(?=(\d{3})+(?!\d))/g, ".")} parser={(v) => Number((v ?? "").replace(/\./g, ""))} />
        </Form.Item>
      ) : (
        <Card size="small" title="Phiếu B" style={{ marginBottom: 12 }}>
          {!standard.scoring_verified && <Alert type="warning" showIcon message="Bảng điểm Phiếu B chưa được đối chiếu với văn bản gốc." style={{ marginBottom: 12 }} />}
          {standard.questions?.map((q) => (
            <Form.Item key={q.code} name={["answers", q.code]} label={q.question}>
              <Select style={{ maxWidth: 420 }} options={q.options?.map((o) => ({ value: o.code, label: o.label }))} />
            </Form.Item>
          ))}
        </Card>
      )}
      <Typography.Title level={5} style={{ fontSize: 14 }}>Thông tin của hộ</Typography.Title>
      <Space wrap size="large">
        {flags.map((f) => (
          <Form.Item key={f.name} name={["household_facts", f.name]} valuePropName="checked" style={{ marginBottom: 8 }}>
            <Checkbox>{f.label}</Checkbox>
          </Form.Item>
        ))}
        {counts.map((f) => (
          <Form.Item key={f.name} name={["household_facts", f.name]} label={f.label} style={{ marginBottom: 8 }}>
            <InputNumber min={0} />
          </Form.Item>
        ))}
      </Space>
      <Table rowKey="member_id" size="small" pagination={false} columns={memberColumns} dataSource={members} caption="Thông tin của từng thành viên" scroll={{ x: true }} style={{ margin: "12px 0" }} />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Button type="primary" htmlType="submit">Ghi kết quả khảo sát</Button>
    </Form>
  );
}
