// The Excel cycle of a commune: download the template, upload a file (a job whose progress
// drives the bar), read the errors by row and column, download the error file, then apply the
// valid rows only (Circular 11/2019/TT-BLĐTBXH, Art. 4.2).
import { Alert, Button, Card, Input, Progress, Radio, Space, Statistic, Table, Typography, Upload } from "antd";
import type { UploadFile } from "antd";
import { useState } from "react";
import { downloadFile } from "../api/client";
import { asProblem } from "../api/problems";
import { useAuth } from "../auth/AuthContext";
import { label, PHASE_LABELS } from "../labels";
import { followJob, importResult, startImport, type ImportMode, type ImportResult, type Job } from "./importJob";

type RowError = NonNullable<ImportResult["errors"]>[number];

export function ExcelPage() {
  const { session } = useAuth();
  const [commune, setCommune] = useState(session?.unitCode?.length === 5 ? session.unitCode : "");
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [mode, setMode] = useState<ImportMode>("dry_run");
  const [job, setJob] = useState<Job | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const file = files[0]?.originFileObj as File | undefined;

  async function run(runMode: ImportMode) {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const started = await startImport(file, runMode);
      const ended = await followJob(started, setJob);
      if (ended.state === "failed") {
        setError(ended.error?.detail ?? "Nhập tệp không thành công.");
      } else {
        setResult(await importResult(ended));
      }
    } catch (e) {
      setError(asProblem(e).detail);
    } finally {
      setBusy(false);
    }
  }

  async function template() {
    setError(null);
    try {
      await downloadFile(`/api/v1/beneficiaries/export?commune_code=${encodeURIComponent(commune)}`, `${commune}.xlsx`);
    } catch (e) {
      setError(asProblem(e).detail);
    }
  }

  async function errorFile() {
    if (!job) return;
    try {
      await downloadFile(`/api/v1/jobs/registry/${job.job_id}/files/error_workbook`, "loi.xlsx");
    } catch (e) {
      setError(asProblem(e).detail);
    }
  }

  const progress = job?.progress;
  const percent = progress?.percent ?? 0;
  const columns = [
    { title: "Dòng", dataIndex: "row", key: "row", width: 80 },
    { title: "Cột", dataIndex: "header", key: "header", width: 200 },
    { title: "Lỗi", dataIndex: "message", key: "message" },
  ];

  return (
    <section>
      <Typography.Title level={2}>Nhập, xuất tệp Excel của xã</Typography.Title>
      <Space direction="vertical" size="large" style={{ width: "100%" }}>
        <Card title={<h3 style={{ margin: 0 }}>1. Tải biểu mẫu của xã</h3>}>
          <Space wrap>
            <label htmlFor="commune-code">Mã xã</label>
            <Input id="commune-code" value={commune} onChange={(e) => setCommune(e.target.value)} maxLength={5} style={{ width: 120 }} />
            <Button onClick={() => void template()} disabled={!/^\d{5}$/.test(commune)}>Tải biểu mẫu (Excel)</Button>
          </Space>
        </Card>
        <Card title={<h3 style={{ margin: 0 }}>2. Tải tệp lên</h3>}>
          <Space direction="vertical" style={{ width: "100%" }}>
            <Upload
              accept=".xlsx" maxCount={1} fileList={files}
              beforeUpload={() => false}
              onChange={({ fileList }) => { setFiles(fileList); setJob(null); setResult(null); }}
            >
              <Button>Chọn tệp Excel</Button>
            </Upload>
            <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as ImportMode)} aria-label="Cách nhập">
              <Radio value="dry_run">Chỉ kiểm tra (không ghi)</Radio>
              <Radio value="apply">Ghi khi không có lỗi nào</Radio>
              <Radio value="apply_valid_only">Ghi các dòng hợp lệ</Radio>
            </Radio.Group>
            <Button type="primary" disabled={!file || busy} loading={busy} onClick={() => void run(mode)}>Nhập tệp</Button>
            {job && (
              <div>
                <Typography.Text id="import-phase">
                  {label(PHASE_LABELS, job.state === "queued" ? "queued" : progress?.phase)}
                  {progress && progress.total > 0 ? `: ${progress.done.toLocaleString("vi-VN")}/${progress.total.toLocaleString("vi-VN")} dòng` : ""}
                </Typography.Text>
                <Progress
                  percent={percent} status={job.state === "failed" ? "exception" : job.state === "succeeded" ? "success" : "active"}
                  aria-label="Tiến độ nhập tệp" aria-labelledby="import-phase" data-testid="import-progress"
                />
              </div>
            )}
          </Space>
        </Card>
        {error && <Alert type="error" showIcon message={error} />}
        {result && (
          <Card title={<h3 style={{ margin: 0 }}>3. Kết quả</h3>} data-testid="import-result">
            <Space wrap size="large">
              <Statistic groupSeparator="." title="Số dòng" value={result.rows_total} />
              <Statistic groupSeparator="." title="Dòng hợp lệ" value={result.rows_valid} />
              <Statistic groupSeparator="." title="Dòng có lỗi" value={result.rows_rejected} />
              <Statistic groupSeparator="." title="Dòng đã ghi" value={result.rows_applied} />
            </Space>
            <Alert
              style={{ margin: "16px 0" }} showIcon type={result.applied ? "success" : "info"}
              message={result.applied ? `Đã ghi ${result.rows_applied.toLocaleString("vi-VN")} dòng hợp lệ.` : "Chưa ghi dữ liệu nào."}
            />
            {result.rows_rejected > 0 && (
              <Space wrap style={{ marginBottom: 16 }}>
                <Button onClick={() => void errorFile()}>Tải tệp lỗi</Button>
                {!result.applied && (
                  <Button type="primary" disabled={busy} onClick={() => { setMode("apply_valid_only"); void run("apply_valid_only"); }}>
                    Ghi các dòng hợp lệ
                  </Button>
                )}
              </Space>
            )}
            {(result.errors ?? []).length > 0 && (
              <Table<RowError>
                rowKey={(e) => `${e.row}-${e.column}-${e.message}`} columns={columns} dataSource={result.errors ?? []}
                size="small" caption="Lỗi theo dòng và cột" pagination={{ pageSize: 20, hideOnSinglePage: true }}
              />
            )}
          </Card>
        )}
      </Space>
    </section>
  );
}
