import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

import { convertNamedValuesToRows } from '../lib/dataMigrations/namedValuesToRows'
import { fillDeploymentTitles } from '../plugins/publisher/hooks/title'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_site_clones_status" AS ENUM('queued', 'running', 'done', 'failed');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'cloneSite';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'cloneSite';
  CREATE TABLE "sites_template_variables" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"value" varchar
  );
  
  CREATE TABLE "sites_custom_colors" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"value" varchar NOT NULL
  );
  
  CREATE TABLE "templates_color_variables" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"value" varchar NOT NULL
  );
  
  CREATE TABLE "template_footprints_path_variables" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"value" varchar NOT NULL
  );
  
  CREATE TABLE "site_clones" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"label" varchar,
  	"source_id" integer,
  	"site_id" integer,
  	"requested_by_id" integer,
  	"status" "enum_site_clones_status" DEFAULT 'queued' NOT NULL,
  	"phase" varchar,
  	"rewrite_with_ai" boolean DEFAULT false,
  	"progress_total" numeric DEFAULT 0,
  	"progress_done" numeric DEFAULT 0,
  	"progress_pages" numeric DEFAULT 0,
  	"progress_media" numeric DEFAULT 0,
  	"progress_presets" numeric DEFAULT 0,
  	"progress_links" numeric DEFAULT 0,
  	"progress_folders" numeric DEFAULT 0,
  	"ai_batch_id" integer,
  	"warnings" varchar,
  	"error" varchar,
  	"started_at" timestamp(3) with time zone,
  	"finished_at" timestamp(3) with time zone,
  	"duration_ms" numeric,
  	"timings" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "media" ADD COLUMN "content_hash" varchar;
  ALTER TABLE "deployments" ADD COLUMN "title" varchar;
  ALTER TABLE "sites_template_variables" ADD CONSTRAINT "sites_template_variables_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "sites_custom_colors" ADD CONSTRAINT "sites_custom_colors_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "templates_color_variables" ADD CONSTRAINT "templates_color_variables_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."templates"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "template_footprints_path_variables" ADD CONSTRAINT "template_footprints_path_variables_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."template_footprints"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "site_clones" ADD CONSTRAINT "site_clones_source_id_sites_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sites"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "site_clones" ADD CONSTRAINT "site_clones_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "site_clones" ADD CONSTRAINT "site_clones_requested_by_id_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "site_clones" ADD CONSTRAINT "site_clones_ai_batch_id_ai_batches_id_fk" FOREIGN KEY ("ai_batch_id") REFERENCES "public"."ai_batches"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "sites_template_variables_order_idx" ON "sites_template_variables" USING btree ("_order");
  CREATE INDEX "sites_template_variables_parent_id_idx" ON "sites_template_variables" USING btree ("_parent_id");
  CREATE INDEX "sites_custom_colors_order_idx" ON "sites_custom_colors" USING btree ("_order");
  CREATE INDEX "sites_custom_colors_parent_id_idx" ON "sites_custom_colors" USING btree ("_parent_id");
  CREATE INDEX "templates_color_variables_order_idx" ON "templates_color_variables" USING btree ("_order");
  CREATE INDEX "templates_color_variables_parent_id_idx" ON "templates_color_variables" USING btree ("_parent_id");
  CREATE INDEX "template_footprints_path_variables_order_idx" ON "template_footprints_path_variables" USING btree ("_order");
  CREATE INDEX "template_footprints_path_variables_parent_id_idx" ON "template_footprints_path_variables" USING btree ("_parent_id");
  CREATE INDEX "site_clones_source_idx" ON "site_clones" USING btree ("source_id");
  CREATE INDEX "site_clones_site_idx" ON "site_clones" USING btree ("site_id");
  CREATE INDEX "site_clones_requested_by_idx" ON "site_clones" USING btree ("requested_by_id");
  CREATE INDEX "site_clones_status_idx" ON "site_clones" USING btree ("status");
  CREATE INDEX "site_clones_ai_batch_idx" ON "site_clones" USING btree ("ai_batch_id");
  CREATE INDEX "site_clones_updated_at_idx" ON "site_clones" USING btree ("updated_at");
  CREATE INDEX "site_clones_created_at_idx" ON "site_clones" USING btree ("created_at");
`)

  // data: the JSON colours and variables become rows (before their columns go), and every deployment gets its title
  await convertNamedValuesToRows({ payload, req })
  await fillDeploymentTitles({ payload, req })

  await db.execute(sql`
  ALTER TABLE "sites" DROP COLUMN "template_variables";
  ALTER TABLE "sites" DROP COLUMN "custom_colors";
  ALTER TABLE "templates" DROP COLUMN "color_variables";
  ALTER TABLE "template_footprints" DROP COLUMN "path_variables";`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "sites_template_variables" CASCADE;
  DROP TABLE "sites_custom_colors" CASCADE;
  DROP TABLE "templates_color_variables" CASCADE;
  DROP TABLE "template_footprints_path_variables" CASCADE;
  DROP TABLE "site_clones" CASCADE;
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'deploySite', 'aiGenerateBatch', 'analyticsRollup');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'deploySite', 'aiGenerateBatch', 'analyticsRollup');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  ALTER TABLE "sites" ADD COLUMN "template_variables" jsonb DEFAULT '{}'::jsonb;
  ALTER TABLE "sites" ADD COLUMN "custom_colors" jsonb DEFAULT '{}'::jsonb;
  ALTER TABLE "templates" ADD COLUMN "color_variables" jsonb DEFAULT '{}'::jsonb;
  ALTER TABLE "template_footprints" ADD COLUMN "path_variables" jsonb DEFAULT '{}'::jsonb;
  ALTER TABLE "media" DROP COLUMN "content_hash";
  ALTER TABLE "deployments" DROP COLUMN "title";
  DROP TYPE "public"."enum_site_clones_status";`)
}
