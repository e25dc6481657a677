// The public entry of @eloverblik-kit/mcp-server.

export {
  type CreateServerOptions,
  createServerContext,
  type SeenTokenError,
  type ServerContext,
  startupTokenMessage,
  type TokenStatus,
} from "./context.js";
export { errorResult, errorText, type Failure, failureOf } from "./errors.js";
export { type HttpServerHandle, MIN_SECRET_LENGTH, type StartHttpOptions, startHttpServer } from "./http.js";
export { createServer, createServerForContext, type EloverblikMcpServer, toolNamesFor } from "./server.js";
export { VERSION } from "./version.js";
