import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_sites_last_deploy_status" AS ENUM('queued', 'building', 'uploading', 'success', 'failed', 'cancelled');
  CREATE TYPE "public"."enum_ai_generations_target" AS ENUM('hero', 'article', 'textImage', 'cta', 'faq', 'swiper', 'gallery', 'metaTitle', 'metaDescription', 'image');
  CREATE TYPE "public"."enum_ai_generations_source" AS ENUM('button', 'bulk', 'seo');
  CREATE TYPE "public"."enum_ai_generations_provider" AS ENUM('openai', 'anthropic');
  CREATE TYPE "public"."enum_ai_generations_status" AS ENUM('success', 'failed', 'refused');
  CREATE TYPE "public"."enum_ai_batches_scope" AS ENUM('page', 'site');
  CREATE TYPE "public"."enum_ai_batches_status" AS ENUM('queued', 'running', 'done', 'failed');
  CREATE TYPE "public"."enum_page_views_type" AS ENUM('pageview', 'click', 'conversion');
  CREATE TYPE "public"."enum_page_views_source" AS ENUM('direct', 'organic', 'referral', 'social', 'paid', 'email');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'aiGenerateBatch';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'analyticsRollup';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'aiGenerateBatch';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'analyticsRollup';
  CREATE TABLE "ai_generations" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"summary" varchar,
  	"site_id" integer NOT NULL,
  	"page_id" integer,
  	"user_id" integer,
  	"target" "enum_ai_generations_target",
  	"block_index" numeric,
  	"block_id" varchar,
  	"source" "enum_ai_generations_source",
  	"prompt_id" integer,
  	"prompt_version" numeric,
  	"provider" "enum_ai_generations_provider",
  	"model" varchar,
  	"input_tokens" numeric DEFAULT 0,
  	"output_tokens" numeric DEFAULT 0,
  	"total_tokens" numeric DEFAULT 0,
  	"cost_estimate" numeric,
  	"duration_ms" numeric,
  	"status" "enum_ai_generations_status" NOT NULL,
  	"error_code" varchar,
  	"error" varchar,
  	"prompt_text" varchar,
  	"output" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "ai_batches" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"label" varchar,
  	"site_id" integer NOT NULL,
  	"page_id" integer,
  	"requested_by_id" integer,
  	"scope" "enum_ai_batches_scope" NOT NULL,
  	"force" boolean DEFAULT false,
  	"status" "enum_ai_batches_status" DEFAULT 'queued' NOT NULL,
  	"progress_total" numeric DEFAULT 0,
  	"progress_done" numeric DEFAULT 0,
  	"progress_generated" numeric DEFAULT 0,
  	"progress_skipped" numeric DEFAULT 0,
  	"progress_failed" numeric DEFAULT 0,
  	"progress_tokens" numeric DEFAULT 0,
  	"results" jsonb,
  	"error" varchar,
  	"started_at" timestamp(3) with time zone,
  	"finished_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "page_views" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"site_id" integer NOT NULL,
  	"occurred_at" timestamp(3) with time zone NOT NULL,
  	"type" "enum_page_views_type" DEFAULT 'pageview' NOT NULL,
  	"pathname" varchar NOT NULL,
  	"hostname" varchar NOT NULL,
  	"referrer" varchar,
  	"referrer_host" varchar,
  	"source" "enum_page_views_source" DEFAULT 'direct' NOT NULL,
  	"utm_source" varchar,
  	"utm_medium" varchar,
  	"utm_campaign" varchar,
  	"visitor_id" varchar NOT NULL,
  	"target" varchar,
  	"affiliate_link_id" integer,
  	"revenue" numeric
  );
  
  CREATE TABLE "analytics" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"site_id" integer NOT NULL,
  	"date" varchar NOT NULL,
  	"visitors" numeric DEFAULT 0,
  	"page_views" numeric DEFAULT 0,
  	"sessions" numeric DEFAULT 0,
  	"bounces" numeric DEFAULT 0,
  	"bounce_rate" numeric DEFAULT 0,
  	"pages_per_session" numeric DEFAULT 0,
  	"clicks" numeric DEFAULT 0,
  	"conversions" numeric DEFAULT 0,
  	"revenue" numeric DEFAULT 0,
  	"sources" jsonb,
  	"top_pages" jsonb,
  	"top_referrers" jsonb,
  	"is_final" boolean DEFAULT false,
  	"computed_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "analytics_salts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"day" varchar NOT NULL,
  	"salt" varchar NOT NULL
  );
  
  CREATE TABLE "payload_jobs_stats" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"stats" jsonb,
  	"updated_at" timestamp(3) with time zone,
  	"created_at" timestamp(3) with time zone
  );
  
  ALTER TABLE "sites" ADD COLUMN "last_deploy_status" "enum_sites_last_deploy_status";
  ALTER TABLE "sites" ADD COLUMN "live_url" varchar;
  ALTER TABLE "sites" ADD COLUMN "last_deploy_at" timestamp(3) with time zone;
  ALTER TABLE "sites" ADD COLUMN "last_deployment_id" numeric;
  ALTER TABLE "deployments" ADD COLUMN "redeploy_of_id" integer;
  ALTER TABLE "deployments" ADD COLUMN "target_deployment_id" varchar;
  ALTER TABLE "deployments" ADD COLUMN "cancel_requested_at" timestamp(3) with time zone;
  ALTER TABLE "deployments" ADD COLUMN "heartbeat_at" timestamp(3) with time zone;
  ALTER TABLE "deployments" ADD COLUMN "attempts" numeric DEFAULT 0;
  ALTER TABLE "deployments" ADD COLUMN "build_cache" jsonb;
  ALTER TABLE "deployments" ADD COLUMN "headers_file" varchar;
  ALTER TABLE "deployments" ADD COLUMN "redirects_file" varchar;
  ALTER TABLE "payload_jobs" ADD COLUMN "meta" jsonb;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "ai_generations_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "ai_batches_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "page_views_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "analytics_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "analytics_salts_id" integer;
  ALTER TABLE "ai_generations" ADD CONSTRAINT "ai_generations_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "ai_generations" ADD CONSTRAINT "ai_generations_page_id_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "public"."pages"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "ai_generations" ADD CONSTRAINT "ai_generations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "ai_generations" ADD CONSTRAINT "ai_generations_prompt_id_prompts_id_fk" FOREIGN KEY ("prompt_id") REFERENCES "public"."prompts"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "ai_batches" ADD CONSTRAINT "ai_batches_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "ai_batches" ADD CONSTRAINT "ai_batches_page_id_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "public"."pages"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "ai_batches" ADD CONSTRAINT "ai_batches_requested_by_id_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "page_views" ADD CONSTRAINT "page_views_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "page_views" ADD CONSTRAINT "page_views_affiliate_link_id_affiliate_links_id_fk" FOREIGN KEY ("affiliate_link_id") REFERENCES "public"."affiliate_links"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "analytics" ADD CONSTRAINT "analytics_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "ai_generations_site_idx" ON "ai_generations" USING btree ("site_id");
  CREATE INDEX "ai_generations_page_idx" ON "ai_generations" USING btree ("page_id");
  CREATE INDEX "ai_generations_user_idx" ON "ai_generations" USING btree ("user_id");
  CREATE INDEX "ai_generations_prompt_idx" ON "ai_generations" USING btree ("prompt_id");
  CREATE INDEX "ai_generations_provider_idx" ON "ai_generations" USING btree ("provider");
  CREATE INDEX "ai_generations_status_idx" ON "ai_generations" USING btree ("status");
  CREATE INDEX "ai_generations_updated_at_idx" ON "ai_generations" USING btree ("updated_at");
  CREATE INDEX "ai_generations_created_at_idx" ON "ai_generations" USING btree ("created_at");
  CREATE INDEX "ai_batches_site_idx" ON "ai_batches" USING btree ("site_id");
  CREATE INDEX "ai_batches_page_idx" ON "ai_batches" USING btree ("page_id");
  CREATE INDEX "ai_batches_requested_by_idx" ON "ai_batches" USING btree ("requested_by_id");
  CREATE INDEX "ai_batches_status_idx" ON "ai_batches" USING btree ("status");
  CREATE INDEX "ai_batches_updated_at_idx" ON "ai_batches" USING btree ("updated_at");
  CREATE INDEX "ai_batches_created_at_idx" ON "ai_batches" USING btree ("created_at");
  CREATE INDEX "page_views_site_idx" ON "page_views" USING btree ("site_id");
  CREATE INDEX "page_views_affiliate_link_idx" ON "page_views" USING btree ("affiliate_link_id");
  CREATE INDEX "site_occurredAt_idx" ON "page_views" USING btree ("site_id","occurred_at");
  CREATE INDEX "analytics_site_idx" ON "analytics" USING btree ("site_id");
  CREATE INDEX "analytics_date_idx" ON "analytics" USING btree ("date");
  CREATE INDEX "analytics_updated_at_idx" ON "analytics" USING btree ("updated_at");
  CREATE INDEX "analytics_created_at_idx" ON "analytics" USING btree ("created_at");
  CREATE UNIQUE INDEX "site_date_idx" ON "analytics" USING btree ("site_id","date");
  CREATE UNIQUE INDEX "analytics_salts_day_idx" ON "analytics_salts" USING btree ("day");
  ALTER TABLE "deployments" ADD CONSTRAINT "deployments_redeploy_of_id_deployments_id_fk" FOREIGN KEY ("redeploy_of_id") REFERENCES "public"."deployments"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_ai_generations_fk" FOREIGN KEY ("ai_generations_id") REFERENCES "public"."ai_generations"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_ai_batches_fk" FOREIGN KEY ("ai_batches_id") REFERENCES "public"."ai_batches"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_page_views_fk" FOREIGN KEY ("page_views_id") REFERENCES "public"."page_views"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_analytics_fk" FOREIGN KEY ("analytics_id") REFERENCES "public"."analytics"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_analytics_salts_fk" FOREIGN KEY ("analytics_salts_id") REFERENCES "public"."analytics_salts"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "deployments_redeploy_of_idx" ON "deployments" USING btree ("redeploy_of_id");
  CREATE INDEX "payload_locked_documents_rels_ai_generations_id_idx" ON "payload_locked_documents_rels" USING btree ("ai_generations_id");
  CREATE INDEX "payload_locked_documents_rels_ai_batches_id_idx" ON "payload_locked_documents_rels" USING btree ("ai_batches_id");
  CREATE INDEX "payload_locked_documents_rels_page_views_id_idx" ON "payload_locked_documents_rels" USING btree ("page_views_id");
  CREATE INDEX "payload_locked_documents_rels_analytics_id_idx" ON "payload_locked_documents_rels" USING btree ("analytics_id");
  CREATE INDEX "payload_locked_documents_rels_analytics_salts_id_idx" ON "payload_locked_documents_rels" USING btree ("analytics_salts_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "ai_generations" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "ai_batches" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "page_views" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "analytics" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "analytics_salts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "payload_jobs_stats" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "ai_generations" CASCADE;
  DROP TABLE "ai_batches" CASCADE;
  DROP TABLE "page_views" CASCADE;
  DROP TABLE "analytics" CASCADE;
  DROP TABLE "analytics_salts" CASCADE;
  DROP TABLE "payload_jobs_stats" CASCADE;
  ALTER TABLE "deployments" DROP CONSTRAINT "deployments_redeploy_of_id_deployments_id_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_ai_generations_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_ai_batches_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_page_views_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_analytics_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_analytics_salts_fk";
  
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'deploySite');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'deploySite');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "deployments_redeploy_of_idx";
  DROP INDEX "payload_locked_documents_rels_ai_generations_id_idx";
  DROP INDEX "payload_locked_documents_rels_ai_batches_id_idx";
  DROP INDEX "payload_locked_documents_rels_page_views_id_idx";
  DROP INDEX "payload_locked_documents_rels_analytics_id_idx";
  DROP INDEX "payload_locked_documents_rels_analytics_salts_id_idx";
  ALTER TABLE "sites" DROP COLUMN "last_deploy_status";
  ALTER TABLE "sites" DROP COLUMN "live_url";
  ALTER TABLE "sites" DROP COLUMN "last_deploy_at";
  ALTER TABLE "sites" DROP COLUMN "last_deployment_id";
  ALTER TABLE "deployments" DROP COLUMN "redeploy_of_id";
  ALTER TABLE "deployments" DROP COLUMN "target_deployment_id";
  ALTER TABLE "deployments" DROP COLUMN "cancel_requested_at";
  ALTER TABLE "deployments" DROP COLUMN "heartbeat_at";
  ALTER TABLE "deployments" DROP COLUMN "attempts";
  ALTER TABLE "deployments" DROP COLUMN "build_cache";
  ALTER TABLE "deployments" DROP COLUMN "headers_file";
  ALTER TABLE "deployments" DROP COLUMN "redirects_file";
  ALTER TABLE "payload_jobs" DROP COLUMN "meta";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "ai_generations_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "ai_batches_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "page_views_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "analytics_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "analytics_salts_id";
  DROP TYPE "public"."enum_sites_last_deploy_status";
  DROP TYPE "public"."enum_ai_generations_target";
  DROP TYPE "public"."enum_ai_generations_source";
  DROP TYPE "public"."enum_ai_generations_provider";
  DROP TYPE "public"."enum_ai_generations_status";
  DROP TYPE "public"."enum_ai_batches_scope";
  DROP TYPE "public"."enum_ai_batches_status";
  DROP TYPE "public"."enum_page_views_type";
  DROP TYPE "public"."enum_page_views_source";`)
}
