// POST /api/playground/chat – the playground's chat, for the signed-in user (same-origin only), charged to their
// "Playground" key like any request
import { withPrincipal } from "@/app/v1/_lib/with-api-key";
import { currentUserId } from "@/lib/auth/session";
import { handleChatCompletions } from "@/lib/gateway/handlers/chat-completions";
import { methodNotAllowed } from "@/lib/gateway/pipeline";
import { admitSession } from "@/lib/playground/playground-admission";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const POST = withPrincipal(admitSession(currentUserId), handleChatCompletions, { endpoint: "chat.completions" });
export const GET = methodNotAllowed("POST");
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
