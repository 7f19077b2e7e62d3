import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_redirects_origin" ADD VALUE 'url-change';`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "redirects" ALTER COLUMN "origin" SET DATA TYPE text;
  -- the older schema has no such origin: those rules were recorded by the code, as for a slug change
  UPDATE "redirects" SET "origin" = 'slug-change' WHERE "origin" = 'url-change';
  ALTER TABLE "redirects" ALTER COLUMN "origin" SET DEFAULT 'editor'::text;
  DROP TYPE "public"."enum_redirects_origin";
  CREATE TYPE "public"."enum_redirects_origin" AS ENUM('editor', 'slug-change', 'page-deleted');
  ALTER TABLE "redirects" ALTER COLUMN "origin" SET DEFAULT 'editor'::"public"."enum_redirects_origin";
  ALTER TABLE "redirects" ALTER COLUMN "origin" SET DATA TYPE "public"."enum_redirects_origin" USING "origin"::"public"."enum_redirects_origin";`)
}
