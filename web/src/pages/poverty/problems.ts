// Field errors of a review step placed beside the field they name: the server names fields of
// the action ("survey.household_facts.safe_water", "refusal_reasons.<household>"); the step's
// form holds them without the action's prefix.
import type { FormInstance } from "antd";
import type { Problem } from "../../api/client";
import { fieldPath } from "../../api/problems";

function has(store: unknown, path: (string | number)[]): boolean {
  let node: unknown = store;
  for (const key of path) {
    if (!node || typeof node !== "object" || !(key in (node as object))) return false;
    node = (node as Record<string | number, unknown>)[key];
  }
  return true;
}

/** Put each error beside its field; the message of what could not be placed, or null. */
export function showStepProblem(form: FormInstance, problem: Problem, prefixes: string[] = []): string | null {
  const store = form.getFieldsValue(true) as Record<string, unknown>;
  const placed: { name: (string | number)[]; errors: string[] }[] = [];
  const rest: string[] = [];
  for (const e of problem.errors ?? []) {
    let path = fieldPath(e.field);
    if (typeof path[0] === "string" && prefixes.includes(path[0])) path = path.slice(1);
    if (path.length && has(store, path)) placed.push({ name: path, errors: [e.message] });
    else rest.push(e.field ? `${e.field}: ${e.message}` : e.message);
  }
  form.setFields(placed);
  if (!problem.errors?.length) return problem.detail || problem.title;
  return rest.length ? rest.join("; ") : null;
}
