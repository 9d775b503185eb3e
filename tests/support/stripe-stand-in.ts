// A local stand-in of the Stripe API endpoints Switchyard calls, on node:http, speaking Stripe's wire format:
// form-encoded request bodies with bracketed keys (`line_items[0][price_data][unit_amount]=2500`), `Bearer sk_…`
// authentication, JSON objects and Stripe's error body. It records every request, and a control route plays the
// customer paying, so tests get sessions, payment intents and charges that the app can look up afterwards.
// Also here: the webhook secret and API key the app is started with, and builders of the objects Stripe sends in
// events (they are the same objects the API returns).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { randomId, readBody, sendJsonBody } from "./stand-in-http";

declare module "vitest" {
  export interface ProvidedContext {
    /** Origin of the Stripe stand-in, e.g. "http://127.0.0.1:41237" (STRIPE_API_URL). */
    stripeStandInUrl: string;
  }
}

/** STRIPE_SECRET_KEY of the app under test; the stand-in refuses any other key. */
export const stripeSecretKey = "sk_test_switchyard";
/** STRIPE_WEBHOOK_SECRET of the app under test; tests sign events with it. */
export const stripeWebhookSecret = "whsec_test_switchyard";

export type FormValue = string | FormValue[] | { [key: string]: FormValue };

export interface StripeRecordedRequest {
  method: string;
  /** Path with query string, e.g. "/v1/checkout/sessions?payment_intent=pi_…". */
  path: string;
  headers: Record<string, string>;
  /** The form body (or query string of a GET) decoded into nested objects and arrays; values stay strings, as sent. */
  form: { [key: string]: FormValue };
  receivedAt: number;
}

// ---------- the objects (the fields Switchyard reads, plus the ones that make them recognisable) ----------

export interface SessionObject {
  id: string;
  object: "checkout.session";
  amount_subtotal: number | null;
  amount_total: number | null;
  cancel_url: string | null;
  client_reference_id: string | null;
  created: number;
  currency: string | null;
  customer: string | null;
  customer_email: string | null;
  expires_at: number;
  livemode: boolean;
  metadata: Record<string, string>;
  mode: "payment" | "subscription" | "setup";
  payment_intent: string | null;
  payment_status: "paid" | "unpaid" | "no_payment_required";
  status: "open" | "complete" | "expired";
  success_url: string | null;
  url: string | null;
}

export interface ChargeObject {
  id: string;
  object: "charge";
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  captured: boolean;
  created: number;
  currency: string;
  livemode: boolean;
  metadata: Record<string, string>;
  paid: boolean;
  payment_intent: string | null;
  receipt_url: string | null;
  refunded: boolean;
  status: "succeeded" | "pending" | "failed";
}

export interface PaymentIntentObject {
  id: string;
  object: "payment_intent";
  amount: number;
  amount_received: number;
  created: number;
  currency: string;
  latest_charge: string | ChargeObject | null;
  livemode: boolean;
  metadata: Record<string, string>;
  status: "succeeded" | "processing" | "requires_payment_method";
}

