// What the top-up form shows after its server action: nothing yet, or why no Checkout page was opened.
// (On success the action redirects to Stripe Checkout and never returns a state.)
export type TopUpState = { status: "idle" } | { status: "error"; message: string };

/** A top-up seen from the page Checkout returns to: a payments row's status, or why there is none to show. */
export type TopUpProgress =
  | {
      status: "pending" | "paid" | "partially_refunded" | "refunded" | "disputed" | "expired" | "failed";
      amount: string;
    }
  | { status: "unknown" | "signed-out" };
