// The limits a plan sets, in the order the console shows them.
export const PLAN_LIMIT_FIELDS = ["rpmLimit", "rpdLimit", "tpmLimit", "concurrencyLimit"] as const;
