-- 0018: the age from which a pupil may decide their own photo consent (a policy setting), and the role of whoever judged them competent.
ALTER TABLE "PolicySettings" ADD COLUMN "ConsentCompetenceAge" integer;
ALTER TABLE "ConsentRecords" ADD COLUMN "CompetenceAssessorRole" character varying(50);

-- A campaign's closing date and the school's contact details, shown in its emails and paper forms.
ALTER TABLE "ConsentCampaigns" ADD COLUMN "ClosesOn" date;
ALTER TABLE "ConsentCampaigns" ADD COLUMN "ContactDetails" character varying(500);

-- The personal link in each campaign email: the token's hash only, the children it opens, and whether staff stopped it.
CREATE TABLE "CampaignLinks" (
    "Id" uuid NOT NULL,
    "OrganisationId" uuid NOT NULL,
    "CampaignId" uuid NOT NULL,
    "Email" character varying(320) NOT NULL,
    "PupilIds" uuid[] NOT NULL,
    "TokenHash" character varying(64) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "RevokedAt" timestamp with time zone,
    "RevokedBy" character varying(200),
    CONSTRAINT "PK_CampaignLinks" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_CampaignLinks_ConsentCampaigns_CampaignId" FOREIGN KEY ("CampaignId") REFERENCES "ConsentCampaigns" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_CampaignLinks_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "IX_CampaignLinks_TokenHash" ON "CampaignLinks" ("TokenHash");
CREATE INDEX "IX_CampaignLinks_CampaignId_Email" ON "CampaignLinks" ("CampaignId", "Email");
CREATE INDEX "IX_CampaignLinks_OrganisationId" ON "CampaignLinks" ("OrganisationId");
