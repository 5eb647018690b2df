// The payment REST API (ADR 0026) as the payments pages use it: a commune's list of a month,
// its generation as a job (202 + progress), approval, channel files, results, reconciliation.
import { api, postForm, requestFile, type Problem, type Schemas } from "../../api/client";
import { asProblem } from "../../api/problems";

export type Job = Schemas["Job"];
export type PaymentList = Schemas["GetListResponse"];
export type ListHeader = Schemas["PaymentListHeader"];
export type PaymentLine = Schemas["PaymentLine"];
export type Reconciliation = Schemas["Reconciliation"];
export type ImportedResults = Schemas["ImportResultsResponse"];
export type LateCommune = Schemas["LateCommune"];
export type GenerateListResult = Schemas["GenerateListResult"];

export interface ListKey {
  commune_code: string;
  month: string; // YYYY-MM
}

function unwrap<T>(data: T | undefined, error: unknown): T {
  if (data === undefined) throw asProblem(error);
  return data;
}

/** The list, or null when the month has not been generated for the commune (404). */
export async function getList(key: ListKey): Promise<PaymentList | null> {
  const { data, error, response } = await api.GET("/api/v1/payments/lists/{commune_code}/{month}", {
    params: { path: key },
  });
  if (response.status === 404) return null;
  return unwrap(data, error);
}

/** Start the generation (a job) and follow it to its result, reporting every state seen. */
export async function generate(key: ListKey, onProgress: (job: Job) => void): Promise<GenerateListResult> {
  const { data, error } = await api.POST("/api/v1/payments/lists/{commune_code}/{month}/generation", {
    params: { path: key },
  });
  let job = unwrap(data, error) as Job;
  onProgress(job);
  while (job.state !== "succeeded" && job.state !== "failed") {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const polled = await api.GET("/api/v1/jobs/{service}/{job_id}", {
      params: { path: { service: "payment", job_id: job.job_id } },
    });
    job = unwrap(polled.data, polled.error);
    onProgress(job);
  }
  if (job.state === "failed") throw (job.error ?? { title: "Lỗi", detail: "Lập danh sách không thành công." }) as Problem;
  const result = await api.GET("/api/v1/jobs/{service}/{job_id}/result", {
    params: { path: { service: "payment", job_id: job.job_id } },
  });
  return unwrap(result.data, result.error) as GenerateListResult;
}

export async function approve(key: ListKey): Promise<void> {
  const { data, error } = await api.POST("/api/v1/payments/lists/{commune_code}/{month}/approval", {
    params: { path: key },
  });
  unwrap(data, error);
}

export async function closeMonth(key: ListKey): Promise<void> {
  const { data, error } = await api.POST("/api/v1/payments/lists/{commune_code}/{month}/closing", {
    params: { path: key },
  });
  unwrap(data, error);
}

export async function reconciliation(key: ListKey): Promise<Reconciliation[]> {
  const { data, error } = await api.GET("/api/v1/payments/lists/{commune_code}/{month}/reconciliation", {
    params: { path: key },
  });
  return unwrap(data, error).channels ?? [];
}

export async function lateCommunes(province: string, month: string): Promise<LateCommune[]> {
  const { data, error } = await api.GET("/api/v1/payments/late-communes", {
    params: { query: { province_code: province, month } },
  });
  return unwrap(data, error).communes ?? [];
}

export interface ExportedFile {
  name: string;
  checksum: string;
  rows: number;
  totalVnd: number;
}

/** Export one channel's file (CSV or Excel) and let the browser save it. */
export async function exportChannel(key: ListKey, channel: string, format: "csv" | "xlsx"): Promise<ExportedFile> {
  const path = `/api/v1/payments/lists/${encodeURIComponent(key.commune_code)}/${encodeURIComponent(key.month)}/exports`;
  const { name, headers } = await requestFile(path, `chi-tra-${key.commune_code}-${key.month}-${channel}.${format}`, { channel_code: channel, format });
  return {
    name,
    checksum: headers.get("x-checksum") ?? "",
    rows: Number(headers.get("x-rows") ?? 0),
    totalVnd: Number(headers.get("x-total-vnd") ?? 0),
  };
}

/** Import a channel's results file; a 422 names each bad row and column. */
export async function importResults(key: ListKey, channel: string, file: File): Promise<ImportedResults> {
  const form = new FormData();
  form.append("file", file, file.name);
  const path = `/api/v1/payments/lists/${encodeURIComponent(key.commune_code)}/${encodeURIComponent(key.month)}/results/${encodeURIComponent(channel)}`;
  return postForm<ImportedResults>(path, form);
}
