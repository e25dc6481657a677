/**
 * What a user can do about an error, as data: each surface (the client's own messages, MCP tools,
 * n8n, Node-RED, the CLI) words it in its own terms, e.g. an operation as a tool name.
 */
export type Suggestion =
  /** Create a new refresh token on eloverblik.dk and use it instead. */
  | { kind: "renew-refresh-token" }
  /** Try again later, after `afterMs` when the server said. */
  | { kind: "retry-later"; afterMs?: number }
  /** Ask for fewer metering points or a shorter period per call. */
  | { kind: "narrow-request" }
  /** Another operation does what was wanted (e.g. `getCharges` instead of charge links). */
  | { kind: "use-operation"; operation: string }
  /** A period the API accepts, close to the one asked for (checked by the client's own rules). */
  | { kind: "use-period"; from: string; to: string }
  /** An input to correct; `field` names it in the client's terms (from, to, meteringPointIds…). */
  | { kind: "check-input"; field?: string }
  /** Check the relation (Customer API) or the authorisation (Third Party API). */
  | { kind: "check-access" }
  /** Check the network connection to Eloverblik. */
  | { kind: "check-connection" }
  /** If it persists, contact Energinet support (with the correlation id). */
  | { kind: "contact-support" }
  /** Repeating the same request will fail the same way. */
  | { kind: "do-not-retry" };
