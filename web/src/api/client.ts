// The typed API client: paths and bodies come from schema.d.ts, generated from the gateway's
// OpenAPI (docs/api/openapi.json) by `npm run api`; `make lint` fails when it is stale.
import createClient, { type Middleware } from "openapi-fetch";
import { currentUser } from "../auth/oidc";
import type { components, paths } from "./schema";

export type Schemas = components["schemas"];

const auth: Middleware = {
  async onRequest({ request }) {
    const user = await currentUser();
    if (user) request.headers.set("Authorization", `Bearer ${user.access_token}`);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(auth);

/** A file answered by the API (Excel export, error workbook, certificate), saved by the browser
 * under the name the server gives; `body`: POSTed as JSON (else a GET). Returns the name and
 * the answer's headers (e.g. a checksum). */
export async function requestFile(
  path: string, fallbackName: string, body?: unknown,
): Promise<{ name: string; headers: Headers }> {
  const user = await currentUser();
  const headers: Record<string, string> = {};
  if (user) headers.Authorization = `Bearer ${user.access_token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const init: RequestInit = body === undefined ? { headers } : { method: "POST", headers, body: JSON.stringify(body) };
  const response = await fetch(path, init);
  if (!response.ok) throw await problemOf(response);
  const disposition = response.headers.get("content-disposition") ?? "";
  const match = /filename\*=UTF-8''([^;]+)/.exec(disposition);
  const name = match?.[1] ? decodeURIComponent(match[1]) : fallbackName;
  saveBlob(await response.blob(), name);
  return { name, headers: response.headers };
}

/** A file answered by a GET, saved by the browser; returns its name. */
export async function downloadFile(path: string, fallbackName: string): Promise<string> {
  return (await requestFile(path, fallbackName)).name;
}

/** Let the browser save `blob` as `name`. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** POST a multipart form (file upload); the answer's JSON or a thrown Problem. */
export async function postForm<T>(path: string, form: FormData): Promise<T> {
  const user = await currentUser();
  const headers: Record<string, string> = {};
  if (user) headers.Authorization = `Bearer ${user.access_token}`;
  const response = await fetch(path, { method: "POST", body: form, headers });
  if (!response.ok) throw await problemOf(response);
  return (await response.json()) as T;
}

export type Problem = Schemas["Problem"];

async function problemOf(response: Response): Promise<Problem> {
  try {
    return (await response.json()) as Problem;
  } catch {
    return {
      type: "about:blank", title: "Lỗi", status: response.status, code: "http",
      detail: `Máy chủ trả lỗi ${response.status}.`, errors: [],
    };
  }
}
