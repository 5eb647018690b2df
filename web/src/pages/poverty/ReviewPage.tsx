// One review of a commune: its steps in order (only the step the server allows next is
// offered, and only to the role that acts on it), the households of the list with their
// survey results and decisions, the Excel list, and the certificates (PDF) once decided.
import { Alert, Button, Card, DatePicker, Descriptions, Space, Spin, Table, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useCallback, useEffect, useState } from "react";
import { useParams } from "react-router-dom";
import { api, type Schemas } from "../../api/client";
import { asProblem } from "../../api/problems";
import { useAuth } from "../../auth/AuthContext";
import { DATE_FORMAT, formatDate } from "../../format";
import { POVERTY_STATUS } from "../PovertyPage";
import { postForFile } from "./files";
import { CASE_STATES, CHANNELS, KINDS, REQUEST_FORMS, stepsOf } from "./labels";
import { ReviewExcel } from "./ReviewExcel";
import { DecisionStep, DistrictStep, ListingStep, MeetingStep, PostingStep } from "./StepPanels";
import { QuickIdentificationForm, SurveyForm } from "./SurveyPanel";

type Review = Schemas["ReviewResponse"];
type Case = Schemas["ReviewCase"];

function Certificate({ provinceCode, year, householdId }: { provinceCode: string; year: number; householdId: string }) {
  const [on, setOn] = useState<Dayjs | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  async function issue() {
    try {
      const name = await postForFile(`/api/v1/poverty/households/${provinceCode}/${encodeURIComponent(householdId)}/certificates`, { review_year: year, issued_on: (on ?? dayjs()).format("YYYY-MM-DD") }, "giay-chung-nhan.pdf");
      setMessage(`Đã cấp: ${name}`);
    } catch (e) {
      setMessage(asProblem(e).detail);
    }
  }
  return (
    <Space wrap>
      <label htmlFor={`issued-${householdId}`}>Ngày cấp</label>
      <DatePicker id={`issued-${householdId}`} format={DATE_FORMAT} value={on} onChange={setOn} />
      <Button onClick={() => void issue()}>Cấp giấy chứng nhận (PDF)</Button>
      {message && <span role="status">{message}</span>}
    </Space>
  );
}

