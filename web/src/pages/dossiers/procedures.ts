// Procedure definitions as the dossier service publishes them (data, not code): the forms the
// citizen fills in are generated from these.
export interface Choice {
  value: string;
  label: string;
}

export interface FieldDef {
  name: string;
  label: string;
  type: "text" | "date" | "choice" | "boolean" | "ethnicity" | "personal_id" | "unit_code" | "group" | string;
  required?: boolean;
  uppercase?: boolean;
  max_length?: number;
  choices?: Choice[];
  fields?: FieldDef[];
  hiv_related?: boolean;
}

export interface FormDef {
  name: string;
  fields: FieldDef[];
}

export interface DocumentDef {
  id: string;
  name: string;
  population_db?: boolean;
  hiv_related?: boolean;
  forms?: string[];
}

export interface PurposeDef {
  id: string;
  name: string;
  forms: Record<string, string[]>;
}

export interface ProcedureDef {
  id: string;
  name: string;
  national_code: string;
  purposes: PurposeDef[];
  forms: Record<string, FormDef>;
  documents: DocumentDef[];
}

/** The definition in a ProcedureSummary (a JSON object, or its text). */
export function procedureDef(definition: unknown): ProcedureDef | null {
  const value: unknown = typeof definition === "string" ? JSON.parse(definition) : definition;
  if (!value || typeof value !== "object" || !("forms" in value) || !("purposes" in value)) return null;
  return value as ProcedureDef;
}

/** The forms a purpose uses, each once, in the order the definition lists them. */
export function formsOf(purpose: PurposeDef | undefined): string[] {
  if (!purpose) return [];
  return [...new Set(Object.values(purpose.forms).flat())];
}

/** Documents the applicant uploads for a form (those read from the population database are not asked). */
export function documentsFor(procedure: ProcedureDef, formId: string): DocumentDef[] {
  return procedure.documents.filter((d) => !d.population_db && (!d.forms || d.forms.includes(formId)));
}
