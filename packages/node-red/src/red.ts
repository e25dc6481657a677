// The few parts of Node-RED's runtime API these nodes use (Node-RED 4 and 5 alike).

export type Msg = Record<string, unknown> & { payload?: unknown; _msgid?: string };

export interface NodeStatus {
  fill?: "red" | "green" | "yellow" | "blue" | "grey";
  shape?: "ring" | "dot";
  text?: string;
}

export interface RedNode {
  id: string;
  type: string;
  name?: string;
  credentials?: Record<string, string | undefined>;
  on(
    event: "input",
    listener: (msg: Msg, send: (msg: Msg) => void, done: (err?: Error) => void) => void,
  ): void;
  on(event: "close", listener: (removed: boolean, done: () => void) => void): void;
  status(status: NodeStatus): void;
  error(error: unknown, msg?: Msg): void;
  warn(message: unknown): void;
  log(message: unknown): void;
}

export interface NodeDefinition {
  id: string;
  type: string;
  name?: string;
  [key: string]: unknown;
}

export interface NodeAPI {
  nodes: {
    createNode(node: RedNode, definition: NodeDefinition): void;
    registerType(
      type: string,
      init: (this: RedNode, definition: NodeDefinition) => void,
      options?: { credentials?: Record<string, { type: "text" | "password" }> },
    ): void;
    getNode(id: string): unknown;
  };
  settings: { userDir?: string; [key: string]: unknown };
}
