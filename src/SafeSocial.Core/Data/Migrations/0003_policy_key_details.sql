-- 0003: a policy version names its deputy safeguarding leads apart from the DSL, and says what changed.
ALTER TABLE "PolicyVersions" ADD COLUMN "DeputySafeguardingLeads" text NOT NULL DEFAULT '';
ALTER TABLE "PolicyVersions" ADD COLUMN "Notes" text;
