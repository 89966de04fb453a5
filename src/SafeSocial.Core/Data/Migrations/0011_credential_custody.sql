-- 0011: custody of official account passwords: who is told of each reveal and change, emergency access, and the policy choice of who is told.
ALTER TABLE "PolicySettings" ADD COLUMN "CustodyNotices" character varying(40);
CREATE TABLE "CustodyNotices" (
    "Id" uuid NOT NULL,
    "OrganisationId" uuid NOT NULL,
    "OfficialAccountId" uuid NOT NULL,
    "Event" character varying(30) NOT NULL,
    "OccurredAt" timestamp with time zone NOT NULL,
    "ActorName" character varying(200) NOT NULL,
    "ActorUserId" uuid,
    "Reason" character varying(500),
    "RecipientStaffMemberId" uuid NOT NULL,
    "RecipientName" character varying(200) NOT NULL,
    "RecipientEmail" character varying(320),
    "RecipientCapacity" character varying(200) NOT NULL,
    CONSTRAINT "PK_CustodyNotices" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_CustodyNotices_OfficialAccounts_OfficialAccountId" FOREIGN KEY ("OfficialAccountId") REFERENCES "OfficialAccounts" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_CustodyNotices_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT
);
CREATE TABLE "EmergencyAccesses" (
    "Id" uuid NOT NULL,
    "OrganisationId" uuid NOT NULL,
    "OfficialAccountId" uuid NOT NULL,
    "AccessedAt" timestamp with time zone NOT NULL,
    "AccessedBy" character varying(200) NOT NULL,
    "AccessedByUserId" uuid,
    "Reason" character varying(500) NOT NULL,
    "ReviewedAt" timestamp with time zone,
    "ReviewedBy" character varying(200),
    "ReviewedByUserId" uuid,
    "ReviewNote" character varying(2000),
    CONSTRAINT "PK_EmergencyAccesses" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_EmergencyAccesses_OfficialAccounts_OfficialAccountId" FOREIGN KEY ("OfficialAccountId") REFERENCES "OfficialAccounts" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_EmergencyAccesses_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_CustodyNotices_OfficialAccountId_OccurredAt" ON "CustodyNotices" ("OfficialAccountId", "OccurredAt");
CREATE INDEX "IX_CustodyNotices_OrganisationId" ON "CustodyNotices" ("OrganisationId");
CREATE INDEX "IX_EmergencyAccesses_OfficialAccountId" ON "EmergencyAccesses" ("OfficialAccountId");
CREATE INDEX "IX_EmergencyAccesses_OrganisationId_ReviewedAt" ON "EmergencyAccesses" ("OrganisationId", "ReviewedAt");
