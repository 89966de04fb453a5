-- 0017: adding an official account admin goes through the account's approval steps (a request, then one decision per
-- step), and the grace period a newly approved account has to find a trained admin.
ALTER TABLE "PolicySettings" ADD COLUMN "AccountAdminGraceDays" integer;
CREATE TABLE "AdminRequests" (
    "Id" uuid NOT NULL,
    "OrganisationId" uuid NOT NULL,
    "OfficialAccountId" uuid NOT NULL,
    "StaffMemberId" uuid NOT NULL,
    "Status" character varying(20) NOT NULL,
    "RequestedAt" timestamp with time zone NOT NULL,
    "RequestedBy" character varying(200) NOT NULL,
    "RequestedByUserId" uuid,
    "RefusedReason" character varying(2000),
    CONSTRAINT "PK_AdminRequests" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_AdminRequests_OfficialAccounts_OfficialAccountId" FOREIGN KEY ("OfficialAccountId") REFERENCES "OfficialAccounts" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AdminRequests_StaffMembers_StaffMemberId" FOREIGN KEY ("StaffMemberId") REFERENCES "StaffMembers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AdminRequests_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "IX_AdminRequests_OfficialAccountId_StaffMemberId" ON "AdminRequests" ("OfficialAccountId", "StaffMemberId") WHERE "Status" = 'Waiting';
CREATE INDEX "IX_AdminRequests_OrganisationId" ON "AdminRequests" ("OrganisationId");
CREATE INDEX "IX_AdminRequests_StaffMemberId" ON "AdminRequests" ("StaffMemberId");
CREATE TABLE "AdminApprovals" (
    "Id" uuid NOT NULL,
    "OrganisationId" uuid NOT NULL,
    "AdminRequestId" uuid NOT NULL,
    "Step" character varying(30) NOT NULL,
    "Decision" character varying(20) NOT NULL,
    "Reason" character varying(2000),
    "DecidedByStaffMemberId" uuid NOT NULL,
    "DecidedBy" character varying(200) NOT NULL,
    "DecidedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_AdminApprovals" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_AdminApprovals_AdminRequests_AdminRequestId" FOREIGN KEY ("AdminRequestId") REFERENCES "AdminRequests" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AdminApprovals_StaffMembers_DecidedByStaffMemberId" FOREIGN KEY ("DecidedByStaffMemberId") REFERENCES "StaffMembers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_AdminApprovals_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "IX_AdminApprovals_AdminRequestId_Step" ON "AdminApprovals" ("AdminRequestId", "Step");
CREATE INDEX "IX_AdminApprovals_DecidedByStaffMemberId" ON "AdminApprovals" ("DecidedByStaffMemberId");
CREATE INDEX "IX_AdminApprovals_OrganisationId" ON "AdminApprovals" ("OrganisationId");
