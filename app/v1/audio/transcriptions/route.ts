// POST /v1/audio/transcriptions – speech to text from an uploaded audio file; charged per minute of audio
import { withApiKey } from "../../_lib/with-api-key";
import { methodNotAllowed } from "@/lib/gateway/pipeline";
import { optionsAnswer } from "@/lib/gateway/options-answer";
import { handleTranscriptions } from "@/lib/gateway/handlers/audio-transcriptions";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const POST = withApiKey(handleTranscriptions);
export const GET = methodNotAllowed("POST");
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
export const OPTIONS = optionsAnswer("POST");
