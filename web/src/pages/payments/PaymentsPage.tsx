// The payments workspace of a commune and month (ADR 0026, 0036): generate the list (a job,
// its progress as a bar), read each line's computation, approve (a leader who did not prepare
// it; the server refuses anyway), export and import per channel, reconcile, close the month.
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, Progress, Space, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useCallback, useEffect, useState } from "react";
import type { Problem } from "../../api/client";
import { asProblem, showProblem } from "../../api/problems";
import { useAuth } from "../../auth/AuthContext";
import { formatDate, formatMoney, formatMonth, todayIso } from "../../format";
import { label } from "../../labels";
import { ChannelFiles } from "./ChannelFiles";
import { LateCommunes } from "./LateCommunes";
import { PaymentLines, TotalsByKind } from "./PaymentLines";
import { GENERATION_PHASES, LIST_STATE_LABELS } from "./paymentLabels";
import {
  approve, closeMonth, generate, getList, reconciliation, type Job, type ListKey, type PaymentList, type Reconciliation,
} from "./paymentsApi";

/** Who may do what (the server checks every call: docs/payment.md, "The API"). */
const COMMUNE_STAFF = ["commune_officer", "commune_leader"];
const LEADERS = ["commune_leader", "district_leader", "province_leader", "ministry_leader"];
const PROVINCE_READERS = ["province_officer", "province_leader", "ministry_officer", "ministry_leader", "system_admin"];

/** An officer as the page shows them: "Tôi", else the name recorded with the action (ADR
 * 0043), else — for a list recorded before names were kept — "Cán bộ khác", never an account id. */
export function officerName(subject: string, name: string | undefined, me: string): string {
  if (subject === me) return name ? `${name} (tôi)` : "Tôi";
  return name || "Cán bộ khác";
}

interface Query {
  commune_code: string;
  month: Dayjs;
}

