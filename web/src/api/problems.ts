// RFC 9457 problem+json from the gateway, shown beside the field it names.
import type { FormInstance } from "antd";
import type { Problem } from "./client";

const NETWORK: Problem = {
  type: "about:blank", title: "Không kết nối được máy chủ", status: 0, code: "network",
  detail: "Không kết nối được máy chủ. Vui lòng thử lại sau.", errors: [],
};

/** The problem in an error thrown or returned by the API client. */
export function asProblem(error: unknown): Problem {
  if (error && typeof error === "object" && "title" in error && "status" in error) {
    return error as Problem;
  }
  return NETWORK;
}

/** "body.roles[0]" / "query.name" / "roles.0" → the form's field name path. */
export function fieldPath(field: string): (string | number)[] {
  const parts = field
    .replace(/\[(\d+)\]/g, ".$1")
    .split(".")
    .filter((p) => p !== "");
  if (parts[0] === "body" || parts[0] === "query" || parts[0] === "path") parts.shift();
  return parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Put each field error of the problem beside its field in the form; returns the message of
 * what could not be placed (the problem's detail when no field matched), or null.
 */
export function showProblem(form: FormInstance, problem: Problem): string | null {
  const store = form.getFieldsValue(true) as Record<string, unknown>;
  const known = new Set(Object.keys(store));
  const placed: { name: (string | number)[]; errors: string[] }[] = [];
  const rest: string[] = [];
  for (const e of problem.errors ?? []) {
    const path = fieldPath(e.field);
    if (path[0] === "values_json") path[0] = "values"; // the proto's name of a form's values
    const top = path[0];
    if (top === "values" && path.length > 1) {
      // a field of a generated form (a dossier's values.full_name): beside it when it is filled
      if (hasPath(store, path)) placed.push({ name: path, errors: [e.message] });
      else rest.push(e.message);
    } else if (typeof top === "string" && known.has(top)) {
      placed.push({ name: path.length > 1 ? [top] : path, errors: [e.message] });
    } else {
      rest.push(e.message);
    }
  }
  form.setFields(placed);
  if (placed.length === 0) return problem.detail || problem.title;
  return rest.length ? rest.join("; ") : null;
}

function hasPath(store: unknown, path: (string | number)[]): boolean {
  let node: unknown = store;
  for (const key of path.slice(0, -1)) {
    if (!node || typeof node !== "object") return false;
    node = (node as Record<string | number, unknown>)[key];
  }
  const last = path[path.length - 1];
  return !!node && typeof node === "object" && last !== undefined && last in node;
}
