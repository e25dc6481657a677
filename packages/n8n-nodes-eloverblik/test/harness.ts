// A small n8n host for tests: the parts of n8n-core's execution contexts the package uses, written
// after what n8n 2.8.4 does (see its request-helper-functions and credentials-helper, and the
// observed behaviour in the repository's host notes). The end-to-end test checks the same flows in
// a real n8n; this host lets every operation and fault run in milliseconds against the simulator.
import {
  type ICredentialDataDecryptedObject,
  type ICredentialType,
  type IDataObject,
  type IExecuteFunctions,
  type IHttpRequestOptions,
  type INode,
  type INodeExecutionData,
  type INodeProperties,
  type INodeType,
  type IPollFunctions,
  NodeApiError,
} from "n8n-workflow";
import { EloverblikCustomerApi } from "../credentials/EloverblikCustomerApi.credentials";
import { EloverblikThirdPartyApi } from "../credentials/EloverblikThirdPartyApi.credentials";

export const credentialTypes: Record<string, ICredentialType> = {
  eloverblikCustomerApi: new EloverblikCustomerApi(),
  eloverblikThirdPartyApi: new EloverblikThirdPartyApi(),
};

/** n8n's credentials table: what preAuthentication stored is what the next execution reads. */
export class CredentialsDb {
  readonly rows = new Map<string, ICredentialDataDecryptedObject>();
  updates = 0;
  set(type: string, data: ICredentialDataDecryptedObject): void {
    this.rows.set(type, { ...data });
  }
  get(type: string): ICredentialDataDecryptedObject {
    const row = this.rows.get(type);
    if (!row) throw new Error(`no credential of type ${type}`);
    return { ...row };
  }
  update(type: string, data: ICredentialDataDecryptedObject): void {
    this.updates++;
    this.rows.set(type, { ...data });
  }
}

interface AxiosLikeError extends Error {
  response?: { status: number; data: unknown; headers: Record<string, string> };
}

/** n8n's httpRequest (axios underneath): a status of 400 or more throws unless ignored. */
export async function httpRequest(options: IHttpRequestOptions): Promise<unknown> {
  const url = new URL(options.url, options.baseURL);
  for (const [k, v] of Object.entries((options.qs ?? {}) as Record<string, unknown>))
    url.searchParams.set(k, String(v));
  const response = await fetch(url, {
    method: options.method ?? "GET",
    headers: { "user-agent": "n8n", ...((options.headers ?? {}) as Record<string, string>) },
    body:
      typeof options.body === "string"
        ? options.body
        : options.body
          ? JSON.stringify(options.body)
          : undefined,
    signal: options.abortSignal as AbortSignal | undefined,
  });
  const text = await response.text();
  let data: unknown = text;
  if (options.encoding !== "text" && options.encoding !== "arraybuffer") {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if (response.status >= 400 && !options.ignoreHttpStatusErrors) {
    const error = new Error(`Request failed with status code ${response.status}`) as AxiosLikeError;
    error.name = "AxiosError";
    error.response = { status: response.status, data, headers };
    throw error;
  }
  return options.returnFullResponse ? { body: data, headers, statusCode: response.status } : data;
}

function authenticate(type: string, data: ICredentialDataDecryptedObject, options: IHttpRequestOptions) {
  const auth = credentialTypes[type]?.authenticate;
  if (!auth || typeof auth === "function") return options;
  const headers = { ...((options.headers ?? {}) as Record<string, string>) };
  for (const [name, template] of Object.entries(auth.properties.headers ?? {})) {
    headers[name] = String(template)
      .replace(/^=/, "")
      .replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_m, key: string) => String(data[key] ?? ""));
  }
  return { ...options, headers };
}

/** What n8n's credentials helper does before a request: a token when the field is empty or expired. */
async function preAuthenticate(
  db: CredentialsDb,
  type: string,
  data: ICredentialDataDecryptedObject,
  expired: boolean,
): Promise<ICredentialDataDecryptedObject> {
  const credentialType = credentialTypes[type];
  if (!credentialType?.preAuthentication) return data;
  if (data.accessToken !== "" && data.accessToken !== undefined && !expired) return data;
  const output = await credentialType.preAuthentication.call({ helpers: { httpRequest } } as never, data);
  const merged = { ...data, ...output } as ICredentialDataDecryptedObject;
  db.update(type, merged);
  return merged;
}

/** n8n's httpRequestWithAuthentication: one renewal and retry after a thrown 401. */
export function httpRequestWithAuthentication(db: CredentialsDb, node: INode, cancel: AbortSignal) {
  return async (type: string, input: IHttpRequestOptions): Promise<unknown> => {
    const options = { ...input, abortSignal: cancel };
    let data: ICredentialDataDecryptedObject | undefined;
    try {
      data = await preAuthenticate(db, type, db.get(type), false);
      return await httpRequest(authenticate(type, data, options));
    } catch (error) {
      if ((error as AxiosLikeError).response?.status === 401 && data) {
        try {
          data = await preAuthenticate(db, type, data, true);
          return await httpRequest(authenticate(type, data, options));
        } catch (again) {
          throw new NodeApiError(node, again as never);
        }
      }
      throw new NodeApiError(node, error as never);
    }
  };
}