export interface EventObject<T> {
  id: string;
  object: "event";
  api_version: string;
  created: number;
  data: { object: T };
  livemode: boolean;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

const now = (): number => Math.floor(Date.now() / 1000);

export interface SessionOptions {
  userId: string;
  amountCents: number;
  paymentStatus?: SessionObject["payment_status"];
  status?: SessionObject["status"];
  paymentIntent?: string | null;
  /** Defaults to what createTopUpCheckout sets; pass {} for a session some other product made. */
  metadata?: Record<string, string>;
  currency?: string;
  id?: string;
}

/** A payment-mode Checkout Session as createTopUpCheckout makes it; paid and complete unless told otherwise. */
export function checkoutSession(options: SessionOptions): SessionObject {
  const id = options.id ?? randomId("cs_test_");
  const created = now();
  return {
    id,
    object: "checkout.session",
    amount_subtotal: options.amountCents,
    amount_total: options.amountCents,
    cancel_url: "http://127.0.0.1/billing?topup=cancelled",
    client_reference_id: options.userId,
    created,
    currency: options.currency ?? "usd",
    customer: null,
    customer_email: null,
    expires_at: created + 24 * 3600,
    livemode: false,
    metadata: options.metadata ?? { userId: options.userId, purpose: "switchyard_topup" },
    mode: "payment",
    payment_intent:
      options.paymentIntent === undefined
        ? options.status === "open"
          ? null
          : randomId("pi_")
        : options.paymentIntent,
    payment_status: options.paymentStatus ?? "paid",
    status: options.status ?? "complete",
    success_url: "http://127.0.0.1/billing?topup=success&session_id={CHECKOUT_SESSION_ID}",
    url: options.status === "open" ? `https://checkout.stripe.com/c/pay/${id}` : null,
  };
}

/** The charge of a paid session's payment intent, refunded `amountRefundedCents` so far (cumulative, as Stripe says). */
export function charge(options: {
  paymentIntent: string;
  amountCents: number;
  amountRefundedCents?: number;
  metadata?: Record<string, string>;
  id?: string;
}): ChargeObject {
  const id = options.id ?? randomId("ch_");
  const refunded = options.amountRefundedCents ?? 0;
  return {
    id,
    object: "charge",
    amount: options.amountCents,
    amount_captured: options.amountCents,
    amount_refunded: refunded,
    captured: true,
    created: now(),
    currency: "usd",
    livemode: false,
    metadata: options.metadata ?? {},
    paid: true,
    payment_intent: options.paymentIntent,
    receipt_url: `https://pay.stripe.com/receipts/payment/${id}`,
    refunded: refunded >= options.amountCents,
    status: "succeeded",
  };
}

export interface DisputeObject {
  id: string;
  object: "dispute";
  amount: number;
  balance_transactions: unknown[];
  charge: string;
  created: number;
  currency: string;
  is_charge_refundable: boolean;
  livemode: boolean;
  metadata: Record<string, string>;
  payment_intent: string | null;
  reason: string;
  status: "warning_needs_response" | "needs_response" | "under_review" | "won" | "lost";
}

/** A dispute (chargeback) of a charge, as charge.dispute.* events carry it. */
export function dispute(options: {
  charge: ChargeObject;
  amountCents?: number;
  status?: DisputeObject["status"];
  id?: string;
}): DisputeObject {
  return {
    id: options.id ?? randomId("du_"),
    object: "dispute",
    amount: options.amountCents ?? options.charge.amount,
    balance_transactions: [],
    charge: options.charge.id,
    created: now(),
    currency: options.charge.currency,
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    payment_intent: options.charge.payment_intent,
    reason: "fraudulent",
    status: options.status ?? "needs_response",
  };
}

export function stripeEvent<T>(type: string, object: T): EventObject<T> {
  return {
    id: randomId("evt_"),
    object: "event",
    api_version: Stripe.API_VERSION,
    created: now(),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}

export interface SigningOptions {
  secret?: string;
  /** Unix seconds the signature claims it was made at; now by default. */
  timestamp?: number;
}

/** The Stripe-Signature header of a raw body, as Stripe signs it. */
export function signPayload(payload: string, options: SigningOptions = {}): string {
  const secret = options.secret ?? stripeWebhookSecret;
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: options.timestamp });
}

/** The body and Stripe-Signature header of a webhook delivery, signed as Stripe signs it. */
export function signedDelivery(
  event: unknown,
  secret: string = stripeWebhookSecret,
): { payload: string; signature: string } {
  const payload = JSON.stringify(event, null, 2);
  return { payload, signature: signPayload(payload, { secret }) };
}

// ---------- Stripe's form encoding ----------

function isRecord(value: FormValue | undefined): value is { [key: string]: FormValue } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Objects whose keys are all indices were arrays on the client's side (`expand[0]=…`). */
function withArrays(value: FormValue): FormValue {
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  const converted: { [key: string]: FormValue } = {};
  for (const key of keys) converted[key] = withArrays(value[key]);
  if (keys.length > 0 && keys.every((key) => /^\d+$/.test(key))) {
    return keys.sort((left, right) => Number(left) - Number(right)).map((key) => converted[key]);
  }
  return converted;
}

export function decodeForm(text: string): { [key: string]: FormValue } {
  const root: { [key: string]: FormValue } = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const path = key.replace(/\]/g, "").split("[");
    let node = root;
    path.forEach((part, index) => {
      if (index === path.length - 1) {
        node[part] = value;
        return;
      }
      const next = node[part];
      if (!isRecord(next)) node[part] = {};
      node = node[part] as { [key: string]: FormValue };
    });
  }
  return withArrays(root) as { [key: string]: FormValue };
}

