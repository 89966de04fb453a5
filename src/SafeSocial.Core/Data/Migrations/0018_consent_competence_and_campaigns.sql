-- 0018: the age from which a pupil may decide their own photo consent (a policy setting), and the role of whoever judged them competent.
ALTER TABLE "PolicySettings" ADD COLUMN "ConsentCompetenceAge" integer;
ALTER TABLE "ConsentRecords" ADD COLUMN "CompetenceAssessorRole" character varying(50);
