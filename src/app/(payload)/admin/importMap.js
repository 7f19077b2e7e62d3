import { BooleanCell as BooleanCell_c5e4752ffa9ad6c105252c5a5404b47d } from '../../../../plugins/readable-admin/components/BooleanCell.client'
import { HomePageNotice as HomePageNotice_92cf9f17b4ea2c885cfa5aab204a95e2 } from '../../../../collections/Sites/components/HomePageNotice'
import { VariableName as VariableName_c88222f2aa186dba4fe509f0f9fdde70 } from '../../../../fields/components/TemplateVariables.client'
import { VariableHelp as VariableHelp_c88222f2aa186dba4fe509f0f9fdde70 } from '../../../../fields/components/TemplateVariables.client'
import { DeclaredVariables as DeclaredVariables_c88222f2aa186dba4fe509f0f9fdde70 } from '../../../../fields/components/TemplateVariables.client'
import { NamedRowLabel as NamedRowLabel_e3dcc0b5accc7dfb43ea765e34b747e8 } from '../../../../fields/components/NamedRowLabel.client'
import { ColorInput as ColorInput_8991cdf8f7f5ff4bf205469246216244 } from '../../../../fields/components/ColorInput.client'
import { ScheduleList as ScheduleList_39abcae4d4cd09f97524fde6d8925424 } from '../../../../plugins/fleet/schedule/components/ScheduleList.client'
import { DeployStatusCell as DeployStatusCell_a4460efad8287730e4ba357d0a04bd3a } from '../../../../plugins/publisher/components/DeployStatusCell.client'
import { LiveUrlCell as LiveUrlCell_c99fe728cdff72aaf4463622dde95fad } from '../../../../plugins/publisher/components/LiveUrlCell.client'
import { DeployRowButton as DeployRowButton_69f9a3a981106cfc0944f80826280632 } from '../../../../plugins/publisher/components/DeployRowButton.client'
import { WatchTenantCollection as WatchTenantCollection_1d0591e3cf4f332c83a86da13a0de59a } from '@payloadcms/plugin-multi-tenant/client'
import { DeploySelected as DeploySelected_c26d0b5aca620156c16d22458da81fa2 } from '../../../../plugins/fleet/deploy-many/components/DeploySelected.client'
import { DeployButton as DeployButton_54014947858b6f223c8e79953b44c7f5 } from '../../../../plugins/publisher/components/DeployButton.client'
import { CloneButton as CloneButton_b19e73c5684b159a8953daa9045c42df } from '../../../../plugins/fleet/clone/components/CloneButton.client'
import { DocumentTabTitle as DocumentTabTitle_99fe2cc51fe93c86ee54320a56267e5b } from '../../../../plugins/readable-admin/components/DocumentTabTitle.client'
import { MoveToTrash as MoveToTrash_912699dee1a7d204822eceec30f4c844 } from '../../../../collections/Sites/components/MoveToTrash.client'
import { TenantField as TenantField_1d0591e3cf4f332c83a86da13a0de59a } from '@payloadcms/plugin-multi-tenant/client'
import { GenerateField as GenerateField_27184efe2ebd0d642fd4b35564511c67 } from '../../../../plugins/ai/components/GenerateField.client'
import { RscEntryLexicalCell as RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { RscEntryLexicalField as RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { LexicalDiffComponent as LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { TableFeatureClient as TableFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { InlineToolbarFeatureClient as InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HorizontalRuleFeatureClient as HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UploadFeatureClient as UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BlockquoteFeatureClient as BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { RelationshipFeatureClient as RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { LinkFeatureClient as LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ChecklistFeatureClient as ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { OrderedListFeatureClient as OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnorderedListFeatureClient as UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { IndentFeatureClient as IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { AlignFeatureClient as AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HeadingFeatureClient as HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ParagraphFeatureClient as ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { InlineCodeFeatureClient as InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SuperscriptFeatureClient as SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SubscriptFeatureClient as SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { StrikethroughFeatureClient as StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnderlineFeatureClient as UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BoldFeatureClient as BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ItalicFeatureClient as ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { CodeTextarea as CodeTextarea_f762cdfaed246b28103ac505ff851c3e } from '../../../../fields/components/CodeTextarea.client'
import { OverviewComponent as OverviewComponent_a8a977ebc872c5d5ea7ee689724c0860 } from '@payloadcms/plugin-seo/client'
import { MetaTitleComponent as MetaTitleComponent_a8a977ebc872c5d5ea7ee689724c0860 } from '@payloadcms/plugin-seo/client'
import { MetaDescriptionComponent as MetaDescriptionComponent_a8a977ebc872c5d5ea7ee689724c0860 } from '@payloadcms/plugin-seo/client'
import { MetaImageComponent as MetaImageComponent_a8a977ebc872c5d5ea7ee689724c0860 } from '@payloadcms/plugin-seo/client'
import { PreviewComponent as PreviewComponent_a8a977ebc872c5d5ea7ee689724c0860 } from '@payloadcms/plugin-seo/client'
import { BulkGenerate as BulkGenerate_634b2b04a4c49a1b59518eb25eaa3a08 } from '../../../../plugins/ai/components/BulkGenerate.client'
import { AssignTenantFieldTrigger as AssignTenantFieldTrigger_1d0591e3cf4f332c83a86da13a0de59a } from '@payloadcms/plugin-multi-tenant/client'
import { FolderTableCell as FolderTableCell_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'
import { FolderField as FolderField_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'
import { DeployUsers as DeployUsers_0f24e97e405549f8dcfb5b765030aff2 } from '../../../../plugins/fleet/deploy-many/components/DeployUsers.client'
import { ShownAbove as ShownAbove_fee0389144d711a515a0876306d0e07d } from '../../../../plugins/publisher/components/ShownAbove.client'
import { DeploymentLive as DeploymentLive_b597cc4903925dddbccf4fbaa22248a6 } from '../../../../plugins/publisher/components/DeploymentLive.client'
import { JsonPreview as JsonPreview_f0a6898509af96630bcc4f3af40580bb } from '../../../../plugins/publisher/components/JsonPreview.client'
import { UsageSummary as UsageSummary_f755a51ed5b211da7c984d5cb0828cf4 } from '../../../../plugins/ai/components/UsageSummary'
import { JsonView as JsonView_18dd9732d626666dca40490bde2b21b3 } from '../../../../fields/components/JsonView.client'
import { FleetProgress as FleetProgress_73efa84ef5ec8a99fc6fc860d16b1fa6 } from '../../../../plugins/fleet/deploy-many/components/FleetProgress.client'
import { FolderTypeField as FolderTypeField_2b8867833a34864a02ddf429b0728a40 } from '@payloadcms/next/client'
import { AnalyticsNavLink as AnalyticsNavLink_29a189429e1648d5f5e52f9dd56190ec } from '../../../../plugins/analytics/components/NavLink.client'
import { ImportSitesNavLink as ImportSitesNavLink_7bac74cf6ff1026477ad136c2f5667b1 } from '../../../../plugins/fleet/import/components/NavLink.client'
import { FleetDashboardServer as FleetDashboardServer_2546c6d33b11d36a3fe37c6eacb40d3d } from '../../../../plugins/fleet/dashboard/components/FleetDashboard'
import { TenantSelector as TenantSelector_d6d5f193a167989e2ee7d14202901e62 } from '@payloadcms/plugin-multi-tenant/rsc'
import { TenantSelectionProvider as TenantSelectionProvider_d6d5f193a167989e2ee7d14202901e62 } from '@payloadcms/plugin-multi-tenant/rsc'
import { S3ClientUploadHandler as S3ClientUploadHandler_f97aa6c64367fa259c5bc0567239ef24 } from '@payloadcms/storage-s3/client'
import { AccessibleNames as AccessibleNames_889a9fb34fcdde83dd712934e3256d11 } from '../../../../plugins/readable-admin/components/AccessibleNames.client'
import { AnalyticsView as AnalyticsView_2169045a1328e16ceb7432b34eebe081 } from '../../../../plugins/analytics/components/AnalyticsView'
import { ImportView as ImportView_2c631a13531221b6f33779ebc6b84ca0 } from '../../../../plugins/fleet/import/components/ImportView'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  "/plugins/readable-admin/components/BooleanCell.client#BooleanCell": BooleanCell_c5e4752ffa9ad6c105252c5a5404b47d,
  "/collections/Sites/components/HomePageNotice#HomePageNotice": HomePageNotice_92cf9f17b4ea2c885cfa5aab204a95e2,
  "/fields/components/TemplateVariables.client#VariableName": VariableName_c88222f2aa186dba4fe509f0f9fdde70,
  "/fields/components/TemplateVariables.client#VariableHelp": VariableHelp_c88222f2aa186dba4fe509f0f9fdde70,
  "/fields/components/TemplateVariables.client#DeclaredVariables": DeclaredVariables_c88222f2aa186dba4fe509f0f9fdde70,
  "/fields/components/NamedRowLabel.client#NamedRowLabel": NamedRowLabel_e3dcc0b5accc7dfb43ea765e34b747e8,
  "/fields/components/ColorInput.client#ColorInput": ColorInput_8991cdf8f7f5ff4bf205469246216244,
  "/plugins/fleet/schedule/components/ScheduleList.client#ScheduleList": ScheduleList_39abcae4d4cd09f97524fde6d8925424,
  "/plugins/publisher/components/DeployStatusCell.client#DeployStatusCell": DeployStatusCell_a4460efad8287730e4ba357d0a04bd3a,
  "/plugins/publisher/components/LiveUrlCell.client#LiveUrlCell": LiveUrlCell_c99fe728cdff72aaf4463622dde95fad,
  "/plugins/publisher/components/DeployRowButton.client#DeployRowButton": DeployRowButton_69f9a3a981106cfc0944f80826280632,
  "@payloadcms/plugin-multi-tenant/client#WatchTenantCollection": WatchTenantCollection_1d0591e3cf4f332c83a86da13a0de59a,
  "/plugins/fleet/deploy-many/components/DeploySelected.client#DeploySelected": DeploySelected_c26d0b5aca620156c16d22458da81fa2,
  "/plugins/publisher/components/DeployButton.client#DeployButton": DeployButton_54014947858b6f223c8e79953b44c7f5,
  "/plugins/fleet/clone/components/CloneButton.client#CloneButton": CloneButton_b19e73c5684b159a8953daa9045c42df,
  "/plugins/readable-admin/components/DocumentTabTitle.client#DocumentTabTitle": DocumentTabTitle_99fe2cc51fe93c86ee54320a56267e5b,
  "/collections/Sites/components/MoveToTrash.client#MoveToTrash": MoveToTrash_912699dee1a7d204822eceec30f4c844,
  "@payloadcms/plugin-multi-tenant/client#TenantField": TenantField_1d0591e3cf4f332c83a86da13a0de59a,
  "/plugins/ai/components/GenerateField.client#GenerateField": GenerateField_27184efe2ebd0d642fd4b35564511c67,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalCell": RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalField": RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#LexicalDiffComponent": LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/client#TableFeatureClient": TableFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#InlineToolbarFeatureClient": InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HorizontalRuleFeatureClient": HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UploadFeatureClient": UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BlockquoteFeatureClient": BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#RelationshipFeatureClient": RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#LinkFeatureClient": LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ChecklistFeatureClient": ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#OrderedListFeatureClient": OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnorderedListFeatureClient": UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#IndentFeatureClient": IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#AlignFeatureClient": AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HeadingFeatureClient": HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ParagraphFeatureClient": ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#InlineCodeFeatureClient": InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SuperscriptFeatureClient": SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SubscriptFeatureClient": SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#StrikethroughFeatureClient": StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnderlineFeatureClient": UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BoldFeatureClient": BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ItalicFeatureClient": ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "/fields/components/CodeTextarea.client#CodeTextarea": CodeTextarea_f762cdfaed246b28103ac505ff851c3e,
  "@payloadcms/plugin-seo/client#OverviewComponent": OverviewComponent_a8a977ebc872c5d5ea7ee689724c0860,
  "@payloadcms/plugin-seo/client#MetaTitleComponent": MetaTitleComponent_a8a977ebc872c5d5ea7ee689724c0860,
  "@payloadcms/plugin-seo/client#MetaDescriptionComponent": MetaDescriptionComponent_a8a977ebc872c5d5ea7ee689724c0860,
  "@payloadcms/plugin-seo/client#MetaImageComponent": MetaImageComponent_a8a977ebc872c5d5ea7ee689724c0860,
  "@payloadcms/plugin-seo/client#PreviewComponent": PreviewComponent_a8a977ebc872c5d5ea7ee689724c0860,
  "/plugins/ai/components/BulkGenerate.client#BulkGenerate": BulkGenerate_634b2b04a4c49a1b59518eb25eaa3a08,
  "@payloadcms/plugin-multi-tenant/client#AssignTenantFieldTrigger": AssignTenantFieldTrigger_1d0591e3cf4f332c83a86da13a0de59a,
  "@payloadcms/next/rsc#FolderTableCell": FolderTableCell_f9c02e79a4aed9a3924487c0cd4cafb1,
  "@payloadcms/next/rsc#FolderField": FolderField_f9c02e79a4aed9a3924487c0cd4cafb1,
  "/plugins/fleet/deploy-many/components/DeployUsers.client#DeployUsers": DeployUsers_0f24e97e405549f8dcfb5b765030aff2,
  "/plugins/publisher/components/ShownAbove.client#ShownAbove": ShownAbove_fee0389144d711a515a0876306d0e07d,
  "/plugins/publisher/components/DeploymentLive.client#DeploymentLive": DeploymentLive_b597cc4903925dddbccf4fbaa22248a6,
  "/plugins/publisher/components/JsonPreview.client#JsonPreview": JsonPreview_f0a6898509af96630bcc4f3af40580bb,
  "/plugins/ai/components/UsageSummary#UsageSummary": UsageSummary_f755a51ed5b211da7c984d5cb0828cf4,
  "/fields/components/JsonView.client#JsonView": JsonView_18dd9732d626666dca40490bde2b21b3,
  "/plugins/fleet/deploy-many/components/FleetProgress.client#FleetProgress": FleetProgress_73efa84ef5ec8a99fc6fc860d16b1fa6,
  "@payloadcms/next/client#FolderTypeField": FolderTypeField_2b8867833a34864a02ddf429b0728a40,
  "/plugins/analytics/components/NavLink.client#AnalyticsNavLink": AnalyticsNavLink_29a189429e1648d5f5e52f9dd56190ec,
  "/plugins/fleet/import/components/NavLink.client#ImportSitesNavLink": ImportSitesNavLink_7bac74cf6ff1026477ad136c2f5667b1,
  "/plugins/fleet/dashboard/components/FleetDashboard#FleetDashboardServer": FleetDashboardServer_2546c6d33b11d36a3fe37c6eacb40d3d,
  "@payloadcms/plugin-multi-tenant/rsc#TenantSelector": TenantSelector_d6d5f193a167989e2ee7d14202901e62,
  "@payloadcms/plugin-multi-tenant/rsc#TenantSelectionProvider": TenantSelectionProvider_d6d5f193a167989e2ee7d14202901e62,
  "@payloadcms/storage-s3/client#S3ClientUploadHandler": S3ClientUploadHandler_f97aa6c64367fa259c5bc0567239ef24,
  "/plugins/readable-admin/components/AccessibleNames.client#AccessibleNames": AccessibleNames_889a9fb34fcdde83dd712934e3256d11,
  "/plugins/analytics/components/AnalyticsView#AnalyticsView": AnalyticsView_2169045a1328e16ceb7432b34eebe081,
  "/plugins/fleet/import/components/ImportView#ImportView": ImportView_2c631a13531221b6f33779ebc6b84ca0,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1
}
