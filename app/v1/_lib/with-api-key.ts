// Route glue: the only place the data plane meets Next. Metering is handed to after(), so it runs once the
// response is on its way (and, on Vercel, keeps the function alive until it is written).
import { after } from "next/server";
import {
  withPrincipal as gatewayWithPrincipal,
  type Admission,
  type GatewayHandler,
  type PipelineOptions,
} from "@/lib/gateway/pipeline";
import { type V1Methods, type V1Path, v1Route as gatewayV1Route } from "@/lib/gateway/routes";

const schedule = (work: Promise<unknown>) => after(() => work);

/** A /v1 route file's exports, from the one table both serving paths use (lib/gateway/routes.ts). */
export function v1Route(path: V1Path): V1Methods {
  return gatewayV1Route(path, schedule);
}

/** For routes outside /v1 that run the data plane for another principal (the free demo, the playground's session). */
export function withPrincipal(
  admit: Admission,
  handler: GatewayHandler,
  options: Omit<PipelineOptions, "schedule"> = {},
) {
  return gatewayWithPrincipal(admit, handler, { ...options, schedule });
}
