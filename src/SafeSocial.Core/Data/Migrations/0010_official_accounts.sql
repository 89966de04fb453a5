-- 0010: the register of official accounts, their approvals and admins, minimal training records, and the account policy settings.
ALTER TABLE "PolicySettings" ADD COLUMN "AccountApprovals" character varying(40);
ALTER TABLE "PolicySettings" ADD COLUMN "AccountEmailDomains" character varying(1000);
CREATE TABLE "OfficialAccounts" (
    "Id" uuid NOT NULL,
    "OrganisationId" uuid NOT NULL,
    "Platform" character varying(30) NOT NULL,
    "OtherPlatformName" character varying(100),
    "Handle" character varying(200) NOT NULL,
    "Address" character varying(500),
    "Status" character varying(20) NOT NULL,
    "Purpose" character varying(4000) NOT NULL,
    "IntendedOutcomes" character varying(4000) NOT NULL,
    "Audience" character varying(4000) NOT NULL,
    "PupilsMayContribute" boolean NOT NULL,
    "StaffMayContribute" boolean NOT NULL,
    "ParentsMayContribute" boolean NOT NULL,
    "PublicMayContribute" boolean NOT NULL,
    "ExpectedEngagement" character varying(4000) NOT NULL,
    "StaffTime" character varying(4000) NOT NULL,
    "Evaluation" character varying(4000) NOT NULL,
    "Hazards" character varying(4000) NOT NULL,
    "Controls" character varying(4000) NOT NULL,
    "AssessedBy" character varying(200) NOT NULL,
    "AssessedOn" date NOT NULL,
    "NextReviewOn" date NOT NULL,
    "OfficialEmail" character varying(320) NOT NULL,
    "MinimumUserAge" integer NOT NULL,
    "RequestedAt" timestamp with time zone NOT NULL,
    "RequestedBy" character varying(200) NOT NULL,
    "RequestedByUserId" uuid,
    "ClosedReason" character varying(4000),
    CONSTRAINT "PK_OfficialAccounts" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_OfficialAccounts_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT
);
CREATE TABLE "AccountApprovals" (
    "Id" uuid NOT NULL,
    "OrganisationId" uuid NOT NULL,
    "OfficialAccountId" uuid NOT NULL,
    "Step" character varying(30) NOT NULL,
    "Decision" character varying(20) NOT NULL,
    "Reason" character varying(2000),
    "DecidedByStaffMemberId" uuid NOT NULL,
    "DecidedBy" character varying(200) NOT NULL,
    "DecidedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_AccountApprovals" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_AccountApprovals_OfficialAccounts_OfficialAccountId" FOREIGN KEY ("OfficialAccountId") REFERENCES "OfficialAccounts" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AccountApprovals_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_AccountApprovals_StaffMembers_DecidedByStaffMemberId" FOREIGN KEY ("DecidedByStaffMemberId") REFERENCES "StaffMembers" ("Id") ON DELETE RESTRICT
);
CREATE TABLE "AccountAdmins" (
    "Id" uuid NOT NULL,
    "OrganisationId" uuid NOT NULL,
    "OfficialAccountId" uuid NOT NULL,
    "StaffMemberId" uuid NOT NULL,
    "AddedOn" date NOT NULL,
    "AddedBy" character varying(200) NOT NULL,
    "AddedByUserId" uuid,
    CONSTRAINT "PK_AccountAdmins" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_AccountAdmins_OfficialAccounts_OfficialAccountId" FOREIGN KEY ("OfficialAccountId") REFERENCES "OfficialAccounts" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AccountAdmins_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_AccountAdmins_StaffMembers_StaffMemberId" FOREIGN KEY ("StaffMemberId") REFERENCES "StaffMembers" ("Id") ON DELETE CASCADE
);
CREATE TABLE "TrainingRecords" (
    "Id" uuid NOT NULL,
    "OrganisationId" uuid NOT NULL,
    "StaffMemberId" uuid NOT NULL,
    "Type" character varying(200) NOT NULL,
    "CompletedOn" date NOT NULL,
    "ExpiresOn" date,
    CONSTRAINT "PK_TrainingRecords" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_TrainingRecords_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_TrainingRecords_StaffMembers_StaffMemberId" FOREIGN KEY ("StaffMemberId") REFERENCES "StaffMembers" ("Id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "IX_AccountAdmins_OfficialAccountId_StaffMemberId" ON "AccountAdmins" ("OfficialAccountId", "StaffMemberId");
CREATE INDEX "IX_AccountAdmins_OrganisationId" ON "AccountAdmins" ("OrganisationId");
CREATE INDEX "IX_AccountAdmins_StaffMemberId" ON "AccountAdmins" ("StaffMemberId");
CREATE INDEX "IX_AccountApprovals_DecidedByStaffMemberId" ON "AccountApprovals" ("DecidedByStaffMemberId");
CREATE UNIQUE INDEX "IX_AccountApprovals_OfficialAccountId_Step" ON "AccountApprovals" ("OfficialAccountId", "Step");
CREATE INDEX "IX_AccountApprovals_OrganisationId" ON "AccountApprovals" ("OrganisationId");
CREATE INDEX "IX_OfficialAccounts_OrganisationId_Status" ON "OfficialAccounts" ("OrganisationId", "Status");
CREATE INDEX "IX_TrainingRecords_OrganisationId" ON "TrainingRecords" ("OrganisationId");
CREATE INDEX "IX_TrainingRecords_StaffMemberId_Type" ON "TrainingRecords" ("StaffMemberId", "Type");