function text(value: FormValue | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function record(value: FormValue | undefined): { [key: string]: FormValue } {
  return isRecord(value) ? value : {};
}

function strings(value: FormValue | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, entry] of Object.entries(record(value))) if (typeof entry === "string") result[key] = entry;
  return result;
}

// ---------- the server ----------

class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly param?: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

function missing(param: string): StripeApiError {
  return new StripeApiError(
    400,
    "invalid_request_error",
    `Missing required param: ${param}.`,
    param,
    "parameter_missing",
  );
}

function noSuch(kind: string, id: string, param = "id"): StripeApiError {
  return new StripeApiError(404, "invalid_request_error", `No such ${kind}: '${id}'`, param, "resource_missing");
}

/** What POST /v1/checkout/sessions does with the parameters Switchyard sends; refuses what Stripe refuses. */
function createSession(form: { [key: string]: FormValue }): SessionObject {
  const mode = text(form.mode);
  if (!mode) throw missing("mode");
  if (mode !== "payment" && mode !== "subscription" && mode !== "setup") {
    throw new StripeApiError(
      400,
      "invalid_request_error",
      `Invalid mode: must be one of payment, setup, or subscription`,
      "mode",
      "parameter_invalid_string",
    );
  }
  const successUrl = text(form.success_url);
  if (!successUrl) throw missing("success_url");
  const lineItems = Array.isArray(form.line_items) ? form.line_items : [];
  if (mode === "payment" && lineItems.length === 0) {
    throw new StripeApiError(400, "invalid_request_error", "`line_items` is required in `payment` mode.", "line_items");
  }
  let total = 0;
  let currency: string | undefined;
  lineItems.forEach((item, index) => {
    const priceData = record(record(item).price_data);
    const unitAmount = text(priceData.unit_amount);
    const quantity = text(record(item).quantity) ?? "1";
    if (!text(priceData.currency)) throw missing(`line_items[${index}][price_data][currency]`);
    if (!text(record(priceData.product_data).name) && !text(priceData.product))
      throw missing(`line_items[${index}][price_data][product_data][name]`);
    if (unitAmount === undefined || !/^\d+$/.test(unitAmount)) {
      throw new StripeApiError(
        400,
        "invalid_request_error",
        `Invalid integer: ${unitAmount ?? ""}`,
        `line_items[${index}][price_data][unit_amount]`,
        "parameter_invalid_integer",
      );
    }
    currency ??= text(priceData.currency);
    total += Number(unitAmount) * Number(quantity);
  });
  // Stripe's floor for a USD Checkout payment.
  if (mode === "payment" && total < 50) {
    throw new StripeApiError(
      400,
      "invalid_request_error",
      "The Checkout Session's total amount due must add up to at least $0.50 usd",
      "line_items",
      "amount_too_small",
    );
  }
  const created = now();
  const expiresAt = text(form.expires_at) === undefined ? created + 24 * 3600 : Number(text(form.expires_at));
  if (!Number.isInteger(expiresAt) || expiresAt < created + 1800 || expiresAt > created + 24 * 3600) {
    throw new StripeApiError(
      400,
      "invalid_request_error",
      "The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.",
      "expires_at",
    );
  }
  const id = randomId("cs_test_a1");
  return {
    id,
    object: "checkout.session",
    amount_subtotal: total,
    amount_total: total,
    cancel_url: text(form.cancel_url) ?? null,
    client_reference_id: text(form.client_reference_id) ?? null,
    created,
    currency: currency ?? null,
    customer: null,
    customer_email: text(form.customer_email) ?? null,
    expires_at: expiresAt,
    livemode: false,
    metadata: strings(form.metadata),
    mode,
    payment_intent: null,
    payment_status: "unpaid",
    status: "open",
    success_url: successUrl,
    url: `https://checkout.stripe.com/c/pay/${id}#fidkdWxOYHwnPyd1blpxYHZxWjA0`,
  };
}

export interface PaidSession {
  session: SessionObject;
  paymentIntent: PaymentIntentObject;
  charge: ChargeObject;
}

