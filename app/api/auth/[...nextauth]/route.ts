// GET/POST /api/auth/* – next-auth (sign-in, callbacks, sign-out)
import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { requestWithPublicOrigin } from "@/lib/auth/request-with-public-origin";

export const GET = (request: NextRequest) => handlers.GET(requestWithPublicOrigin(request));
export const POST = (request: NextRequest) => handlers.POST(requestWithPublicOrigin(request));
