// GET/POST /api/auth/* – next-auth (sign-in, callbacks, sign-out), only through a host its links may name
import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { requestWithTrustedOrigin } from "@/lib/auth/request-with-trusted-origin";
import { UNTRUSTED_HOST_MESSAGE } from "@/lib/auth/sign-in-origin";

const PLAIN_TEXT = "text/plain; charset=utf-8";

function throughTrustedOrigin(handler: (request: NextRequest) => Promise<Response>) {
  return (request: NextRequest): Promise<Response> | Response => {
    const trusted = requestWithTrustedOrigin(request);
    if (!trusted) {
      return new Response(`${UNTRUSTED_HOST_MESSAGE}\n`, { status: 400, headers: { "content-type": PLAIN_TEXT } });
    }
    return handler(trusted);
  };
}

export const GET = throughTrustedOrigin(handlers.GET);
export const POST = throughTrustedOrigin(handlers.POST);
