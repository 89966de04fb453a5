-- 0008: the parent portal's sign-in link requests, and consent campaigns with their sendings.
CREATE TABLE "ParentSignInRequests" (
    "Id" uuid NOT NULL,
    "EmailHash" character varying(64) NOT NULL,
    "Email" character varying(320),
    "TokenHash" character varying(64),
    "RequestedAt" timestamp with time zone NOT NULL,
    "ExpiresAt" timestamp with time zone,
    "UsedAt" timestamp with time zone,
    CONSTRAINT "PK_ParentSignInRequests" PRIMARY KEY ("Id")
);
CREATE INDEX "IX_ParentSignInRequests_EmailHash_RequestedAt" ON "ParentSignInRequests" ("EmailHash", "RequestedAt");
CREATE UNIQUE INDEX "IX_ParentSignInRequests_TokenHash" ON "ParentSignInRequests" ("TokenHash");

CREATE TABLE "ConsentCampaigns" (
    "Id" uuid NOT NULL,
    "OrganisationId" uuid NOT NULL,
    "Name" character varying(200) NOT NULL,
    "YearGroups" text[] NOT NULL,
    "StartedAt" timestamp with time zone NOT NULL,
    "StartedBy" character varying(200) NOT NULL,
    CONSTRAINT "PK_ConsentCampaigns" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ConsentCampaigns_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_ConsentCampaigns_OrganisationId" ON "ConsentCampaigns" ("OrganisationId");

CREATE TABLE "ConsentCampaignSends" (
    "Id" uuid NOT NULL,
    "OrganisationId" uuid NOT NULL,
    "CampaignId" uuid NOT NULL,
    "Kind" character varying(20) NOT NULL,
    "StartedAt" timestamp with time zone NOT NULL,
    "StartedBy" character varying(200) NOT NULL,
    "FinishedAt" timestamp with time zone,
    "Pupils" integer NOT NULL,
    "PupilsWithoutEmail" integer NOT NULL,
    "EmailsToSend" integer NOT NULL,
    "EmailsSent" integer NOT NULL,
    "EmailsFailed" integer NOT NULL,
    CONSTRAINT "PK_ConsentCampaignSends" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ConsentCampaignSends_ConsentCampaigns_CampaignId" FOREIGN KEY ("CampaignId") REFERENCES "ConsentCampaigns" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ConsentCampaignSends_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_ConsentCampaignSends_CampaignId" ON "ConsentCampaignSends" ("CampaignId");
CREATE INDEX "IX_ConsentCampaignSends_OrganisationId" ON "ConsentCampaignSends" ("OrganisationId");

-- A parent signs in by email address, whatever its case, and may be on record at several schools.
CREATE INDEX "IX_Parents_LowerEmail" ON "Parents" (lower("Email"));
