// The citizen's own payment history (GET /api/v1/payments/mine: the person of the token's ID
// number only): month, amount, channel and status of each line of an approved list. Mobile first.
import { Alert, Card, List, Spin, Typography } from "antd";
import { useEffect, useState } from "react";
import { api, type Schemas } from "../../api/client";
import { asProblem } from "../../api/problems";
import { formatDate, formatMoney, formatMonth } from "../../format";
import { label } from "../../labels";
import { channelName, LINE_KIND_LABELS } from "./paymentLabels";

type MyPayment = Schemas["MyPayment"];

function status(p: MyPayment): string {
  if (p.outcome === "paid") return `Đã nhận tiền${p.collected_on ? ` ngày ${formatDate(p.collected_on)}` : ""}`;
  if (p.outcome === "failed") return "Chi trả không thành công, sẽ chi lại";
  if (p.outcome === "returned") return "Tiền bị trả lại, sẽ chi lại";
  if (p.list_state === "approved") return "Đã duyệt, chờ chi trả";
  return "Đang chi trả";
}

export function MyPayments() {
  const [payments, setPayments] = useState<MyPayment[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void api.GET("/api/v1/payments/mine", { params: { query: {} } }).then(({ data, error }) => {
      if (data) setPayments(data.payments ?? []);
      else setError(asProblem(error).detail);
    });
  }, []);
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>Lịch sử chi trả trợ cấp</h2>} size="small" data-testid="my-payments">
      {error && <Alert type="error" showIcon message={error} />}
      {payments === null && !error && <Spin />}
      {payments?.length === 0 && <p style={{ margin: 0 }}>Chưa có khoản chi trả nào.</p>}
      {payments && payments.length > 0 && (
        <List
          dataSource={payments}
          renderItem={(p) => {
            const kind = p.kind === "regular" ? "" : ` (${label(LINE_KIND_LABELS, p.kind)} tháng ${formatMonth(p.month_for)})`;
            return (
              <List.Item>
                <List.Item.Meta
                  title={<span>Tháng {formatMonth(p.month)}: {formatMoney(p.amount_vnd)}{kind}</span>}
                  description={
                    <Typography.Text style={{ color: "#333" }}>
                      <strong>{status(p)}</strong>
                      {" — "}
                      {p.channel_code ? channelName(p.channel_code) : "hình thức chi trả chưa xác định"}
                    </Typography.Text>
                  }
                />
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}
