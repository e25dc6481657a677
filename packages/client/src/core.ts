// @eloverblik-kit/client/core: the same client without any module that touches host globals
// (timers, global fetch). For hosts such as n8n whose scanner forbids them: pass every port.
export * from "./public.js";