/**
 * Hosted Checkout, for browser tests: sessions get a `url` on the stand-in itself, whose page lets the customer pay
 * or cancel. Paying redirects to the session's success_url, and then delivers `checkout.session.completed` to the
 * app's webhook, signed with STRIPE_WEBHOOK_SECRET, as Stripe does (retrying while the app answers non-2xx).
 */
export interface HostedCheckoutOptions {
  /** The app's webhook endpoint, e.g. "http://127.0.0.1:3210/api/stripe/webhook". */
  webhookUrl: string;
  /** Wait this long after the redirect before delivering, so a test sees the return page before the credit. */
  deliveryDelayMs?: number;
}

export interface StripeStandInOptions {
  /** Listen on this port (0, the default: any free one). */
  port?: number;
  checkout?: HostedCheckoutOptions;
}

export interface WebhookDelivery {
  eventId: string;
  type: string;
  /** The app's answers, one per attempt. */
  statuses: number[];
}

export interface StripeStandIn {
  url: string;
  deliveries: WebhookDelivery[];
  requests: StripeRecordedRequest[];
  sessions: Map<string, SessionObject>;
  /** The customer pays an open session by card: it completes, with a payment intent and a succeeded charge. */
  paySession: (sessionId: string) => PaidSession;
  reset: () => void;
  close: () => Promise<void>;
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** The hosted payment page: the amount, a Pay button (a plain form post) and a way back. */
function checkoutPage(session: SessionObject): string {
  const amount = `$${((session.amount_total ?? 0) / 100).toFixed(2)}`;
  const id = encodeURIComponent(session.id);
  const body =
    session.status === "open"
      ? `<h1>Pay Switchyard</h1><p class="amount">${amount}</p><p>Test mode: no card is needed.</p>
<form method="post" action="/c/pay/${id}"><button type="submit">Pay ${amount}</button></form>
<p><a href="/c/cancel/${id}">Back to Switchyard</a></p>`
      : `<h1>This Checkout Session is ${escapeHtml(session.status)}</h1>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Checkout stand-in</title><style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}
.amount{font-size:2rem;font-weight:600}button{font-size:1rem;padding:.6rem 1.2rem;background:#635bff;color:#fff;border:0;border-radius:6px}</style>
</head><body>${body}</body></html>`;
}

function redirect(response: ServerResponse, location: string): void {
  response.writeHead(303, { location, "content-length": "0" });
  response.end();
}

export async function startStripeStandIn(options: StripeStandInOptions = {}): Promise<StripeStandIn> {
  const requests: StripeRecordedRequest[] = [];
  const deliveries: WebhookDelivery[] = [];
  let origin = "";
  const sessions = new Map<string, SessionObject>();
  const paymentIntents = new Map<string, PaymentIntentObject>();
  const charges = new Map<string, ChargeObject>();

  function paySession(sessionId: string): PaidSession {
    const session = sessions.get(sessionId);
    if (!session) throw noSuch("checkout.session", sessionId);
    if (session.status !== "open")
      throw new StripeApiError(400, "invalid_request_error", `Session ${sessionId} is ${session.status}`);
    const amount = session.amount_total ?? 0;
    const paymentIntentId = randomId("pi_");
    // createTopUpCheckout gives the payment intent the session's metadata (payment_intent_data.metadata).
    const paymentIntentMetadata = session.metadata;
    const paidCharge = charge({ paymentIntent: paymentIntentId, amountCents: amount });
    const paymentIntent: PaymentIntentObject = {
      id: paymentIntentId,
      object: "payment_intent",
      amount,
      amount_received: amount,
      created: now(),
      currency: session.currency ?? "usd",
      latest_charge: paidCharge.id,
      livemode: false,
      metadata: paymentIntentMetadata,
      status: "succeeded",
    };
    Object.assign(session, { status: "complete", payment_status: "paid", payment_intent: paymentIntentId, url: null });
    paymentIntents.set(paymentIntentId, paymentIntent);
    charges.set(paidCharge.id, paidCharge);
    return { session, paymentIntent, charge: paidCharge };
  }

  /**
   * POST /v1/checkout/sessions/:id/expire: only an open session can be expired; the answer is the session object, now
   * `expired` with no url, and Stripe then sends checkout.session.expired (delivered here when hosting Checkout).
   */
  function expireSession(sessionId: string): SessionObject {
    const session = sessions.get(sessionId);
    if (!session) throw noSuch("checkout.session", sessionId, "session");
    if (session.status !== "open") {
      throw new StripeApiError(
        400,
        "invalid_request_error",
        `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".`,
      );
    }
    Object.assign(session, { status: "expired", url: null });
    const checkout = options.checkout;
    if (checkout) {
      const expired = { ...session };
      setTimeout(() => void deliver(checkout, stripeEvent("checkout.session.expired", expired)), 0);
    }
    return session;
  }

  function reset(): void {
    requests.length = 0;
    sessions.clear();
    deliveries.length = 0;
    paymentIntents.clear();
    charges.clear();
  }

  function route(method: string, pathname: string, form: { [key: string]: FormValue }): unknown {
    if (method === "POST" && pathname === "/v1/checkout/sessions") {
      const session = createSession(form);
      if (options.checkout) session.url = `${origin}/c/pay/${encodeURIComponent(session.id)}`;
      sessions.set(session.id, session);
      return session;
    }
    if (method === "GET" && pathname === "/v1/checkout/sessions") {
      const paymentIntent = text(form.payment_intent);
      const data = [...sessions.values()]
        .filter((session) => paymentIntent === undefined || session.payment_intent === paymentIntent)
        .reverse();
      const limit = Number(text(form.limit) ?? "10");
      return {
        object: "list",
        data: data.slice(0, limit),
        has_more: data.length > limit,
        url: "/v1/checkout/sessions",
      };
    }
    const sessionMatch = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(pathname);
    if (method === "GET" && sessionMatch) {
      const session = sessions.get(sessionMatch[1]);
      if (!session) throw noSuch("checkout.session", sessionMatch[1], "session");
      return session;
    }
    const expireMatch = /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/.exec(pathname);
    if (method === "POST" && expireMatch) return expireSession(expireMatch[1]);
    const paymentIntentMatch = /^\/v1\/payment_intents\/([^/]+)$/.exec(pathname);
    if (method === "GET" && paymentIntentMatch) {
      const paymentIntent = paymentIntents.get(paymentIntentMatch[1]);
      if (!paymentIntent) throw noSuch("payment_intent", paymentIntentMatch[1], "intent");
      const expand = Array.isArray(form.expand) ? form.expand : [];
      const latest =
        typeof paymentIntent.latest_charge === "string" ? charges.get(paymentIntent.latest_charge) : undefined;
      return expand.includes("latest_charge") && latest ? { ...paymentIntent, latest_charge: latest } : paymentIntent;
    }
    throw new StripeApiError(404, "invalid_request_error", `Unrecognized request URL (${method}: ${pathname}).`);
  }

  /** Stripe's delivery: signed, retried with back-off while the endpoint fails, given up after a few tries. */
  async function deliver(checkout: HostedCheckoutOptions, event: EventObject<unknown>): Promise<void> {
    const delivery: WebhookDelivery = { eventId: event.id, type: event.type, statuses: [] };
    deliveries.push(delivery);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const { payload, signature } = signedDelivery(event);
      try {
        const answer = await fetch(checkout.webhookUrl, {
          method: "POST",
          headers: { "content-type": "application/json", "stripe-signature": signature },
          body: payload,
        });
        delivery.statuses.push(answer.status);
        await answer.arrayBuffer();
        if (answer.ok) return;
      } catch {
        delivery.statuses.push(0);
      }
      await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
    }
  }

