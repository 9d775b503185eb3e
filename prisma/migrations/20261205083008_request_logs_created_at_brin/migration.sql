-- CreateIndex
-- The public pages' last-hour health reads a time range of request_logs across every account. BRIN: rows arrive in
-- created_at order, so block ranges map to time ranges; 24 kB for 1.3M rows, next to nothing per insert.
-- autosummarize (not expressible in schema.prisma, which only says `type: Brin`): each block range is summarized
-- as soon as it fills, not at the next VACUUM, so the ranges before the last hour are skipped from the start.
-- Measured on 1.3M rows with 300k in the last hour: 6,135 heap blocks read instead of the whole table's 37,239.
CREATE INDEX "request_logs_created_at_idx" ON "request_logs" USING BRIN ("created_at") WITH (autosummarize = on);
