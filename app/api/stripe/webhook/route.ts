// POST /api/stripe/webhook – Stripe events
import { handleStripeWebhook } from "@/lib/billing/stripe/handle-webhook-request";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const POST = handleStripeWebhook;