  function handleHostedCheckout(method: string, pathname: string, response: ServerResponse): boolean {
    const checkout = options.checkout;
    const match = /^\/c\/(pay|cancel)\/([^/]+)$/.exec(pathname);
    if (!checkout || !match) return false;
    const session = sessions.get(decodeURIComponent(match[2]));
    if (!session) {
      response.writeHead(404, { "content-type": "text/html; charset=utf-8" });
      response.end(
        "<!doctype html><title>Not found</title><h1>Something went wrong</h1><p>This Checkout Session does not exist.</p>",
      );
    } else if (match[1] === "cancel") {
      redirect(response, session.cancel_url ?? "/");
    } else if (method === "GET" || session.status !== "open") {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(checkoutPage(session));
    } else {
      const paid = paySession(session.id);
      redirect(response, (session.success_url ?? "/").replace("{CHECKOUT_SESSION_ID}", session.id));
      setTimeout(
        () => void deliver(checkout, stripeEvent("checkout.session.completed", paid.session)),
        checkout.deliveryDelayMs ?? 0,
      );
    }
    return true;
  }

  function handleControl(method: string, pathname: string, rawBody: string, response: ServerResponse): void {
    const payMatch = /^\/__control\/sessions\/([^/]+)\/pay$/.exec(pathname);
    if (method === "GET" && pathname === "/__control/requests") sendJsonBody(response, 200, requests);
    else if (method === "POST" && pathname === "/__control/sessions") {
      const session = JSON.parse(rawBody) as SessionObject;
      sessions.set(session.id, session);
      sendJsonBody(response, 200, session);
    } else if (method === "GET" && pathname === "/__control/deliveries") sendJsonBody(response, 200, deliveries);
    else if (method === "POST" && pathname === "/__control/reset") {
      reset();
      sendJsonBody(response, 200, { ok: true });
    } else if (method === "POST" && payMatch) sendJsonBody(response, 200, paySession(payMatch[1]));
    else sendJsonBody(response, 404, { error: "unknown control route" });
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const rawBody = await readBody(request);
    const method = request.method ?? "GET";
    const path = request.url ?? "/";
    const [pathname, query = ""] = path.split("?");
    try {
      if (pathname.startsWith("/__control/")) {
        handleControl(method, pathname, rawBody, response);
        return;
      }
      if (handleHostedCheckout(method, pathname, response)) return;
      const form = decodeForm(method === "GET" || method === "DELETE" ? query : rawBody);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) if (typeof value === "string") headers[name] = value;
      requests.push({ method, path, headers, form, receivedAt: Date.now() });
      const authorization = request.headers.authorization ?? "";
      if (authorization !== `Bearer ${stripeSecretKey}`) {
        const shown = authorization.replace(/^Bearer\s+/, "").slice(0, 8);
        throw new StripeApiError(401, "invalid_request_error", `Invalid API Key provided: ${shown}***`);
      }
      sendJsonBody(response, 200, route(method, pathname, form), {
        "request-id": randomId("req_"),
        "stripe-version": Stripe.API_VERSION,
      });
    } catch (error) {
      if (!(error instanceof StripeApiError)) throw error;
      const body = {
        error: {
          type: error.type,
          message: error.message,
          ...(error.param ? { param: error.param } : {}),
          ...(error.code ? { code: error.code } : {}),
        },
      };
      sendJsonBody(response, error.status, body, { "request-id": randomId("req_") });
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendJsonBody(response, 500, { error: { type: "api_error", message: String(error) } });
      else response.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: origin,
    deliveries,
    requests,
    sessions,
    paySession,
    reset,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---------- for test files: the stand-in runs in the global-setup process, so they reach it over HTTP ----------

export interface StripeStandInClient {
  url: string;
  requests: () => Promise<StripeRecordedRequest[]>;
  /** Stripe's record of a session from now on, as the API returns it (for sessions a test builds itself). */
  putSession: (session: SessionObject) => Promise<void>;
  paySession: (sessionId: string) => Promise<PaidSession>;
  reset: () => Promise<void>;
}

export function connectStripeStandIn(url: string): StripeStandInClient {
  if (!url) throw new Error("stripeStandInUrl was not provided by the global setup; start the Stripe stand-in there");
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${url}${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    });
    if (!response.ok)
      throw new Error(`Stripe stand-in ${method} ${path} failed: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  return {
    url,
    requests: () => call<StripeRecordedRequest[]>("GET", "/__control/requests"),
    putSession: async (session) => {
      await call<SessionObject>("POST", "/__control/sessions", session);
    },
    paySession: (sessionId) => call<PaidSession>("POST", `/__control/sessions/${encodeURIComponent(sessionId)}/pay`),
    reset: async () => {
      await call<{ ok: boolean }>("POST", "/__control/reset");
    },
  };
}

/** A Stripe client of the test itself, pointed at the stand-in (as the app's is through STRIPE_API_URL). */
export function standInStripeClient(url: string): Stripe {
  const origin = new URL(url);
  return new Stripe(stripeSecretKey, {
    host: origin.hostname,
    port: origin.port,
    protocol: "http",
    maxNetworkRetries: 0,
  });
}
