// The Excel import as a job (ADR 0012): start it, poll its progress, read its result.
import { api, postForm, type Schemas } from "../api/client";
import { asProblem } from "../api/problems";

export type Job = Schemas["Job"];
export type ImportResult = Schemas["ImportResult"];
export type ImportMode = "dry_run" | "apply" | "apply_valid_only";

export async function startImport(file: File, mode: ImportMode): Promise<Job> {
  const form = new FormData();
  form.append("file", file, file.name);
  return postForm<Job>(`/api/v1/beneficiaries/import?mode=${mode}`, form);
}

/** Poll the job until it ends, calling `onProgress` with every state seen. */
export async function followJob(job: Job, onProgress: (job: Job) => void, intervalMs = 400): Promise<Job> {
  let current = job;
  onProgress(current);
  while (current.state !== "succeeded" && current.state !== "failed") {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    const { data, error } = await api.GET("/api/v1/jobs/{service}/{job_id}", {
      params: { path: { service: "registry", job_id: job.job_id } },
    });
    if (!data) throw asProblem(error);
    current = data;
    onProgress(current);
  }
  return current;
}

export async function importResult(job: Job): Promise<ImportResult> {
  const { data, error } = await api.GET("/api/v1/jobs/{service}/{job_id}/result", {
    params: { path: { service: "registry", job_id: job.job_id } },
  });
  if (!data) throw asProblem(error);
  return data as ImportResult; // a registry job's result (the schema lists every job kind's)
}
