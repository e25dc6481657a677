import { redactSecrets } from "./redact.js";

export interface ParsedErrorBody {
  /** Business code pulled out of `"#30002: …"` or `"[20010] …"`. */
  apiCode: number | undefined;
  /** The server's own text, without the code prefix. */
  apiText: string | undefined;
  /** RFC 7807 fields, when the body was ProblemDetails. */
  title: string | undefined;
  detail: string | undefined;
  traceId: string | undefined;
}

const CODE = /[#[](\d{5})\]?:?\s*/;

/**
 * The live API answers errors in two shapes: a bare JSON string carrying the business code
 * (400s) and ProblemDetails with an undeclared `traceId` (401/403/404). Both are read here.
 */
export function parseErrorBody(body: unknown): ParsedErrorBody {
  const out: ParsedErrorBody = {
    apiCode: undefined,
    apiText: undefined,
    title: undefined,
    detail: undefined,
    traceId: undefined,
  };
  let value = body;
  if (typeof value === "string") {
    const trimmed = value.trim();
    if (trimmed.startsWith('"') || trimmed.startsWith("{")) {
      try {
        value = JSON.parse(trimmed);
      } catch {
        value = trimmed;
      }
    }
  }
  if (typeof value === "string") {
    const match = CODE.exec(value);
    if (match) {
      out.apiCode = Number(match[1]);
      out.apiText = value.slice(match.index + match[0].length).trim() || undefined;
    } else if (value.trim()) {
      // Redact before cutting: a cut token would no longer look like one.
      out.apiText = redactSecrets(value.trim()).slice(0, 300);
    }
    return out;
  }
  if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    if (typeof record.title === "string") out.title = record.title;
    if (typeof record.detail === "string") out.detail = record.detail;
    if (typeof record.traceId === "string") out.traceId = record.traceId;
    const code = record.errorCode ?? record.code;
    if (typeof code === "number" || (typeof code === "string" && /^\d{5}$/.test(code))) {
      out.apiCode = Number(code);
    }
    const text = record.errorText ?? record.message;
    if (typeof text === "string") out.apiText = text;
    if (out.apiCode === undefined) {
      const fromText = CODE.exec(`${out.detail ?? ""} ${out.title ?? ""}`);
      if (fromText) out.apiCode = Number(fromText[1]);
    }
  }
  return out;
}
