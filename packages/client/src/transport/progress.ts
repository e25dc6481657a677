/** Everything the client does that a host may want to show or log. Never carries a token. */
export type ProgressEvent =
  | {
      type: "request";
      operation: string;
      method: string;
      path: string;
      attempt: number;
      meteringPointIds?: readonly string[] | undefined;
      period?: { from: string; to: string } | undefined;
    }
  | {
      type: "response";
      operation: string;
      status: number;
      attempt: number;
      durationMs: number;
      correlationId?: string | undefined;
    }
  | {
      type: "wait";
      operation: string;
      reason:
        | "rate-limit"
        | "token-rate-limit"
        | "retry-after"
        | "datahub-unavailable"
        | "network"
        | "unreadable-answer";
      ms: number;
      attempt: number;
    }
  | { type: "token"; action: "exchange" | "memory-hit" | "store-hit" | "invalidated-after-401" }
  | { type: "chunk"; operation: string; index: number; total: number; ok: boolean };

export type ProgressListener = (event: ProgressEvent) => void;
