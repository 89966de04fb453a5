-- 0004: the consent register. Rows are only added; the current state is derived from the latest decision.
CREATE TABLE "BiometricConsentRecords" (
    "Id" uuid NOT NULL,
    "OrganisationId" uuid NOT NULL,
    "PupilId" uuid NOT NULL,
    "Decision" character varying(20) NOT NULL,
    "DecidedByParentId" uuid,
    "DecidedByName" character varying(200) NOT NULL,
    "DecidedByPupil" boolean NOT NULL,
    "InWriting" boolean NOT NULL,
    "DecidedOn" date NOT NULL,
    "Source" character varying(20) NOT NULL,
    "RecordedBy" character varying(200) NOT NULL,
    "RecordedByUserId" uuid,
    "RecordedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_BiometricConsentRecords" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_BiometricConsentRecords_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_BiometricConsentRecords_Pupils_PupilId" FOREIGN KEY ("PupilId") REFERENCES "Pupils" ("Id") ON DELETE CASCADE
);
CREATE TABLE "ConsentRecords" (
    "Id" uuid NOT NULL,
    "OrganisationId" uuid NOT NULL,
    "PupilId" uuid NOT NULL,
    "Purpose" character varying(60) NOT NULL,
    "Decision" character varying(20) NOT NULL,
    "DecidedOn" date NOT NULL,
    "DecidedByParentId" uuid,
    "DecidedByName" character varying(200) NOT NULL,
    "DecidedByPupil" boolean NOT NULL,
    "CompetenceAssessedBy" character varying(200),
    "CompetenceAssessedOn" date,
    "Source" character varying(20) NOT NULL,
    "RecordedBy" character varying(200) NOT NULL,
    "RecordedByUserId" uuid,
    "RecordedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_ConsentRecords" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ConsentRecords_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ConsentRecords_Pupils_PupilId" FOREIGN KEY ("PupilId") REFERENCES "Pupils" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_BiometricConsentRecords_OrganisationId" ON "BiometricConsentRecords" ("OrganisationId");
CREATE INDEX "IX_BiometricConsentRecords_PupilId_RecordedAt" ON "BiometricConsentRecords" ("PupilId", "RecordedAt");
CREATE INDEX "IX_ConsentRecords_OrganisationId" ON "ConsentRecords" ("OrganisationId");
CREATE INDEX "IX_ConsentRecords_PupilId_Purpose_RecordedAt" ON "ConsentRecords" ("PupilId", "Purpose", "RecordedAt");

-- A decision is never changed, only followed by a newer one. Rows may still go with their pupil (erasure at the end of retention).
CREATE FUNCTION consent_records_never_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'Consent decisions are never changed: record a new decision instead';
END $$;

CREATE TRIGGER "ConsentRecords_never_updated" BEFORE UPDATE ON "ConsentRecords"
    FOR EACH ROW EXECUTE FUNCTION consent_records_never_updated();
CREATE TRIGGER "BiometricConsentRecords_never_updated" BEFORE UPDATE ON "BiometricConsentRecords"
    FOR EACH ROW EXECUTE FUNCTION consent_records_never_updated();
