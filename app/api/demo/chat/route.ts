// POST /api/demo/chat – the landing page's free demo: a free model, no key, limited per address and per day
import { withPrincipal } from "@/app/v1/_lib/with-api-key";
import { admitDemo } from "@/lib/demo/demo-admission";
import { handleDemoChat } from "@/lib/demo/demo-chat";
import { methodNotAllowed } from "@/lib/gateway/pipeline";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const POST = withPrincipal(admitDemo, handleDemoChat, { endpoint: "chat.completions" });
export const GET = methodNotAllowed("POST");
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
