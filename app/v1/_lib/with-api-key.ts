// Route glue: the only place the data plane meets Next. Metering is handed to after(), so it runs once the
// response is on its way (and, on Vercel, keeps the function alive until it is written).
import { after } from "next/server";
import {
  withApiKey as gatewayWithApiKey,
  withPrincipal as gatewayWithPrincipal,
  type Admission,
  type GatewayHandler,
  type PipelineOptions,
} from "@/lib/gateway/pipeline";

const schedule = (work: Promise<unknown>) => after(() => work);

export function withApiKey(handler: GatewayHandler, options: Omit<PipelineOptions, "schedule"> = {}) {
  return gatewayWithApiKey(handler, { ...options, schedule });
}

/** For routes outside /v1 that run the data plane for another principal (the free demo, the playground's session). */
export function withPrincipal(
  admit: Admission,
  handler: GatewayHandler,
  options: Omit<PipelineOptions, "schedule"> = {},
) {
  return gatewayWithPrincipal(admit, handler, { ...options, schedule });
}
