// /v1 itself, any method – an OpenAI-shaped 404 (the catch-all below it needs at least one segment)
import { unknownEndpoint } from "@/lib/gateway/routes";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const GET = unknownEndpoint;
export const HEAD = unknownEndpoint;
// Next's own OPTIONS answer (204) would carry no request id.
export const OPTIONS = unknownEndpoint;
export const POST = unknownEndpoint;
export const PUT = unknownEndpoint;
export const PATCH = unknownEndpoint;
export const DELETE = unknownEndpoint;
