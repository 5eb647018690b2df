// The review list in Excel: export it to fill offline, import it back (every row checked; the
// valid ones applied through the review's steps), errors by sheet, row and column, error file.
import { Alert, Button, Card, Space, Table, Upload } from "antd";
import { useState } from "react";
import { downloadFile, postForm, type Schemas } from "../../api/client";
import { asProblem } from "../../api/problems";
import { saveBase64 } from "./files";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function ReviewExcel({ provinceCode, reviewId, canImport, onImported }: { provinceCode: string; reviewId: string; canImport: boolean; onImported: () => void }) {
  const [answer, setAnswer] = useState<Schemas["ImportReviewListResponse"] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const base = `/api/v1/poverty/reviews/${provinceCode}/${encodeURIComponent(reviewId)}`;
  async function exportList() {
    setError(null);
    try {
      await downloadFile(`${base}/list.xlsx`, "danh-sach-ra-soat.xlsx");
    } catch (e) {
      setError(asProblem(e).detail);
    }
  }
  async function importList(file: File) {
    setBusy(true);
    setError(null);
    const form = new FormData();
    form.append("file", file, file.name);
    try {
      setAnswer(await postForm<Schemas["ImportReviewListResponse"]>(`${base}/list`, form));
      onImported();
    } catch (e) {
      setAnswer(null);
      setError(asProblem(e).detail);
    } finally {
      setBusy(false);
    }
  }
  const columns = [
    { title: "Trang tính", dataIndex: "sheet", key: "sheet" },
    { title: "Dòng", dataIndex: "row", key: "row" },
    { title: "Cột", dataIndex: "column", key: "column" },
    { title: "Lỗi", dataIndex: "message", key: "message" },
  ];
  return (
    <Card size="small" title={<h3 style={{ margin: 0, fontSize: 16 }}>Danh sách rà soát bằng tệp Excel</h3>}>
      <Space wrap>
        <Button onClick={() => void exportList()}>Xuất danh sách rà soát (Excel)</Button>
        {canImport && (
          <Upload accept=".xlsx" showUploadList={false} beforeUpload={(file) => { void importList(file); return false; }}>
            <Button loading={busy}>Nhập tệp danh sách đã điền</Button>
          </Upload>
        )}
      </Space>
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} />}
      {answer && (
        <Space direction="vertical" style={{ width: "100%", marginTop: 12 }} data-testid="review-import">
          <Alert type={answer.rejected ? "warning" : "success"} showIcon message={`Đã đọc ${answer.rows} hộ: cập nhật ${answer.applied}, bị từ chối ${answer.rejected}.`} />
          {(answer.errors?.length ?? 0) > 0 && (
            <Table rowKey={(e) => `${e.sheet}-${e.row}-${e.column}-${e.message}`} size="small" pagination={{ pageSize: 10 }} columns={columns} dataSource={answer.errors} caption="Lỗi theo dòng và cột" />
          )}
          {answer.error_file && <Button onClick={() => saveBase64(answer.error_file, "loi-danh-sach-ra-soat.xlsx", XLSX)}>Tải tệp lỗi</Button>}
        </Space>
      )}
    </Card>
  );
}
