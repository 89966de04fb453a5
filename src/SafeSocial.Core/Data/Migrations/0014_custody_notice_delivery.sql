-- 0014: custody notices record their email's delivery, so a failed email is tried again rather than lost.
-- Notices from before this were emailed once at the time (with no record of how it went): they count as sent.
ALTER TABLE "CustodyNotices" ADD COLUMN "EmailState" character varying(20) NOT NULL DEFAULT 'Sent';
UPDATE "CustodyNotices" SET "EmailState" = 'NoAddress' WHERE "RecipientEmail" IS NULL;
ALTER TABLE "CustodyNotices" ALTER COLUMN "EmailState" DROP DEFAULT;
ALTER TABLE "CustodyNotices" ADD COLUMN "EmailedAt" timestamp with time zone;
ALTER TABLE "CustodyNotices" ADD COLUMN "EmailAttempts" integer NOT NULL DEFAULT 0;
ALTER TABLE "CustodyNotices" ALTER COLUMN "EmailAttempts" DROP DEFAULT;
ALTER TABLE "CustodyNotices" ADD COLUMN "NextEmailAt" timestamp with time zone;
ALTER TABLE "CustodyNotices" ADD COLUMN "LastEmailError" character varying(200);
CREATE INDEX "IX_CustodyNotices_EmailState_NextEmailAt" ON "CustodyNotices" ("EmailState", "NextEmailAt");
