import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_ai_generations_status" ADD VALUE 'cancelled';
  CREATE TABLE "ai_budgets" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"key" varchar NOT NULL,
  	"site_id" integer NOT NULL,
  	"month" varchar NOT NULL,
  	"used" numeric DEFAULT 0 NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "ai_budget_reservations" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"budget_key" varchar NOT NULL,
  	"site_id" integer NOT NULL,
  	"tokens" numeric NOT NULL,
  	"expires_at" timestamp(3) with time zone NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "deployments" ALTER COLUMN "site_id" DROP NOT NULL;
  ALTER TABLE "ai_generations" ALTER COLUMN "site_id" DROP NOT NULL;
  ALTER TABLE "ai_batches" ALTER COLUMN "site_id" DROP NOT NULL;
  ALTER TABLE "sites" ADD COLUMN "home_page_id" integer;
  ALTER TABLE "sites" ADD COLUMN "last_deploy_warnings" numeric;
  ALTER TABLE "sites" ADD COLUMN "last_deploy_warning_text" varchar;
  ALTER TABLE "sites" ADD COLUMN "deleted_at" timestamp(3) with time zone;
  ALTER TABLE "pages" ADD COLUMN "deleted_at" timestamp(3) with time zone;
  ALTER TABLE "_pages_v" ADD COLUMN "version_deleted_at" timestamp(3) with time zone;
  ALTER TABLE "media" ADD COLUMN "prefix" varchar DEFAULT 'media';
  ALTER TABLE "media" ADD COLUMN "_objectkey" varchar;
  ALTER TABLE "media" ADD COLUMN "deleted_at" timestamp(3) with time zone;
  ALTER TABLE "affiliate_links" ADD COLUMN "deleted_at" timestamp(3) with time zone;
  ALTER TABLE "swiper_presets" ADD COLUMN "deleted_at" timestamp(3) with time zone;
  ALTER TABLE "templates" ADD COLUMN "deleted_at" timestamp(3) with time zone;
  ALTER TABLE "template_assets" ADD COLUMN "prefix" varchar DEFAULT 'template-assets';
  ALTER TABLE "template_assets" ADD COLUMN "_objectkey" varchar;
  ALTER TABLE "prompts" ADD COLUMN "deleted_at" timestamp(3) with time zone;
  ALTER TABLE "deployments" ADD COLUMN "warning_count" numeric;
  ALTER TABLE "deployments" ADD COLUMN "warnings" varchar;
  ALTER TABLE "deployments" ADD COLUMN "cloudflare_account_id" varchar;
  ALTER TABLE "deployments" ADD COLUMN "cloudflare_project" varchar;
  ALTER TABLE "deployments" ADD COLUMN "metrics_gate_ms" numeric;
  ALTER TABLE "ai_budgets" ADD CONSTRAINT "ai_budgets_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "ai_budget_reservations" ADD CONSTRAINT "ai_budget_reservations_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE set null ON UPDATE no action;
  CREATE UNIQUE INDEX "ai_budgets_key_idx" ON "ai_budgets" USING btree ("key");
  CREATE INDEX "ai_budgets_site_idx" ON "ai_budgets" USING btree ("site_id");
  CREATE INDEX "ai_budgets_updated_at_idx" ON "ai_budgets" USING btree ("updated_at");
  CREATE INDEX "ai_budgets_created_at_idx" ON "ai_budgets" USING btree ("created_at");
  CREATE INDEX "ai_budget_reservations_budget_key_idx" ON "ai_budget_reservations" USING btree ("budget_key");
  CREATE INDEX "ai_budget_reservations_site_idx" ON "ai_budget_reservations" USING btree ("site_id");
  CREATE INDEX "ai_budget_reservations_expires_at_idx" ON "ai_budget_reservations" USING btree ("expires_at");
  CREATE INDEX "ai_budget_reservations_updated_at_idx" ON "ai_budget_reservations" USING btree ("updated_at");
  CREATE INDEX "ai_budget_reservations_created_at_idx" ON "ai_budget_reservations" USING btree ("created_at");
  ALTER TABLE "sites" ADD CONSTRAINT "sites_home_page_id_pages_id_fk" FOREIGN KEY ("home_page_id") REFERENCES "public"."pages"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "sites_home_page_idx" ON "sites" USING btree ("home_page_id");
  CREATE INDEX "sites_deleted_at_idx" ON "sites" USING btree ("deleted_at");
  CREATE INDEX "pages_deleted_at_idx" ON "pages" USING btree ("deleted_at");
  CREATE INDEX "_pages_v_version_version_deleted_at_idx" ON "_pages_v" USING btree ("version_deleted_at");
  CREATE INDEX "media_deleted_at_idx" ON "media" USING btree ("deleted_at");
  CREATE INDEX "affiliate_links_deleted_at_idx" ON "affiliate_links" USING btree ("deleted_at");
  CREATE INDEX "swiper_presets_deleted_at_idx" ON "swiper_presets" USING btree ("deleted_at");
  CREATE INDEX "templates_deleted_at_idx" ON "templates" USING btree ("deleted_at");
  CREATE INDEX "prompts_deleted_at_idx" ON "prompts" USING btree ("deleted_at");
  ALTER TABLE "templates_sections" DROP COLUMN "required";
  ALTER TABLE "templates_sections" DROP COLUMN "customizable";
  ALTER TABLE "templates_variables" DROP COLUMN "type";
  ALTER TABLE "templates_assets" DROP COLUMN "type";
  ALTER TABLE "templates" DROP COLUMN "css_framework";
  ALTER TABLE "template_footprints" DROP COLUMN "cms";
  ALTER TABLE "template_footprints" DROP COLUMN "assets_path";
  ALTER TABLE "template_footprints" DROP COLUMN "generate_php_files";
  DROP TYPE "public"."enum_templates_variables_type";
  DROP TYPE "public"."enum_templates_assets_type";
  DROP TYPE "public"."enum_templates_css_framework";
  DROP TYPE "public"."enum_template_footprints_cms";`)
  // every site gets the home page it had implicitly: its page with the slug "index", else its first page
  await db.execute(sql`
   UPDATE "sites" SET "home_page_id" = COALESCE(
     (SELECT "id" FROM "pages" WHERE "pages"."site_id" = "sites"."id" AND "pages"."slug" = 'index' ORDER BY "id" LIMIT 1),
     (SELECT "id" FROM "pages" WHERE "pages"."site_id" = "sites"."id" ORDER BY "id" LIMIT 1)
   ) WHERE "home_page_id" IS NULL;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_templates_variables_type" AS ENUM('meta', 'brand', 'content', 'style', 'script');
  CREATE TYPE "public"."enum_templates_assets_type" AS ENUM('logo', 'favicon', 'image', 'font', 'icon');
  CREATE TYPE "public"."enum_templates_css_framework" AS ENUM('custom', 'tailwind', 'bootstrap', 'none');
  CREATE TYPE "public"."enum_template_footprints_cms" AS ENUM('wordpress', 'joomla', 'drupal', 'custom', 'none');
  ALTER TABLE "ai_budgets" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "ai_budget_reservations" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "ai_budgets" CASCADE;
  DROP TABLE "ai_budget_reservations" CASCADE;
  ALTER TABLE "sites" DROP CONSTRAINT "sites_home_page_id_pages_id_fk";
  
  ALTER TABLE "ai_generations" ALTER COLUMN "status" SET DATA TYPE text;
  DROP TYPE "public"."enum_ai_generations_status";
  CREATE TYPE "public"."enum_ai_generations_status" AS ENUM('success', 'failed', 'refused');
  ALTER TABLE "ai_generations" ALTER COLUMN "status" SET DATA TYPE "public"."enum_ai_generations_status" USING "status"::"public"."enum_ai_generations_status";
  DROP INDEX "sites_home_page_idx";
  DROP INDEX "sites_deleted_at_idx";
  DROP INDEX "pages_deleted_at_idx";
  DROP INDEX "_pages_v_version_version_deleted_at_idx";
  DROP INDEX "media_deleted_at_idx";
  DROP INDEX "affiliate_links_deleted_at_idx";
  DROP INDEX "swiper_presets_deleted_at_idx";
  DROP INDEX "templates_deleted_at_idx";
  DROP INDEX "prompts_deleted_at_idx";
  ALTER TABLE "deployments" ALTER COLUMN "site_id" SET NOT NULL;
  ALTER TABLE "ai_generations" ALTER COLUMN "site_id" SET NOT NULL;
  ALTER TABLE "ai_batches" ALTER COLUMN "site_id" SET NOT NULL;
  ALTER TABLE "templates_sections" ADD COLUMN "required" boolean DEFAULT false;
  ALTER TABLE "templates_sections" ADD COLUMN "customizable" boolean DEFAULT true;
  ALTER TABLE "templates_variables" ADD COLUMN "type" "enum_templates_variables_type" DEFAULT 'content' NOT NULL;
  ALTER TABLE "templates_assets" ADD COLUMN "type" "enum_templates_assets_type" NOT NULL;
  ALTER TABLE "templates" ADD COLUMN "css_framework" "enum_templates_css_framework" DEFAULT 'custom';
  ALTER TABLE "template_footprints" ADD COLUMN "cms" "enum_template_footprints_cms" DEFAULT 'none' NOT NULL;
  ALTER TABLE "template_footprints" ADD COLUMN "assets_path" varchar;
  ALTER TABLE "template_footprints" ADD COLUMN "generate_php_files" boolean DEFAULT false;
  ALTER TABLE "sites" DROP COLUMN "home_page_id";
  ALTER TABLE "sites" DROP COLUMN "last_deploy_warnings";
  ALTER TABLE "sites" DROP COLUMN "last_deploy_warning_text";
  ALTER TABLE "sites" DROP COLUMN "deleted_at";
  ALTER TABLE "pages" DROP COLUMN "deleted_at";
  ALTER TABLE "_pages_v" DROP COLUMN "version_deleted_at";
  ALTER TABLE "media" DROP COLUMN "prefix";
  ALTER TABLE "media" DROP COLUMN "_objectkey";
  ALTER TABLE "media" DROP COLUMN "deleted_at";
  ALTER TABLE "affiliate_links" DROP COLUMN "deleted_at";
  ALTER TABLE "swiper_presets" DROP COLUMN "deleted_at";
  ALTER TABLE "templates" DROP COLUMN "deleted_at";
  ALTER TABLE "template_assets" DROP COLUMN "prefix";
  ALTER TABLE "template_assets" DROP COLUMN "_objectkey";
  ALTER TABLE "prompts" DROP COLUMN "deleted_at";
  ALTER TABLE "deployments" DROP COLUMN "warning_count";
  ALTER TABLE "deployments" DROP COLUMN "warnings";
  ALTER TABLE "deployments" DROP COLUMN "cloudflare_account_id";
  ALTER TABLE "deployments" DROP COLUMN "cloudflare_project";
  ALTER TABLE "deployments" DROP COLUMN "metrics_gate_ms";`)
}
