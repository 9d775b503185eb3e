// POST /v1/embeddings – embeddings, float or base64, from any embedding model
import { withApiKey } from "../_lib/with-api-key";
import { methodNotAllowed } from "@/lib/gateway/pipeline";
import { optionsAnswer } from "@/lib/gateway/options-answer";
import { handleEmbeddings } from "@/lib/gateway/handlers/embeddings";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const POST = withApiKey(handleEmbeddings);
export const GET = methodNotAllowed("POST");
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
export const OPTIONS = optionsAnswer("POST");
