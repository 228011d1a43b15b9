import { registerEnumType } from '@nestjs/graphql';

export enum Country {
  ENGLAND = 'ENGLAND',
  WALES = 'WALES',
}

/** English regions (ONS RGN24), with Wales as a tenth "region" so every area has one. */
export enum Region {
  NORTH_EAST = 'NORTH_EAST',
  NORTH_WEST = 'NORTH_WEST',
  YORKSHIRE_AND_THE_HUMBER = 'YORKSHIRE_AND_THE_HUMBER',
  EAST_MIDLANDS = 'EAST_MIDLANDS',
  WEST_MIDLANDS = 'WEST_MIDLANDS',
  EAST_OF_ENGLAND = 'EAST_OF_ENGLAND',
  LONDON = 'LONDON',
  SOUTH_EAST = 'SOUTH_EAST',
  SOUTH_WEST = 'SOUTH_WEST',
  WALES = 'WALES',
}

/** Who holds the police and crime commissioner functions in an area. */
export enum GovernanceType {
  PCC = 'PCC',
  PFCC = 'PFCC',
  MAYOR_PCC_FUNCTIONS = 'MAYOR_PCC_FUNCTIONS',
  MAYOR_PFCC_FUNCTIONS = 'MAYOR_PFCC_FUNCTIONS',
  CITY_OF_LONDON_POLICE_AUTHORITY = 'CITY_OF_LONDON_POLICE_AUTHORITY',
  POLICING_AND_CRIME_BOARD = 'POLICING_AND_CRIME_BOARD',
}

/** How sure the compiled reference data is of a fact (dates mostly). */
export enum Certainty {
  HIGH = 'HIGH',
  MEDIUM = 'MEDIUM',
  LOW = 'LOW',
}

registerEnumType(Country, { name: 'Country', description: 'A country of the England and Wales police system.' });
registerEnumType(Region, { name: 'Region', description: 'An English region (ONS), or Wales.' });
registerEnumType(GovernanceType, {
  name: 'GovernanceType',
  description: 'Who holds the police and crime commissioner functions of a police force area.',
  valuesMap: {
    PCC: { description: 'An elected Police and Crime Commissioner.' },
    PFCC: { description: 'An elected Police, Fire and Crime Commissioner (also governs the fire service).' },
    MAYOR_PCC_FUNCTIONS: { description: 'A mayor holds the PCC functions (e.g. London through MOPAC).' },
    MAYOR_PFCC_FUNCTIONS: { description: 'A mayor holds the police, fire and crime commissioner functions.' },
    CITY_OF_LONDON_POLICE_AUTHORITY: { description: 'The Common Council of the City of London as police authority.' },
    POLICING_AND_CRIME_BOARD: {
      description: 'A board led by council leaders holds the functions (planned to replace PCCs from 2028).',
    },
  },
});
registerEnumType(Certainty, { name: 'Certainty', description: 'How sure the reference data is of a fact.' });
