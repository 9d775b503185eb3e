// POST /v1/estimate – the most a call could cost, before making it
import { withApiKey } from "../_lib/with-api-key";
import { methodNotAllowed } from "@/lib/gateway/pipeline";
import { optionsAnswer } from "@/lib/gateway/options-answer";
import { handleEstimate } from "@/lib/gateway/handlers/estimate";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const POST = withApiKey(handleEstimate);
export const GET = methodNotAllowed("POST");
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
export const OPTIONS = optionsAnswer("POST");
