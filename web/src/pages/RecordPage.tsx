// The record of a beneficiary with its history and an "as of date" view.
import { Alert, DatePicker, Form, List, Space, Spin, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { api, type Schemas } from "../api/client";
import { asProblem } from "../api/problems";
import { useAuth } from "../auth/AuthContext";
import { DATE_FORMAT, formatDate } from "../format";
import { RecordActions } from "./records/RecordActions";
import { mayChangeRecords } from "./records/roles";
import { HistoryTable, RecordDescriptions } from "./RecordView";

export function RecordPage() {
  const { province = "", recordId = "" } = useParams();
  const [asOf, setAsOf] = useState<Dayjs | null>(null);
  const [detail, setDetail] = useState<Schemas["RecordDetail"] | null>(null);
  const [history, setHistory] = useState<Schemas["RecordChange"][]>([]);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0); // bumped by a change: the record and history reload
  const { session } = useAuth();
  const ids = { province_code: province, record_id: recordId };

  useEffect(() => {
    const query = asOf ? { as_of: asOf.format("YYYY-MM-DD") } : {};
    setError(null);
    void api
      .GET("/api/v1/beneficiaries/{province_code}/{record_id}", { params: { path: ids, query } })
      .then(({ data, error }) => (data ? setDetail(data) : setError(asProblem(error).detail)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [province, recordId, asOf, version]);

  useEffect(() => {
    void api
      .GET("/api/v1/beneficiaries/{province_code}/{record_id}/history", { params: { path: ids } })
      .then(({ data }) => setHistory(data?.changes ?? []));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [province, recordId, version]);

  return (
    <section>
      <Link to="/officer/beneficiaries">← Danh sách đối tượng</Link>
      <Typography.Title level={2}>Hồ sơ đối tượng</Typography.Title>
      <Form layout="inline" style={{ marginBottom: 16 }}>
        <Form.Item label="Xem hồ sơ tại ngày" htmlFor="as-of">
          <DatePicker id="as-of" format={DATE_FORMAT} value={asOf} onChange={setAsOf} placeholder="Hiện tại" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} />}
      {!detail && !error && <Spin />}
      {detail?.record && (
        <Space direction="vertical" style={{ width: "100%" }} size="large">
          {detail.as_of && <Alert type="info" showIcon message={`Hồ sơ tại ngày ${formatDate(detail.as_of)}`} />}
          <RecordDescriptions record={detail.record} />
          {(detail.findings ?? []).length > 0 && (
            <List
              header={<Typography.Title level={3}>Nhận xét chất lượng dữ liệu</Typography.Title>}
              bordered dataSource={detail.findings ?? []}
              renderItem={(f) => <List.Item>{f.message}</List.Item>}
            />
          )}
          <HistoryTable changes={history} />
          {!asOf && session && mayChangeRecords(session.roles) && (
            <RecordActions record={detail.record} unitCode={session.unitCode ?? ""} onChanged={() => setVersion((v) => v + 1)} />
          )}
        </Space>
      )}
    </section>
  );
}
