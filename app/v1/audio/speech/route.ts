// POST /v1/audio/speech – text to speech from any speech model, the audio streamed back; charged per input character
// Its handlers come from the /v1 table (lib/gateway/routes.ts), which npm start's server also serves directly.
import { v1Route } from "../../_lib/with-api-key";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = v1Route("audio/speech");
