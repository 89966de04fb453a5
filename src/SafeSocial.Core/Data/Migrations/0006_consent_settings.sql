-- 0006: consent rules become policy settings: how long consent lasts, takedown days, and each organisation's purposes.
ALTER TABLE "PolicySettings" ADD COLUMN "ConsentValidity" character varying(20);
ALTER TABLE "PolicySettings" ADD COLUMN "TakedownDueDays" integer;
CREATE TABLE "ConsentPurposeSettings" (
    "Id" uuid NOT NULL,
    "OrganisationId" uuid NOT NULL,
    "Key" character varying(60) NOT NULL,
    "Name" character varying(200) NOT NULL,
    "Offered" boolean NOT NULL,
    CONSTRAINT "PK_ConsentPurposeSettings" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ConsentPurposeSettings_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "IX_ConsentPurposeSettings_OrganisationId_Key" ON "ConsentPurposeSettings" ("OrganisationId", "Key");
