const KINDS: Readonly<Record<string, string>> = {
  A04: "consumption",
  A01: "production",
  A64: "profiled consumption",
};

/**
 * What a series measures, from its `businessType`: A04 consumption, A01 production, A64 profiled
 * consumption (a profiled meter can send an A04 and an A64 series for one metering point).
 */
export function businessTypeLabel(businessType: string | null | undefined): string {
  if (!businessType) return "unknown";
  return KINDS[businessType] ?? `business type ${businessType}`;
}
