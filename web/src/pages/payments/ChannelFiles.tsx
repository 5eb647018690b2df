// Per channel: the export files (CSV and Excel, with the checksum the file carries), the
// results file imported back (errors by row and column), and the reconciliation.
import { Alert, Button, Card, Select, Space, Table, Upload, type UploadFile } from "antd";
import { useState } from "react";
import type { Problem } from "../../api/client";
import { asProblem } from "../../api/problems";
import { formatMoney } from "../../format";
import { CHANNELS, channelName } from "./paymentLabels";
import {
  exportChannel, importResults, type ExportedFile, type ImportedResults, type ListKey, type Reconciliation,
} from "./paymentsApi";

type RowError = NonNullable<Problem["errors"]>[number];

interface Props {
  listKey: ListKey;
  canExport: boolean;
  canImport: boolean;
  reconciled: Reconciliation[];
  onChanged: () => void;
}

export function ChannelFiles({ listKey, canExport, canImport, reconciled, onChanged }: Props) {
  const [channel, setChannel] = useState(reconciled[0]?.channel_code ?? "CASH_COMMUNE");
  const [exported, setExported] = useState<ExportedFile | null>(null);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [imported, setImported] = useState<ImportedResults | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const file = files[0]?.originFileObj as File | undefined;

  async function run(work: () => Promise<void>) {
    setBusy(true);
    setProblem(null);
    try {
      await work();
    } catch (e) {
      setProblem(asProblem(e));
    } finally {
      setBusy(false);
    }
  }
  const download = (format: "csv" | "xlsx") =>
    run(async () => {
      setExported(await exportChannel(listKey, channel, format));
      onChanged();
    });
  const upload = () =>
    run(async () => {
      if (!file) return;
      setImported(null);
      setImported(await importResults(listKey, channel, file));
      onChanged();
    });

  return (
    <Card title={<h3 style={{ margin: 0 }}>Tệp chi trả và kết quả theo hình thức chi trả</h3>}>
      <Space direction="vertical" size="middle" style={{ width: "100%" }}>
        <Space wrap>
          <label htmlFor="payment-channel">Hình thức chi trả</label>
          <Select
            id="payment-channel" style={{ width: 380 }} value={channel} showSearch optionFilterProp="label"
            onChange={(v) => { setChannel(v); setExported(null); setImported(null); setProblem(null); }}
            options={CHANNELS.map((c) => ({ value: c.code, label: c.name }))}
          />
        </Space>
        {canExport && (
          <Space wrap>
            <Button disabled={busy} onClick={() => void download("csv")}>Tải tệp chi trả (CSV)</Button>
            <Button disabled={busy} onClick={() => void download("xlsx")}>Tải tệp chi trả (Excel)</Button>
          </Space>
        )}
        {exported && (
          <Alert
            type="success" showIcon role="status"
            message={`Đã xuất ${exported.name}: ${exported.rows.toLocaleString("vi-VN")} dòng, ${formatMoney(exported.totalVnd)}.`}
            description={<span>Mã kiểm tra (SHA-256): <code data-testid="export-checksum">{exported.checksum}</code></span>}
          />
        )}
        {canImport && (
          <Space wrap align="start">
            <Upload
              accept=".csv,.xlsx" maxCount={1} fileList={files} beforeUpload={() => false}
              onChange={({ fileList }) => { setFiles(fileList); setImported(null); }}
            >
              <Button>Chọn tệp kết quả chi trả</Button>
            </Upload>
            <Button type="primary" disabled={!file || busy} loading={busy} onClick={() => void upload()}>Nhập tệp kết quả</Button>
          </Space>
        )}
        {imported && (
          <Alert
            type="success" showIcon role="status" data-testid="results-imported"
            message={`Đã ghi nhận kết quả: ${imported.paid} đã chi trả, ${imported.failed} không thành công, ${imported.returned} bị trả lại; ${imported.carried_over} dòng chuyển chi lại tháng sau.`}
          />
        )}
        {problem && (
          <>
            <Alert type="error" showIcon message={problem.title} description={problem.detail} />
            {(problem.errors ?? []).length > 0 && (
              <Table<RowError>
                size="small" caption="Lỗi theo dòng và cột của tệp kết quả" dataSource={problem.errors ?? []}
                rowKey={(e) => `${e.field}-${e.message}`} pagination={{ pageSize: 20, hideOnSinglePage: true }}
                columns={[{ title: "Vị trí", dataIndex: "field", key: "field", width: 220 }, { title: "Lỗi", dataIndex: "message", key: "message" }]}
              />
            )}
          </>
        )}
        {reconciled.length > 0 ? <ReconciliationTable rows={reconciled} /> : <p>Chưa xuất tệp chi trả nào: chưa có số liệu đối chiếu.</p>}
      </Space>
    </Card>
  );
}

function ReconciliationTable({ rows }: { rows: Reconciliation[] }) {
  const pair = (count: number, vnd: number) => `${count.toLocaleString("vi-VN")} dòng — ${formatMoney(vnd)}`;
  return (
    <Table<Reconciliation>
      size="small" pagination={false} dataSource={rows} rowKey="channel_code" data-testid="reconciliation"
      caption="Đối chiếu kết quả chi trả (phải chi = đã chi + không thành công + chưa có kết quả)"
      columns={[
        { title: "Hình thức chi trả", key: "channel", render: (_: unknown, r: Reconciliation) => channelName(r.channel_code) },
        { title: "Phải chi", key: "expected", render: (_: unknown, r: Reconciliation) => pair(r.expected_count, r.expected_vnd) },
        { title: "Đã chi", key: "paid", render: (_: unknown, r: Reconciliation) => pair(r.paid_count, r.paid_vnd) },
        { title: "Không thành công", key: "failed", render: (_: unknown, r: Reconciliation) => pair(r.failed_count, r.failed_vnd) },
        { title: "Chưa có kết quả", key: "outstanding", render: (_: unknown, r: Reconciliation) => pair(r.outstanding_count, r.outstanding_vnd) },
      ]}
    />
  );
}