export function ReviewPage() {
  const { province = "", reviewId = "" } = useParams();
  const { session } = useAuth();
  const [review, setReview] = useState<Review | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<{ id: string; what: "quick" | "survey" } | null>(null);
  const roles = session?.roles ?? [];
  const officer = roles.includes("commune_officer");
  const chair = roles.includes("commune_leader");
  const path = { province_code: province, review_id: reviewId };

  const load = useCallback(async () => {
    const { data, error } = await api.GET("/api/v1/poverty/reviews/{province_code}/{review_id}", { params: { path: { province_code: province, review_id: reviewId } } });
    if (data) setReview(data);
    else setError(asProblem(error).detail);
  }, [province, reviewId]);
  useEffect(() => void load(), [load]);

  async function act(body: Schemas["ActOnReviewBody"]): Promise<Schemas["Problem"] | null> {
    const { data, error } = await api.POST("/api/v1/poverty/reviews/{province_code}/{review_id}/steps", { params: { path }, body });
    if (data) {
      setReview(data);
      setChosen(null);
      return null;
    }
    return asProblem(error);
  }

  if (error && !review) return <Alert type="error" showIcon message={error} />;
  if (!review) return <Spin />;
  const steps = stepsOf(review.administrative_model);
  const current = steps.findIndex((s) => s.step === review.step);
  const columns = [
    { title: "Mã hộ", dataIndex: "household_id", key: "id" },
    { title: "Thôn, tổ dân phố", dataIndex: "village", key: "village" },
    { title: "Diện hộ trước rà soát", dataIndex: "previous_status", key: "previous", render: (v: string) => POVERTY_STATUS[v] ?? v },
    { title: "Giấy đề nghị", key: "request", render: (c: Case) => (c.request_form ? `${REQUEST_FORMS[c.request_form] ?? c.request_form} (${CHANNELS[c.request_channel] ?? c.request_channel})` : "") },
    { title: "Tình trạng", dataIndex: "state", key: "state", render: (v: string) => CASE_STATES[v] ?? v },
    { title: "Diện hộ đề xuất", dataIndex: "proposed_status", key: "proposed", render: (v: string) => (v ? POVERTY_STATUS[v] ?? v : "") },
    { title: "Số chỉ số thiếu hụt", key: "deprivations", render: (c: Case) => (c.proposed_status ? c.deprivations?.length ?? 0 : "") },
    { title: "Diện hộ được quyết định", key: "decided", render: (c: Case) => (c.decided_status ? `${POVERTY_STATUS[c.decided_status] ?? c.decided_status}${c.refusal_reason ? ` — ${c.refusal_reason}` : ""}` : "") },
    {
      title: "Thao tác", key: "actions",
      render: (c: Case) => {
        if (review.step === 2 && officer && c.state === "listed") {
          return (
            <Space>
              <Button size="small" onClick={() => setChosen({ id: c.household_id, what: "quick" })} aria-label={`Phiếu A hộ ${c.household_id}`}>Phiếu A</Button>
              <Button size="small" onClick={() => setChosen({ id: c.household_id, what: "survey" })} aria-label={`Khảo sát hộ ${c.household_id}`}>Khảo sát</Button>
            </Space>
          );
        }
        if (review.step === 7 && chair && (c.decided_status === "poor" || c.decided_status === "near_poor")) {
          return <Certificate provinceCode={province} year={review.year} householdId={c.household_id} />;
        }
        return null;
      },
    },
  ];
  const waitingFor = review.step === 6 ? "Chủ tịch UBND xã ra quyết định" : "cán bộ xã thực hiện bước này";
  const acts = review.step === 6 ? chair : officer;
  return (
    <section>
      <Typography.Title level={2}>{KINDS[review.kind] ?? review.kind} năm {review.year} — xã {review.commune_code}</Typography.Title>
      <Space direction="vertical" style={{ width: "100%" }} size="large">
        <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label="Ngày bắt đầu">{formatDate(review.started_on)}</Descriptions.Item>
          <Descriptions.Item label="Chuẩn nghèo">{review.standard_code}</Descriptions.Item>
          <Descriptions.Item label="Hạn ra quyết định">{formatDate(review.decision_due)}</Descriptions.Item>
          {review.decision_number && <Descriptions.Item label="Số quyết định">{review.decision_number}</Descriptions.Item>}
        </Descriptions>
        <nav aria-label="Các bước rà soát">
          <ol style={{ margin: 0, paddingLeft: 20 }}>
            {steps.map((s, i) => {
              const state = review.step === 7 || i < current ? "đã xong" : i === current ? "đang thực hiện" : "chưa đến";
              return (
                <li key={s.step} aria-current={i === current ? "step" : undefined} style={{ fontWeight: i === current ? 600 : 400 }}>
                  Bước {s.step}: {s.title} — <span>{state}</span>
                </li>
              );
            })}
          </ol>
        </nav>
        <Card size="small" title={<h3 style={{ margin: 0, fontSize: 16 }} data-testid="current-step">{review.step === 7 ? "Đã có quyết định công nhận" : `Bước hiện tại: ${review.step_label}`}</h3>}>
          {review.step < 7 && !acts && <Alert type="info" showIcon message={`Chờ ${waitingFor}.`} />}
          {review.step === 1 && officer && <ListingStep provinceCode={province} review={review} onChanged={setReview} act={act} />}
          {review.step === 2 && officer && <Alert type="info" showIcon message="Chọn Phiếu A hoặc Khảo sát ở từng hộ trong danh sách dưới đây." />}
          {review.step === 3 && officer && <MeetingStep review={review} act={act} />}
          {review.step === 4 && officer && <PostingStep act={act} />}
          {review.step === 5 && officer && <DistrictStep act={act} />}
          {review.step === 6 && chair && <DecisionStep review={review} act={act} />}
          {review.step === 7 && <Alert type="success" showIcon message={`Quyết định số ${review.decision_number}.`} />}
          {(review.returned_to_survey?.length ?? 0) > 0 && review.step === 2 && (
            <Alert type="warning" showIcon style={{ marginTop: 12 }} message={`Họp dân không thông qua, quay lại khảo sát: ${review.returned_to_survey?.join(", ")}`} />
          )}
        </Card>
        <Table rowKey="household_id" size="small" pagination={false} columns={columns} dataSource={review.cases ?? []} caption="Các hộ trong danh sách rà soát" scroll={{ x: true }} locale={{ emptyText: <span style={{ color: "#434343" }}>Chưa có hộ nào trong danh sách.</span> }} />
        {chosen && (
          <Card size="small" title={<h3 style={{ margin: 0, fontSize: 16 }}>Hộ {chosen.id}</h3>} extra={<Button size="small" onClick={() => setChosen(null)}>Đóng</Button>}>
            {chosen.what === "quick" ? <QuickIdentificationForm householdId={chosen.id} act={act} /> : <SurveyForm provinceCode={province} review={review} householdId={chosen.id} act={act} />}
          </Card>
        )}
        <ReviewExcel provinceCode={province} reviewId={reviewId} canImport={officer && review.step < 3} onImported={() => void load()} />
      </Space>
    </section>
  );
}
