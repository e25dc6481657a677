// The public entry of @eloverblik-kit/client: everything, with Node's defaults for the ports.
export {
  createEloverblik,
  createEloverblikSession,
  type EloverblikOptions,
} from "./create-eloverblik.js";
export * from "./public.js";
