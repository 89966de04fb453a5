-- 0007: takedown tasks, opened when given photo consent is withdrawn, lapses or the pupil leaves.
CREATE TABLE "TakedownTasks" (
    "Id" uuid NOT NULL,
    "OrganisationId" uuid NOT NULL,
    "PupilId" uuid NOT NULL,
    "Purpose" character varying(60) NOT NULL,
    "PurposeName" character varying(200) NOT NULL,
    "Reason" character varying(20) NOT NULL,
    "ConsentEndedOn" date NOT NULL,
    "EndedConsentRecordId" uuid NOT NULL,
    "WhatToTakeDown" character varying(500) NOT NULL,
    "PostId" uuid,
    "OwnerStaffMemberId" uuid,
    "OpenedAt" timestamp with time zone NOT NULL,
    "DueOn" date NOT NULL,
    "Status" character varying(20) NOT NULL,
    "ClosedAt" timestamp with time zone,
    "ClosedBy" character varying(200),
    "ClosedByUserId" uuid,
    "ClosedNote" character varying(2000),
    "LastRemindedAt" timestamp with time zone,
    CONSTRAINT "PK_TakedownTasks" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_TakedownTasks_ConsentRecords_EndedConsentRecordId" FOREIGN KEY ("EndedConsentRecordId") REFERENCES "ConsentRecords" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_TakedownTasks_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_TakedownTasks_Pupils_PupilId" FOREIGN KEY ("PupilId") REFERENCES "Pupils" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_TakedownTasks_StaffMembers_OwnerStaffMemberId" FOREIGN KEY ("OwnerStaffMemberId") REFERENCES "StaffMembers" ("Id") ON DELETE SET NULL
);
CREATE UNIQUE INDEX "IX_TakedownTasks_EndedConsentRecordId" ON "TakedownTasks" ("EndedConsentRecordId") WHERE "PostId" IS NULL;
CREATE INDEX "IX_TakedownTasks_OrganisationId_Status_DueOn" ON "TakedownTasks" ("OrganisationId", "Status", "DueOn");
CREATE INDEX "IX_TakedownTasks_OwnerStaffMemberId" ON "TakedownTasks" ("OwnerStaffMemberId");
CREATE INDEX "IX_TakedownTasks_PupilId" ON "TakedownTasks" ("PupilId");
