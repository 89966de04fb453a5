-- 0020: who teaches which class, for a teacher's "My class" and the consent gaps on their home page.
CREATE TABLE "ClassTeachers" (
    "Id" uuid NOT NULL,
    "OrganisationId" uuid NOT NULL,
    "SchoolClassId" uuid NOT NULL,
    "StaffMemberId" uuid NOT NULL,
    CONSTRAINT "PK_ClassTeachers" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ClassTeachers_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ClassTeachers_SchoolClasses_SchoolClassId" FOREIGN KEY ("SchoolClassId") REFERENCES "SchoolClasses" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ClassTeachers_StaffMembers_StaffMemberId" FOREIGN KEY ("StaffMemberId") REFERENCES "StaffMembers" ("Id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "IX_ClassTeachers_SchoolClassId_StaffMemberId" ON "ClassTeachers" ("SchoolClassId", "StaffMemberId");
CREATE INDEX "IX_ClassTeachers_StaffMemberId" ON "ClassTeachers" ("StaffMemberId");
CREATE INDEX "IX_ClassTeachers_OrganisationId" ON "ClassTeachers" ("OrganisationId");
