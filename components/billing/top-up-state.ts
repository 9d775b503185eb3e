// What the top-up form shows after its server action: nothing yet, or why no Checkout page was opened.
// (On success the action redirects to Stripe Checkout and never returns a state.)
export type TopUpState = { status: "idle" } | { status: "error"; message: string };
