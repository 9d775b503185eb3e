// POST /v1/audio/speech – text to speech from any speech model, the audio streamed back; charged per input character
import { withApiKey } from "../../_lib/with-api-key";
import { methodNotAllowed } from "@/lib/gateway/pipeline";
import { optionsAnswer } from "@/lib/gateway/options-answer";
import { handleSpeech } from "@/lib/gateway/handlers/audio-speech";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const POST = withApiKey(handleSpeech);
export const GET = methodNotAllowed("POST");
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
export const OPTIONS = optionsAnswer("POST");
