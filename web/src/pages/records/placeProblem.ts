// A problem+json's field errors beside the form items they name ("body.decision.number" →
// the item ["decision", "number"]; a field the form does not have goes to the message above).
import type { FormInstance } from "antd";
import type { Problem } from "../../api/client";
import { fieldPath } from "../../api/problems";

/** Place each field error on the item it names (or its nearest parent item); returns what
 * could not be placed (the problem's detail when nothing was), or null. */
export function placeProblem(
  form: FormInstance, problem: Problem, items: string[][], aliases: Record<string, string[]> = {},
): string | null {
  const known = new Map<string, string[]>([...items.map((p): [string, string[]] => [p.join("."), p]), ...Object.entries(aliases)]);
  const placed = new Map<string, { name: string[]; errors: string[] }>();
  const rest: string[] = [];
  for (const e of problem.errors ?? []) {
    const path = fieldPath(e.field).map(String);
    let name: string[] | undefined;
    for (let n = path.length; n > 0 && !name; n--) name = known.get(path.slice(0, n).join("."));
    if (!name) {
      rest.push(e.message);
      continue;
    }
    const key = name.join(".");
    const entry = placed.get(key) ?? { name, errors: [] };
    entry.errors.push(e.message);
    placed.set(key, entry);
  }
  form.setFields([...placed.values()]);
  if (placed.size === 0) return problem.detail || problem.title;
  return rest.length ? [problem.detail, ...rest].join(" ") : problem.detail || null;
}
