-- 0015: signing out ends the session on the server (a copied cookie stops working at once), and wrong
-- passwords and codes are counted in the database so every server throttles alike, instead of locking accounts.
CREATE TABLE "SignInSessions" (
    "Id" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "StartedAt" timestamp with time zone NOT NULL,
    "EndedAt" timestamp with time zone,
    CONSTRAINT "PK_SignInSessions" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_SignInSessions_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_SignInSessions_UserId" ON "SignInSessions" ("UserId");

CREATE TABLE "SignInAttempts" (
    "Id" uuid NOT NULL,
    "Account" character varying(64) NOT NULL,
    "Network" character varying(64) NOT NULL,
    "At" timestamp with time zone NOT NULL,
    "Succeeded" boolean NOT NULL,
    CONSTRAINT "PK_SignInAttempts" PRIMARY KEY ("Id")
);
CREATE INDEX "IX_SignInAttempts_Account_At" ON "SignInAttempts" ("Account", "At");
CREATE INDEX "IX_SignInAttempts_Network_At" ON "SignInAttempts" ("Network", "At");

