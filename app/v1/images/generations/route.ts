// POST /v1/images/generations – images from any image model, charged per image
import { withApiKey } from "../../_lib/with-api-key";
import { methodNotAllowed } from "@/lib/gateway/pipeline";
import { optionsAnswer } from "@/lib/gateway/options-answer";
import { handleImages } from "@/lib/gateway/handlers/images";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const POST = withApiKey(handleImages);
export const GET = methodNotAllowed("POST");
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
export const OPTIONS = optionsAnswer("POST");
