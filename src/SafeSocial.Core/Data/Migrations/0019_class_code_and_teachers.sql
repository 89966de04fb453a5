-- 0019: a class keeps its MIS code and its teachers' names from the roster, so classes that share a name
-- ("Maths" four times in a secondary school) can be told apart in lists and filters.
ALTER TABLE "SchoolClasses" ADD COLUMN "Code" text;
ALTER TABLE "SchoolClasses" ADD COLUMN "Teachers" text;
