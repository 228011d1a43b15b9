export * from './influencing.enums';
export * from './influencing.entities';
export * from './engagement.entities';
export * from './office.entities';
export * from './plan.entities';
export * from './influencing.module';
export * from './influencing-policy-facts';
export { seedDemoInfluencing } from './engagement/demo-engagements.seeder';
export { electionRoundId, seedElectionRounds } from './seed/election-rounds.seeder';