/** A credential's Test button: a forced exchange, then its test request. */
export async function testCredential(db: CredentialsDb, type: string): Promise<{ status: number }> {
  const data = await preAuthenticate(db, type, db.get(type), true);
  const test = credentialTypes[type]?.test;
  if (!test) throw new Error("no test");
  const base = String(data.baseUrl ?? "").replace(/\/+$/, "");
  const full = (await httpRequest(
    authenticate(type, data, {
      url: `${base}${test.request.url}`,
      method: test.request.method ?? "GET",
      returnFullResponse: true,
      ignoreHttpStatusErrors: true,
    }),
  )) as { statusCode: number };
  return { status: full.statusCode };
}

function matches(property: INodeProperties, values: IDataObject): boolean {
  const show = property.displayOptions?.show;
  if (!show) return true;
  return Object.entries(show).every(([key, allowed]) =>
    (allowed as unknown[]).includes(values[key] as never),
  );
}

/** A parameter as n8n resolves it: the value set on the node, else the default of the shown property. */
export function resolveParameters(nodeType: INodeType, parameters: IDataObject): IDataObject {
  const values: IDataObject = { ...parameters };
  for (let pass = 0; pass < 3; pass++) {
    for (const property of nodeType.description.properties) {
      if (values[property.name] !== undefined) continue;
      if (matches(property, values)) values[property.name] = property.default as never;
    }
  }
  return values;
}

export interface Run {
  items: INodeExecutionData[];
  logs: string[];
}

export interface HostOptions {
  db: CredentialsDb;
  nodeType: INodeType;
  parameters: IDataObject;
  /** `n8n-nodes-eloverblik.eloverblik`, or with `Tool` at the end as an AI agent's tool. */
  type?: string;
  input?: INodeExecutionData[];
  continueOnFail?: boolean;
  cancel?: AbortSignal;
  mode?: "manual" | "trigger";
  staticData?: IDataObject;
  logs?: string[];
}

function nodeOf(options: HostOptions): INode {
  return {
    id: "node-1",
    name: "Eloverblik",
    type: options.type ?? `n8n-nodes-eloverblik.${options.nodeType.description.name}`,
    typeVersion: 1,
    position: [0, 0],
    parameters: options.parameters as never,
  };
}

function common(options: HostOptions) {
  const node = nodeOf(options);
  const cancel = options.cancel ?? new AbortController().signal;
  const values = resolveParameters(options.nodeType, options.parameters);
  const logs = options.logs ?? [];
  const record = (level: string) => (message: string) => logs.push(`${level}: ${message}`);
  return {
    node,
    cancel,
    values,
    logs,
    context: {
      getNode: () => node,
      getCredentials: async (type: string) => options.db.get(type),
      getExecutionCancelSignal: () => cancel,
      continueOnFail: () => options.continueOnFail ?? false,
      getMode: () => options.mode ?? "trigger",
      logger: { debug: record("debug"), info: record("info"), warn: record("warn"), error: record("error") },
      helpers: {
        httpRequest,
        httpRequestWithAuthentication: httpRequestWithAuthentication(options.db, node, cancel),
        returnJsonArray: (data: IDataObject | IDataObject[]) =>
          (Array.isArray(data) ? data : [data]).map((json) => ({ json })),
        prepareBinaryData: async (buffer: Buffer, fileName?: string, mimeType?: string) => ({
          data: buffer.toString("base64"),
          fileName,
          mimeType: mimeType ?? "application/octet-stream",
          fileSize: String(buffer.length),
        }),
      },
    },
  };
}

/** Runs one of the node's list searches (a resource locator's "From List"). */
export async function listSearch(options: HostOptions & { method: string; filter?: string }) {
  const { context, values } = common(options);
  const ctx = {
    ...context,
    getNodeParameter: (name: string, fallback?: unknown) => values[name] ?? fallback,
  };
  const methods = (
    options.nodeType as {
      methods?: { listSearch?: Record<string, (this: unknown, filter?: string) => Promise<unknown>> };
    }
  ).methods;
  const search = methods?.listSearch?.[options.method];
  if (!search) throw new Error(`no list search ${options.method}`);
  return (await search.call(ctx, options.filter)) as { results: Array<{ name: string; value: string }> };
}

/** Runs the node's `execute` for its input items (one empty item by default). */
export async function execute(options: HostOptions): Promise<Run> {
  const { context, values, logs } = common(options);
  const input = options.input ?? [{ json: {} }];
  const ctx = {
    ...context,
    getInputData: () => input,
    getNodeParameter: (name: string, _i: number, fallback?: unknown) => values[name] ?? fallback,
  } as unknown as IExecuteFunctions;
  const nodeType = options.nodeType as INodeType & {
    execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;
  };
  const [items = []] = await nodeType.execute.call(ctx);
  return { items, logs };
}

/**
 * Runs the trigger's `poll`. Like n8n, the static data is kept only when the poll returns items:
 * otherwise the changes are lost, as they are when n8n reloads the workflow for the next poll.
 */
export async function poll(
  options: HostOptions & { staticData: IDataObject },
): Promise<Run & { returned: boolean }> {
  const { context, values, logs } = common(options);
  const working = structuredClone(options.staticData);
  const ctx = {
    ...context,
    getWorkflowStaticData: () => working,
    getNodeParameter: (name: string, fallback?: unknown) => values[name] ?? fallback,
  } as unknown as IPollFunctions;
  const nodeType = options.nodeType as INodeType & {
    poll: (this: IPollFunctions) => Promise<INodeExecutionData[][] | null>;
  };
  const result = await nodeType.poll.call(ctx);
  if (result !== null) {
    for (const key of Object.keys(options.staticData)) delete options.staticData[key];
    Object.assign(options.staticData, working);
  }
  return { items: result?.[0] ?? [], logs, returned: result !== null };
}
