// GET /v1/key – this key's credits, spend and limits
import { withApiKey } from "../_lib/with-api-key";
import { handleKey } from "@/lib/gateway/handlers/key";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const GET = withApiKey(handleKey);
