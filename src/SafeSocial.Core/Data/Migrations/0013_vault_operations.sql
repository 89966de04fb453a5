-- 0013: a stored credential belongs to a real official account (kept: an account with secrets is closed, not deleted),
-- and pupils with their own sign-in on an account that lets pupils contribute.
ALTER TABLE "AccountCredentials" ADD CONSTRAINT "FK_AccountCredentials_OfficialAccounts_OfficialAccountId"
    FOREIGN KEY ("OfficialAccountId") REFERENCES "OfficialAccounts" ("Id") ON DELETE RESTRICT;

CREATE TABLE "PupilContributors" (
    "Id" uuid NOT NULL,
    "OrganisationId" uuid NOT NULL,
    "OfficialAccountId" uuid NOT NULL,
    "PupilId" uuid NOT NULL,
    "AddedOn" date NOT NULL,
    "AddedBy" character varying(200) NOT NULL,
    "AddedByUserId" uuid,
    CONSTRAINT "PK_PupilContributors" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_PupilContributors_OfficialAccounts_OfficialAccountId" FOREIGN KEY ("OfficialAccountId") REFERENCES "OfficialAccounts" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_PupilContributors_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_PupilContributors_Pupils_PupilId" FOREIGN KEY ("PupilId") REFERENCES "Pupils" ("Id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "IX_PupilContributors_OfficialAccountId_PupilId" ON "PupilContributors" ("OfficialAccountId", "PupilId");
CREATE INDEX "IX_PupilContributors_OrganisationId" ON "PupilContributors" ("OrganisationId");
CREATE INDEX "IX_PupilContributors_PupilId" ON "PupilContributors" ("PupilId");
