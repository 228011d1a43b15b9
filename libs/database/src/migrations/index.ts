import { Geography1795460973071 } from './1795460973071-Geography';
import { Organisations1795462831964 } from './1795462831964-Organisations';
import { Identity1795463109180 } from './1795463109180-Identity';
import { ApiTokens1795463846866 } from './1795463846866-ApiTokens';
import { Invitations1795464111213 } from './1795464111213-Invitations';
import { Activity1795465176366 } from './1795465176366-Activity';
import { Networks1795469773589 } from './1795469773589-Networks';
import { Coverage1795470619611 } from './1795470619611-Coverage';
import { Events1795926471376 } from './1795926471376-Events';
import { Drafting1795930349655 } from './1795930349655-Drafting';
import { DraftingReview1795931006057 } from './1795931006057-DraftingReview';
import { DraftPresence1795932272067 } from './1795932272067-DraftPresence';
import { Influencing1795935695529 } from './1795935695529-Influencing';
import { CoverageEngagement1795935695530 } from './1795935695530-CoverageEngagement';
import { InfluencingCorrections1795937890235 } from './1795937890235-InfluencingCorrections';
import { PasswordTokens1796170000000 } from './1796170000000-PasswordTokens';
import { Notifications1796210000000 } from './1796210000000-Notifications';
import { Webhooks1796220000000 } from './1796220000000-Webhooks';
import { PollAnswersByOrganisation1796240000000 } from './1796240000000-PollAnswersByOrganisation';
import { CoverageCannotBeInflated1796250000000 } from './1796250000000-CoverageCannotBeInflated';
import { PresenceOnPubSub1796300000000 } from './1796300000000-PresenceOnPubSub';
import { NotificationCategories1796310000000 } from './1796310000000-NotificationCategories';
import { PasswordTokenPurpose1796320000000 } from './1796320000000-PasswordTokenPurpose';
import { PasswordResetRequests1796320100000 } from './1796320100000-PasswordResetRequests';
import { CoverageLastActivityLive1796340000000 } from './1796340000000-CoverageLastActivityLive';
import { CoverageNetworkIds1796400000000 } from './1796400000000-CoverageNetworkIds';
import { CoverageViewCheaper1796500000000 } from './1796500000000-CoverageViewCheaper';
import { CoverageLastActivityByArea1796600000000 } from './1796600000000-CoverageLastActivityByArea';
import { CoverageFiguresVersion1796600000001 } from './1796600000001-CoverageFiguresVersion';

// Migrations in the order they apply. Add new ones at the end; never edit one that has shipped.
export const migrations = [
  Geography1795460973071,
  Organisations1795462831964,
  Identity1795463109180,
  ApiTokens1795463846866,
  Invitations1795464111213,
  Activity1795465176366,
  Networks1795469773589,
  Coverage1795470619611,
  Events1795926471376,
  Drafting1795930349655,
  DraftingReview1795931006057,
  DraftPresence1795932272067,
  Influencing1795935695529,
  CoverageEngagement1795935695530,
  InfluencingCorrections1795937890235,
  PasswordTokens1796170000000,
  Notifications1796210000000,
  Webhooks1796220000000,
  PollAnswersByOrganisation1796240000000,
  CoverageCannotBeInflated1796250000000,
  PresenceOnPubSub1796300000000,
  NotificationCategories1796310000000,
  PasswordTokenPurpose1796320000000,
  PasswordResetRequests1796320100000,
  CoverageLastActivityLive1796340000000,
  CoverageNetworkIds1796400000000,
  CoverageViewCheaper1796500000000,
  CoverageLastActivityByArea1796600000000,
  CoverageFiguresVersion1796600000001,
];
