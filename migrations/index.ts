import { Foundation1763700000000 } from './1763700000000-Foundation';
import { Identity1763710000000 } from './1763710000000-Identity';
import { Plans1763720000000 } from './1763720000000-Plans';
import { Attachments1763725000000 } from './1763725000000-Attachments';
import { Notifications1763730000000 } from './1763730000000-Notifications';
import { Problems1763740000000 } from './1763740000000-Problems';
import { SessionNotifications1763790000000 } from './1763790000000-SessionNotifications';
import { SupportHotPath1763780000000 } from './1763780000000-SupportHotPath';
import { ProblemMap1763770000000 } from './1763770000000-ProblemMap';
import { Comments1763750000000 } from './1763750000000-Comments';
import { Consultations1763800000000 } from './1763800000000-Consultations';
import { Moderation1763760000000 } from './1763760000000-Moderation';
import { SignInPerClient1764100000000 } from './1764100000000-SignInPerClient';
import { JobsOnPgBoss1764200000000 } from './1764200000000-JobsOnPgBoss';
import { StripImageMetadata1764300000000 } from './1764300000000-StripImageMetadata';
import { ConsultationCommitteesAndCommentSearch1764400000000 } from './1764400000000-ConsultationCommitteesAndCommentSearch';
import { MyActivity1764500000710 } from './1764500000710-MyActivity';
import { DisplayNameDirectionControls1764700000000 } from './1764700000000-DisplayNameDirectionControls';
import { AuditActorIndex1764840000000 } from './1764840000000-AuditActorIndex';
import { OrganizationSettingsAndMemberSearch1764810000000 } from './1764810000000-OrganizationSettingsAndMemberSearch';
import { PlatformAndInvitations1764800000000 } from './1764800000000-PlatformAndInvitations';
import { ThemeTaxonomy1764830000000 } from './1764830000000-ThemeTaxonomy';
import { DistrictPopulation1764820000000 } from './1764820000000-DistrictPopulation';
import { Surveys1764900000000 } from './1764900000000-Surveys';
import { SurveyImageAnswers1764901000000 } from './1764901000000-SurveyImageAnswers';
import { SurveyAnswerFacts1764920000000 } from './1764920000000-SurveyAnswerFacts';
import { SurveyExports1764930000000 } from './1764930000000-SurveyExports';
import { StakeholdersAndSessions1765000000000 } from './1765000000000-StakeholdersAndSessions';
import { Demands1765100000000 } from './1765100000000-Demands';
import { ProblemMapFacets1765300000000 } from './1765300000000-ProblemMapFacets';
import { ProblemMapPointsIndex1765400000000 } from './1765400000000-ProblemMapPointsIndex';
import { ConsultationChangeCounts1765420000000 } from './1765420000000-ConsultationChangeCounts';
import { DemandClassifierTraining1765120000000 } from './1765120000000-DemandClassifierTraining';
import { StakeholderRegistry1765010000000 } from './1765010000000-StakeholderRegistry';
import { ThinktankSessions1765020000000 } from './1765020000000-ThinktankSessions';
import { ThinktankBoard1765030000000 } from './1765030000000-ThinktankBoard';
import { DemandSources1765110000000 } from './1765110000000-DemandSources';
import { DemandExports1765130000000 } from './1765130000000-DemandExports';
import { Strategy1765200000000 } from './1765200000000-Strategy';
import { StrategyMonitoring1765210000000 } from './1765210000000-StrategyMonitoring';
import { ThinktankStatementDemands1765140000000 } from './1765140000000-ThinktankStatementDemands';
import { LeanerSupportWrite1765410000000 } from './1765410000000-LeanerSupportWrite';
import { DemandThemeCell1765440000000 } from './1765440000000-DemandThemeCell';
import { ProblemMergedIntoIndex1765450000000 } from './1765450000000-ProblemMergedIntoIndex';
import { UnloggedExportChunks1765460000000 } from './1765460000000-UnloggedExportChunks';
import { SurveyAnswerDemandsPerStatement1765470000000 } from './1765470000000-SurveyAnswerDemandsPerStatement';
import { SurveyAnswerDemandsKeptPlan1765480000000 } from './1765480000000-SurveyAnswerDemandsKeptPlan';
import { SurveyAnswerFactLeanerWrite1765490000000 } from './1765490000000-SurveyAnswerFactLeanerWrite';
import { SurveyAnswerFactDemographicCell1765500000000 } from './1765500000000-SurveyAnswerFactDemographicCell';

// Every migration, in order. Listed by hand so the app, the CLI and the tests run the same
// set, compiled or not.
export const MIGRATIONS = [
  Foundation1763700000000,
  Identity1763710000000,
  Plans1763720000000,
  Attachments1763725000000,
  Notifications1763730000000,
  Problems1763740000000,
  Moderation1763760000000,
  Comments1763750000000,
  ProblemMap1763770000000,
  SupportHotPath1763780000000,
  SessionNotifications1763790000000,
  Consultations1763800000000,
  SignInPerClient1764100000000,
  JobsOnPgBoss1764200000000,
  StripImageMetadata1764300000000,
  ConsultationCommitteesAndCommentSearch1764400000000,
  MyActivity1764500000710,
  DisplayNameDirectionControls1764700000000,
  AuditActorIndex1764840000000,
  OrganizationSettingsAndMemberSearch1764810000000,
  PlatformAndInvitations1764800000000,
  ThemeTaxonomy1764830000000,
  DistrictPopulation1764820000000,
  Surveys1764900000000,
  SurveyImageAnswers1764901000000,
  SurveyAnswerFacts1764920000000,
  SurveyExports1764930000000,
  StakeholdersAndSessions1765000000000,
  Demands1765100000000,
  ProblemMapFacets1765300000000,
  DemandClassifierTraining1765120000000,
  StakeholderRegistry1765010000000,
  ThinktankSessions1765020000000,
  ThinktankBoard1765030000000,
  DemandSources1765110000000,
  DemandExports1765130000000,
  Strategy1765200000000,
  StrategyMonitoring1765210000000,
  ThinktankStatementDemands1765140000000,
  LeanerSupportWrite1765410000000,
  DemandThemeCell1765440000000,
  ProblemMapPointsIndex1765400000000,
  ProblemMergedIntoIndex1765450000000,
  ConsultationChangeCounts1765420000000,
  UnloggedExportChunks1765460000000,
  SurveyAnswerDemandsPerStatement1765470000000,
  SurveyAnswerDemandsKeptPlan1765480000000,
  SurveyAnswerFactLeanerWrite1765490000000,
  SurveyAnswerFactDemographicCell1765500000000,
];
