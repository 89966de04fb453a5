-- 0005: the per-school "sign out after inactivity" setting is removed. Sessions end after 30 minutes
-- without use for everyone; a per-school value was offered but never enforced, so it misled.
ALTER TABLE "PolicySettings" DROP COLUMN "SessionTimeoutMinutes";