export function PaymentsPage() {
  const { session } = useAuth();
  const roles = session?.roles ?? [];
  const me = session?.user.profile.sub ?? "";
  const [form] = Form.useForm<Query>();
  const [key, setKey] = useState<ListKey | null>(null);
  const [list, setList] = useState<PaymentList | null | undefined>(undefined);
  const [reconciled, setReconciled] = useState<Reconciliation[]>([]);
  const [job, setJob] = useState<Job | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const initial: Query = {
    commune_code: session?.unitCode?.length === 5 ? session.unitCode : "",
    month: dayjs(todayIso().slice(0, 7), "YYYY-MM"),
  };

  const refresh = useCallback(async (k: ListKey) => {
    const got = await getList(k);
    setList(got);
    const state = got?.payment_list?.state;
    setReconciled(state === "exported" || state === "closed" ? await reconciliation(k) : []);
  }, []);

  async function run(work: () => Promise<string | null>) {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      setMessage(await work());
    } catch (e) {
      const problem = asProblem(e) as Problem;
      setError(showProblem(form, problem));
    } finally {
      setBusy(false);
    }
  }

  const keyOf = (q: Query): ListKey => ({ commune_code: q.commune_code.trim(), month: q.month.format("YYYY-MM") });
  const open = (q: Query) =>
    run(async () => {
      const k = keyOf(q);
      setKey(k);
      setJob(null);
      await refresh(k);
      return null;
    });
  const start = () =>
    run(async () => {
      const k = keyOf(await form.validateFields());
      setKey(k);
      const result = await generate(k, setJob);
      await refresh(k);
      return result.changed ? "Đã lập danh sách chi trả." : "Danh sách đã đúng như vậy, lập lại không thay đổi gì.";
    });
  const act = (what: (k: ListKey) => Promise<void>, done: string) =>
    run(async () => {
      if (!key) return null;
      await what(key);
      await refresh(key);
      return done;
    });

  useEffect(() => {
    setList(undefined);
  }, [session?.username]);

  const header = list?.payment_list ?? null;
  const lines = list?.lines ?? [];
  const staff = COMMUNE_STAFF.some((r) => roles.includes(r));
  const leader = LEADERS.some((r) => roles.includes(r));
  const canApprove = leader && header?.state === "draft" && header.prepared_by !== me;
  const canClose = leader && header?.state === "exported";
  const progress = job?.progress;

  return (
    <section>
      <Typography.Title level={2}>Chi trả trợ cấp hằng tháng</Typography.Title>
      <Form form={form} layout="inline" name="payment-list" initialValues={initial} onFinish={(q) => void open(q)} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="commune_code" label="Mã xã" rules={[{ required: true, pattern: /^\d{5}$/, message: "Mã xã gồm 5 chữ số." }]}>
          <Input style={{ width: 120 }} maxLength={5} />
        </Form.Item>
        <Form.Item name="month" label="Tháng chi trả" rules={[{ required: true, message: "Chọn tháng chi trả." }]}>
          <DatePicker picker="month" format="MM/YYYY" allowClear={false} />
        </Form.Item>
        <Form.Item><Button htmlType="submit" disabled={busy}>Xem danh sách</Button></Form.Item>
        {staff && (
          <Form.Item>
            <Button type="primary" disabled={busy || header?.state === "closed"} onClick={() => void start()}>Lập danh sách chi trả</Button>
          </Form.Item>
        )}
      </Form>
      {job && (
        <div style={{ marginBottom: 16, maxWidth: 640 }}>
          <Typography.Text id="generation-phase">{label(GENERATION_PHASES, job.state === "queued" ? "queued" : progress?.phase)}</Typography.Text>
          <Progress
            percent={progress?.percent ?? 0} aria-labelledby="generation-phase" data-testid="generation-progress"
            status={job.state === "failed" ? "exception" : job.state === "succeeded" ? "success" : "active"}
          />
        </div>
      )}
      {message && <Alert type="success" showIcon role="status" message={message} style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="payment-error" />}
      {list === null && key && <Alert type="info" showIcon message={`Chưa lập danh sách chi trả tháng ${formatMonth(key.month)} của xã ${key.commune_code}.`} />}
      {header && key && (
        <Space direction="vertical" size="large" style={{ width: "100%" }}>
          <Card title={<h3 style={{ margin: 0 }}>Danh sách chi trả tháng {formatMonth(header.month)}, xã {header.commune_code}</h3>}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
              <Descriptions.Item label="Trạng thái"><span data-testid="list-state">{label(LIST_STATE_LABELS, header.state)}</span></Descriptions.Item>
              <Descriptions.Item label="Tổng số tiền"><span data-testid="list-total">{formatMoney(header.total_vnd)}</span></Descriptions.Item>
              <Descriptions.Item label="Số dòng">{header.line_count.toLocaleString("vi-VN")}</Descriptions.Item>
              <Descriptions.Item label="Hạn chuyển danh sách (trước ngày)">{formatDate(header.due_before)}</Descriptions.Item>
              <Descriptions.Item label="Người lập"><span data-testid="list-prepared-by">{officerName(header.prepared_by, header.prepared_by_name, me)}</span></Descriptions.Item>
              <Descriptions.Item label="Người phê duyệt">
                <span data-testid="list-approved-by">{header.approved_by ? officerName(header.approved_by, header.approved_by_name, me) : "Chưa phê duyệt"}</span>
              </Descriptions.Item>
            </Descriptions>
            <Space wrap style={{ marginTop: 16 }}>
              {canApprove && <Button type="primary" disabled={busy} onClick={() => void act(approve, "Đã phê duyệt danh sách chi trả.")}>Phê duyệt danh sách</Button>}
              {canClose && <Button danger disabled={busy} onClick={() => void act(closeMonth, "Đã khóa sổ tháng chi trả.")}>Khóa sổ tháng</Button>}
            </Space>
            {header.state === "draft" && !canApprove && (
              <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                Danh sách do lãnh đạo khác người lập phê duyệt (Điều 34 Nghị định 20/2021/NĐ-CP; Thông tư 11/2019/TT-BLĐTBXH).
              </Typography.Paragraph>
            )}
          </Card>
          <TotalsByKind lines={lines} />
          {(header.state === "approved" || header.state === "exported" || header.state === "closed") && (
            <ChannelFiles
              key={`${key.commune_code}:${key.month}`} listKey={key} reconciled={reconciled}
              canExport={staff && header.state !== "closed"} canImport={staff && header.state === "exported"}
              onChanged={() => void refresh(key)}
            />
          )}
          <PaymentLines lines={lines} />
        </Space>
      )}
      {PROVINCE_READERS.some((r) => roles.includes(r)) && <LateCommunes defaultProvince={session?.unitCode?.slice(0, 2) ?? ""} />}
    </section>
  );
}
