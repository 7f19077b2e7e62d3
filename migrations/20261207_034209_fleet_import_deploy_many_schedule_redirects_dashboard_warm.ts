import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_redirects_status" AS ENUM('301', '302');
  CREATE TYPE "public"."enum_redirects_origin" AS ENUM('editor', 'slug-change', 'page-deleted');
  CREATE TYPE "public"."enum_site_imports_status" AS ENUM('queued', 'running', 'done', 'failed');
  CREATE TYPE "public"."enum_fleet_deployments_kind" AS ENUM('selected', 'changed', 'template', 'footprint');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'dripPublish' BEFORE 'aiGenerateBatch';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'importSites';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'schedulePublish';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'dripPublish' BEFORE 'aiGenerateBatch';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'importSites';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'schedulePublish';
  CREATE TABLE "sites_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "redirects" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"site_id" integer,
  	"from" varchar NOT NULL,
  	"to_page_id" integer,
  	"to_path" varchar,
  	"status" "enum_redirects_status" DEFAULT '301',
  	"origin" "enum_redirects_origin" DEFAULT 'editor',
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"deleted_at" timestamp(3) with time zone
  );
  
  CREATE TABLE "site_imports" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"label" varchar,
  	"status" "enum_site_imports_status" DEFAULT 'queued' NOT NULL,
  	"requested_by_id" integer,
  	"file_name" varchar,
  	"file_hash" varchar,
  	"counts_rows" numeric DEFAULT 0,
  	"counts_invalid" numeric DEFAULT 0,
  	"counts_to_create" numeric DEFAULT 0,
  	"counts_done" numeric DEFAULT 0,
  	"counts_created" numeric DEFAULT 0,
  	"counts_skipped" numeric DEFAULT 0,
  	"counts_failed" numeric DEFAULT 0,
  	"problems" jsonb,
  	"rows" jsonb,
  	"error" varchar,
  	"started_at" timestamp(3) with time zone,
  	"finished_at" timestamp(3) with time zone,
  	"duration_ms" numeric,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "fleet_deployments_items" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"site_id" integer,
  	"deployment_id" integer,
  	"attempts" numeric DEFAULT 1
  );
  
  CREATE TABLE "fleet_deployments" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"label" varchar,
  	"kind" "enum_fleet_deployments_kind" NOT NULL,
  	"template_id" integer,
  	"footprint_id" integer,
  	"requested_by_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "sites" ADD COLUMN "keywords" varchar;
  ALTER TABLE "sites" ADD COLUMN "drip_enabled" boolean DEFAULT false;
  ALTER TABLE "sites" ADD COLUMN "drip_every_days" numeric DEFAULT 7;
  ALTER TABLE "sites" ADD COLUMN "drip_time" varchar DEFAULT '09:00';
  ALTER TABLE "sites" ADD COLUMN "drip_next_at" timestamp(3) with time zone;
  ALTER TABLE "pages" ADD COLUMN "redirect_on_delete_id" integer;
  ALTER TABLE "pages" ADD COLUMN "drip_queued" boolean DEFAULT false;
  ALTER TABLE "_pages_v" ADD COLUMN "version_redirect_on_delete_id" integer;
  ALTER TABLE "_pages_v" ADD COLUMN "version_drip_queued" boolean DEFAULT false;
  ALTER TABLE "deployments" ADD COLUMN "warm_build" boolean;
  ALTER TABLE "deployments" ADD COLUMN "metrics_queue_ms" numeric;
  ALTER TABLE "deployments" ADD COLUMN "metrics_start_ms" numeric;
  ALTER TABLE "deployments" ADD COLUMN "metrics_snapshot_ms" numeric;
  ALTER TABLE "deployments" ADD COLUMN "metrics_render_ms" numeric;
  ALTER TABLE "deployments" ADD COLUMN "metrics_images_ms" numeric;
  ALTER TABLE "deployments" ADD COLUMN "metrics_hash_ms" numeric;
  ALTER TABLE "deployments" ADD COLUMN "metrics_plan_ms" numeric;
  ALTER TABLE "deployments" ADD COLUMN "metrics_pages_read" numeric;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "redirects_id" integer;
  ALTER TABLE "sites_texts" ADD CONSTRAINT "sites_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "redirects" ADD CONSTRAINT "redirects_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "redirects" ADD CONSTRAINT "redirects_to_page_id_pages_id_fk" FOREIGN KEY ("to_page_id") REFERENCES "public"."pages"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "site_imports" ADD CONSTRAINT "site_imports_requested_by_id_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "fleet_deployments_items" ADD CONSTRAINT "fleet_deployments_items_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "fleet_deployments_items" ADD CONSTRAINT "fleet_deployments_items_deployment_id_deployments_id_fk" FOREIGN KEY ("deployment_id") REFERENCES "public"."deployments"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "fleet_deployments_items" ADD CONSTRAINT "fleet_deployments_items_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."fleet_deployments"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "fleet_deployments" ADD CONSTRAINT "fleet_deployments_template_id_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."templates"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "fleet_deployments" ADD CONSTRAINT "fleet_deployments_footprint_id_template_footprints_id_fk" FOREIGN KEY ("footprint_id") REFERENCES "public"."template_footprints"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "fleet_deployments" ADD CONSTRAINT "fleet_deployments_requested_by_id_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "sites_texts_order_parent" ON "sites_texts" USING btree ("order","parent_id");
  CREATE INDEX "redirects_site_idx" ON "redirects" USING btree ("site_id");
  CREATE INDEX "redirects_from_idx" ON "redirects" USING btree ("from");
  CREATE INDEX "redirects_to_page_idx" ON "redirects" USING btree ("to_page_id");
  CREATE INDEX "redirects_updated_at_idx" ON "redirects" USING btree ("updated_at");
  CREATE INDEX "redirects_created_at_idx" ON "redirects" USING btree ("created_at");
  CREATE INDEX "redirects_deleted_at_idx" ON "redirects" USING btree ("deleted_at");
  CREATE INDEX "site_imports_status_idx" ON "site_imports" USING btree ("status");
  CREATE INDEX "site_imports_requested_by_idx" ON "site_imports" USING btree ("requested_by_id");
  CREATE INDEX "site_imports_file_hash_idx" ON "site_imports" USING btree ("file_hash");
  CREATE INDEX "site_imports_updated_at_idx" ON "site_imports" USING btree ("updated_at");
  CREATE INDEX "site_imports_created_at_idx" ON "site_imports" USING btree ("created_at");
  CREATE INDEX "fleet_deployments_items_order_idx" ON "fleet_deployments_items" USING btree ("_order");
  CREATE INDEX "fleet_deployments_items_parent_id_idx" ON "fleet_deployments_items" USING btree ("_parent_id");
  CREATE INDEX "fleet_deployments_items_site_idx" ON "fleet_deployments_items" USING btree ("site_id");
  CREATE INDEX "fleet_deployments_items_deployment_idx" ON "fleet_deployments_items" USING btree ("deployment_id");
  CREATE INDEX "fleet_deployments_template_idx" ON "fleet_deployments" USING btree ("template_id");
  CREATE INDEX "fleet_deployments_footprint_idx" ON "fleet_deployments" USING btree ("footprint_id");
  CREATE INDEX "fleet_deployments_requested_by_idx" ON "fleet_deployments" USING btree ("requested_by_id");
  CREATE INDEX "fleet_deployments_updated_at_idx" ON "fleet_deployments" USING btree ("updated_at");
  CREATE INDEX "fleet_deployments_created_at_idx" ON "fleet_deployments" USING btree ("created_at");
  ALTER TABLE "pages" ADD CONSTRAINT "pages_redirect_on_delete_id_pages_id_fk" FOREIGN KEY ("redirect_on_delete_id") REFERENCES "public"."pages"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_pages_v" ADD CONSTRAINT "_pages_v_version_redirect_on_delete_id_pages_id_fk" FOREIGN KEY ("version_redirect_on_delete_id") REFERENCES "public"."pages"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_redirects_fk" FOREIGN KEY ("redirects_id") REFERENCES "public"."redirects"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "pages_redirect_on_delete_idx" ON "pages" USING btree ("redirect_on_delete_id");
  CREATE INDEX "pages_drip_queued_idx" ON "pages" USING btree ("drip_queued");
  CREATE INDEX "_pages_v_version_version_redirect_on_delete_idx" ON "_pages_v" USING btree ("version_redirect_on_delete_id");
  CREATE INDEX "_pages_v_version_version_drip_queued_idx" ON "_pages_v" USING btree ("version_drip_queued");
  CREATE INDEX "payload_locked_documents_rels_redirects_id_idx" ON "payload_locked_documents_rels" USING btree ("redirects_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "sites_texts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "redirects" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "site_imports" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "fleet_deployments_items" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "fleet_deployments" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "sites_texts" CASCADE;
  DROP TABLE "redirects" CASCADE;
  DROP TABLE "site_imports" CASCADE;
  DROP TABLE "fleet_deployments_items" CASCADE;
  DROP TABLE "fleet_deployments" CASCADE;
  ALTER TABLE "pages" DROP CONSTRAINT "pages_redirect_on_delete_id_pages_id_fk";
  
  ALTER TABLE "_pages_v" DROP CONSTRAINT "_pages_v_version_redirect_on_delete_id_pages_id_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_redirects_fk";
  
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'deploySite', 'aiGenerateBatch', 'analyticsRollup', 'cloneSite');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'deploySite', 'aiGenerateBatch', 'analyticsRollup', 'cloneSite');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "pages_redirect_on_delete_idx";
  DROP INDEX "pages_drip_queued_idx";
  DROP INDEX "_pages_v_version_version_redirect_on_delete_idx";
  DROP INDEX "_pages_v_version_version_drip_queued_idx";
  DROP INDEX "payload_locked_documents_rels_redirects_id_idx";
  ALTER TABLE "sites" DROP COLUMN "keywords";
  ALTER TABLE "sites" DROP COLUMN "drip_enabled";
  ALTER TABLE "sites" DROP COLUMN "drip_every_days";
  ALTER TABLE "sites" DROP COLUMN "drip_time";
  ALTER TABLE "sites" DROP COLUMN "drip_next_at";
  ALTER TABLE "pages" DROP COLUMN "redirect_on_delete_id";
  ALTER TABLE "pages" DROP COLUMN "drip_queued";
  ALTER TABLE "_pages_v" DROP COLUMN "version_redirect_on_delete_id";
  ALTER TABLE "_pages_v" DROP COLUMN "version_drip_queued";
  ALTER TABLE "deployments" DROP COLUMN "warm_build";
  ALTER TABLE "deployments" DROP COLUMN "metrics_queue_ms";
  ALTER TABLE "deployments" DROP COLUMN "metrics_start_ms";
  ALTER TABLE "deployments" DROP COLUMN "metrics_snapshot_ms";
  ALTER TABLE "deployments" DROP COLUMN "metrics_render_ms";
  ALTER TABLE "deployments" DROP COLUMN "metrics_images_ms";
  ALTER TABLE "deployments" DROP COLUMN "metrics_hash_ms";
  ALTER TABLE "deployments" DROP COLUMN "metrics_plan_ms";
  ALTER TABLE "deployments" DROP COLUMN "metrics_pages_read";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "redirects_id";
  DROP TYPE "public"."enum_redirects_status";
  DROP TYPE "public"."enum_redirects_origin";
  DROP TYPE "public"."enum_site_imports_status";
  DROP TYPE "public"."enum_fleet_deployments_kind";`)
}
