// The address a sign-in link was just sent to, remembered for this browser only, so that the check-email page can
// name it (and, on a developer machine, show that address's link and no other). Short-lived and HTTP-only; it
// carries nothing that signs anyone in.
export const SIGN_IN_EMAIL_COOKIE = "switchyard.sign-in-email";
export const SIGN_IN_EMAIL_MAX_AGE_S = 15 * 60;
