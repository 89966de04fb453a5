-- 0012: after approval: the "password change needed" flag an ended admin access leaves, the password age policy
-- setting, and when each account reminder was last emailed (at most once a day per account and kind).
ALTER TABLE "OfficialAccounts" ADD COLUMN "PasswordChangeDueSince" timestamp with time zone;
ALTER TABLE "OfficialAccounts" ADD COLUMN "PasswordChangeDueReason" character varying(1000);
ALTER TABLE "PolicySettings" ADD COLUMN "AccountPasswordDays" integer;
CREATE TABLE "AccountRemindersSent" (
    "Id" uuid NOT NULL,
    "OrganisationId" uuid NOT NULL,
    "OfficialAccountId" uuid NOT NULL,
    "Kind" character varying(30) NOT NULL,
    "RemindedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_AccountRemindersSent" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_AccountRemindersSent_OfficialAccounts_OfficialAccountId" FOREIGN KEY ("OfficialAccountId") REFERENCES "OfficialAccounts" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AccountRemindersSent_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "IX_AccountRemindersSent_OfficialAccountId_Kind" ON "AccountRemindersSent" ("OfficialAccountId", "Kind");
CREATE INDEX "IX_AccountRemindersSent_OrganisationId" ON "AccountRemindersSent" ("OrganisationId");
