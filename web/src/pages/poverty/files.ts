// Files of the poverty pages: the certificate PDF (answered by a POST) and the import's error
// workbook (base64 in the JSON answer), saved by the browser.
import { requestFile, saveBlob } from "../../api/client";

/** POST a JSON body whose answer is a file; saved under the name the server gives. */
export async function postForFile(path: string, body: unknown, fallbackName: string): Promise<string> {
  return (await requestFile(path, fallbackName, body)).name;
}

/** A base64 file from a JSON answer. */
export function saveBase64(content: string, name: string, type: string): void {
  const bytes = Uint8Array.from(atob(content), (c) => c.charCodeAt(0));
  saveBlob(new Blob([bytes], { type }), name);
}
