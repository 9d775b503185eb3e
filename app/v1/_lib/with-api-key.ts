// Route glue: the only place the data plane meets Next. Metering is handed to after(), so it runs once the
// response is on its way (and, on Vercel, keeps the function alive until it is written).
import { after } from "next/server";
import { withApiKey as gatewayWithApiKey, type GatewayHandler, type PipelineOptions } from "@/lib/gateway/pipeline";

export function withApiKey(handler: GatewayHandler, options: Omit<PipelineOptions, "schedule"> = {}) {
  return gatewayWithApiKey(handler, { ...options, schedule: (work) => after(() => work) });
}
