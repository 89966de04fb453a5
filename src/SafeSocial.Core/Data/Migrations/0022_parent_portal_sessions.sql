-- 0022: the parent portal's sign-in cookie names a server-side session too, so signing out ends a copied cookie at once.
-- A session belongs to a staff sign-in account or to a parent's email address (parents have no account), never both.
ALTER TABLE "SignInSessions" ALTER COLUMN "UserId" DROP NOT NULL;
ALTER TABLE "SignInSessions" ADD COLUMN "ParentEmail" character varying(320);
ALTER TABLE "SignInSessions" ADD CONSTRAINT "CK_SignInSessions_StaffOrParent" CHECK (("UserId" IS NULL) <> ("ParentEmail" IS NULL));
