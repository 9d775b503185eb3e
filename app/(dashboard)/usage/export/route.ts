// GET /usage/export – the request log as CSV, for the same period and filters as the page (params.ts), streamed page
// by page: only the signed-in user's rows. A period that cannot be shown is a 400 with a JSON reason, never a 500.
import { logFilters, parseUsageParams } from "@/components/usage/params";
import { currentUserId } from "@/lib/auth/session";
import { ownsApiKey } from "@/lib/db/queries/dashboard";
import { requestLogCsv } from "@/lib/usage/queries";

export const dynamic = "force-dynamic";

const PROBLEM_MESSAGES = {
  range_reversed: (from: string, to: string) => `from (${from}) is after to (${to})`,
  range_too_long: (from: string, to: string) => `from ${from} to ${to} is longer than a range may be`,
} as const;

export async function GET(request: Request): Promise<Response> {
  const userId = await currentUserId();
  if (!userId) return Response.json({ error: "sign in first" }, { status: 401 });
  const params = parseUsageParams(new URL(request.url).searchParams);
  if (params.problem) {
    const { code, from, to } = params.problem;
    return Response.json({ error: PROBLEM_MESSAGES[code](from, to), code }, { status: 400 });
  }
  if (params.key && !(await ownsApiKey(userId, params.key))) {
    return Response.json({ error: "no such key" }, { status: 404 });
  }
  const rows = requestLogCsv({ userId, filters: logFilters(params) });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await rows.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="switchyard-requests-${stamp}.csv"`,
      "cache-control": "no-store",
    },
  });
}
