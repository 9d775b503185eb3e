// One request's log row and charge, as the usage writer stores it, and its JSON form for the places it must survive
// the process: the open_requests row of a request in flight, and the local spool of records the database refused.

/** How an attempt failed, for the request record and for routing decisions. */
export type ErrorClass =
  | "timeout"
  | "connection"
  | "rate_limited"
  | "auth"
  | "server"
  | "request"
  | "not_served"
  | "internal";

export interface AttemptRecord {
  provider: string;
  keyId: string | null;
  status: number | null;
  latencyMs: number;
  errorClass?: ErrorClass;
  error?: string;
}

/** "reported": the upstream's own counts; "estimated": counted by the gateway because the upstream's never came. */
export type UsageSource = "reported" | "estimated";

export interface UsageRecord {
  requestId: string;
  userId: string;
  apiKeyId: string;
  endpoint: string;
  model: string;
  providerId: string | null;
  upstreamModel: string | null;
  stream: boolean;
  status: number;
  errorCode: string | null;
  finishReason: string | null;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  usageSource: UsageSource;
  costMicros: bigint;
  reservedMicros: bigint;
  latencyMs: number;
  ttftMs: number | null;
  attempts: AttemptRecord[];
  prompt: unknown;
  createdAt: Date;
}

type JsonRecord = Omit<UsageRecord, "costMicros" | "reservedMicros" | "createdAt"> & {
  costMicros: string;
  reservedMicros: string;
  createdAt: string;
};

/** Money as decimal strings (JSON has no BigInt), the time as ISO text. */
export function usageRecordToJson(record: UsageRecord): JsonRecord {
  return {
    ...record,
    costMicros: record.costMicros.toString(),
    reservedMicros: record.reservedMicros.toString(),
    createdAt: record.createdAt.toISOString(),
  };
}

export function usageRecordFromJson(json: JsonRecord): UsageRecord {
  return {
    ...json,
    usageSource: json.usageSource ?? "estimated",
    costMicros: BigInt(json.costMicros),
    reservedMicros: BigInt(json.reservedMicros),
    createdAt: new Date(json.createdAt),
  };
}
