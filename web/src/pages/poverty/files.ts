// Files of the poverty pages: the certificate PDF (answered by a POST) and the import's error
// workbook (base64 in the JSON answer), saved by the browser.
import { currentUser } from "../../auth/oidc";
import type { Problem } from "../../api/client";

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** POST a JSON body whose answer is a file; saved under the name the server gives. */
export async function postForFile(path: string, body: unknown, fallbackName: string): Promise<string> {
  const user = await currentUser();
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (user) headers.Authorization = `Bearer ${user.access_token}`;
  const response = await fetch(path, { method: "POST", headers, body: JSON.stringify(body) });
  if (!response.ok) {
    let problem: Problem;
    try {
      problem = (await response.json()) as Problem;
    } catch {
      problem = { type: "about:blank", title: "Lỗi", status: response.status, code: "http", detail: `Máy chủ trả lỗi ${response.status}.`, errors: [] };
    }
    throw problem;
  }
  const disposition = response.headers.get("content-disposition") ?? "";
  const match = /filename\*=UTF-8''([^;]+)/.exec(disposition);
  const name = match?.[1] ? decodeURIComponent(match[1]) : fallbackName;
  save(await response.blob(), name);
  return name;
}

/** A base64 file from a JSON answer. */
export function saveBase64(content: string, name: string, type: string): void {
  const bytes = Uint8Array.from(atob(content), (c) => c.charCodeAt(0));
  save(new Blob([bytes], { type }), name);
}
