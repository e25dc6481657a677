import { invalidInput } from "../../errors/eloverblik-error.js";
import { validateMeteringPointIds } from "../../plan/plan-requests.js";
import { type CallOptions, callApi, type OperationContext } from "../context.js";
import { requireApi } from "../require-api.js";

const WEB_ACCESS_CODE = /^[A-Za-z0-9]{8}$/;

/** Links one metering point using the 8-character web access code printed on its bill (Customer API). */
export async function addRelationByWebAccessCode(
  ctx: OperationContext,
  meteringPointId: string,
  webAccessCode: string,
  options?: CallOptions,
): Promise<string> {
  const operation = "addRelationByWebAccessCode";
  requireApi(ctx, "customer", operation);
  const [id] = validateMeteringPointIds([meteringPointId]);
  const code = typeof webAccessCode === "string" ? webAccessCode.trim() : "";
  if (!WEB_ACCESS_CODE.test(code)) {
    throw invalidInput(
      `The web access code must be exactly 8 letters or digits (got ${code.length} character(s)${/[^A-Za-z0-9]/.test(code) ? " including other characters" : ""}).`,
      { meteringPointId: id, operation },
    );
  }
  const { data } = await callApi(
    ctx,
    {
      operation,
      kind: "data",
      meteringPointIds: [id!],
      idempotent: false,
      displayPath: `/customerapi/api/meteringpoints/meteringpoint/relation/add/${id}/********`,
    },
    options,
    { meteringPointId: id, statusCodes: { 404: "NOT_FOUND" } },
    (fetchImpl) =>
      ctx.customer.PUT(
        "/customerapi/api/meteringpoints/meteringpoint/relation/add/{meteringPointId}/{webAccessCode}",
        {
          params: { path: { meteringPointId: id!, webAccessCode: code } },
          fetch: fetchImpl,
        },
      ),
  );
  return typeof data?.result === "string" ? data.result : "";
}
