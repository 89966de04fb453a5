-- 0016: a sensitive permission given to a role waits for a second person who can give roles to confirm it.
CREATE TABLE "RolePermissionRequests" (
    "Id" uuid NOT NULL,
    "OrganisationId" uuid NOT NULL,
    "Role" character varying(50) NOT NULL,
    "Permission" character varying(50) NOT NULL,
    "Granted" boolean,
    "Reason" character varying(1000) NOT NULL,
    "RequestedByUserId" uuid,
    "RequestedByName" character varying(200) NOT NULL,
    "RequestedAt" timestamp with time zone NOT NULL,
    "State" character varying(20) NOT NULL,
    "DecidedByUserId" uuid,
    "DecidedByName" character varying(200),
    "DecidedAt" timestamp with time zone,
    CONSTRAINT "PK_RolePermissionRequests" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_RolePermissionRequests_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_RolePermissionRequests_OrganisationId_State" ON "RolePermissionRequests" ("OrganisationId", "State");
