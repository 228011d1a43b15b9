import { registerEnumType } from '@nestjs/graphql';

/** The title an office-holder held; the office follows the area, whoever holds it. */
export enum OfficeTitle {
  POLICE_AND_CRIME_COMMISSIONER = 'POLICE_AND_CRIME_COMMISSIONER',
  POLICE_FIRE_AND_CRIME_COMMISSIONER = 'POLICE_FIRE_AND_CRIME_COMMISSIONER',
  MAYOR = 'MAYOR',
  DEPUTY_MAYOR_FOR_POLICING_AND_CRIME = 'DEPUTY_MAYOR_FOR_POLICING_AND_CRIME',
  CHAIR_OF_POLICE_AUTHORITY_BOARD = 'CHAIR_OF_POLICE_AUTHORITY_BOARD',
  CHAIR_OF_POLICING_AND_CRIME_BOARD = 'CHAIR_OF_POLICING_AND_CRIME_BOARD',
  INTERIM_COMMISSIONER = 'INTERIM_COMMISSIONER',
}

/** What an election round elects. */
export enum ElectionKind {
  /** Police and Crime Commissioners (a round may also elect PFCCs; see each contest). */
  PCC = 'PCC',
  /** Police, Fire and Crime Commissioners only. */
  PFCC = 'PFCC',
  /** Mayors who hold (or take on) the PCC functions. */
  MAYORAL = 'MAYORAL',
}

/** Where an election round came from. */
export enum ElectionSource {
  /** Derived from the seeded governance periods and elections record. */
  DERIVED = 'DERIVED',
  /** Entered by a platform admin (a future round, say). */
  ENTERED = 'ENTERED',
}

export enum EngagementKind {
  MEETING = 'MEETING',
  LETTER = 'LETTER',
  CONSULTATION_RESPONSE = 'CONSULTATION_RESPONSE',
  PANEL_ATTENDANCE = 'PANEL_ATTENDANCE',
  BOARD_ATTENDANCE = 'BOARD_ATTENDANCE',
  HUSTINGS = 'HUSTINGS',
}

export enum CommitmentStatus {
  OPEN = 'OPEN',
  MET = 'MET',
  PARTLY_MET = 'PARTLY_MET',
  NOT_MET = 'NOT_MET',
  WITHDRAWN = 'WITHDRAWN',
}

registerEnumType(OfficeTitle, { name: 'OfficeTitle', description: 'The title an office-holder held.' });
registerEnumType(ElectionKind, {
  name: 'ElectionKind',
  description: 'What an election round elects (each contest says which office in its area).',
});
registerEnumType(ElectionSource, { name: 'ElectionSource', description: 'Where an election round came from.' });
registerEnumType(EngagementKind, {
  name: 'EngagementKind',
  description: "How a network engaged the commissioner's office.",
});
registerEnumType(CommitmentStatus, {
  name: 'CommitmentStatus',
  description: 'Whether a commitment made to a network was kept. OPEN until the network records how it ended.',
});
