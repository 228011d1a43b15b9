import type { EntityManager } from 'typeorm';
import { seedId } from '@app/common';
import { PoliceForceAreaEntity } from '@app/geography';
import { demoOrganisationId } from '@app/organisations';
import {
  LocalNetworkEntity,
  NetworkMembershipChangeEntity,
  NetworkMembershipEntity,
  NetworkStatusChangeEntity,
} from '../network.entities';
import { MembershipRole, MembershipStatus, NetworkStatus } from '../network.enums';

interface DemoNetwork {
  readonly key: string;
  readonly name: string;
  readonly area: string;
  readonly status: NetworkStatus;
  readonly membersPublic: boolean;
  readonly convenor: string;
  readonly members: readonly string[];
}

/**
 * A coverage story: Gwent reaches every authority and priority (GREEN), Cleveland has gaps
 * (AMBER), Merseyside's network is still forming (RED), and the other 40 areas have none.
 */
const DEMO_NETWORKS: readonly DemoNetwork[] = [
  {
    key: 'gwent',
    name: 'Gwent Criminal Justice Alliance (demo)',
    area: 'W15000002',
    status: NetworkStatus.ACTIVE,
    membersPublic: true,
    convenor: 'cvs:W06000022',
    members: [
      'cvs:W06000018',
      'cvs:W06000019',
      'cvs:W06000020',
      'cvs:W06000021',
      'local:W15000002:0',
      'local:W15000002:1',
      'local:W15000002:2',
      'national:equality',
    ],
  },
  {
    key: 'cleveland',
    name: 'Cleveland Voluntary Sector Justice Network (demo)',
    area: 'E23000013',
    status: NetworkStatus.ACTIVE,
    membersPublic: false,
    convenor: 'cvs:E06000002',
    members: ['local:E23000013:0', 'local:E23000013:2'],
  },
  {
    key: 'merseyside',
    name: 'Merseyside Justice Forum (demo)',
    area: 'E23000004',
    status: NetworkStatus.FORMING,
    membersPublic: false,
    convenor: 'cvs:E08000012',
    members: [],
  },
];

export const demoNetworkId = (key: string): string => seedId('demo_network', key);

/** Loads the demo networks with their memberships, histories and a first activity item each; skips existing ones. */
export async function seedDemoNetworks(manager: EntityManager): Promise<{ networks: number; memberships: number }> {
  const areas = await manager.getRepository(PoliceForceAreaEntity).find();
  const areaOf = new Map(areas.map((a) => [a.code, a]));
  return manager.transaction(async (tx) => {
    let networks = 0;
    let memberships = 0;
    for (const demo of DEMO_NETWORKS) {
      const area = areaOf.get(demo.area);
      if (!area) {
        continue;
      }
      const id = demoNetworkId(demo.key);
      if (await tx.existsBy(LocalNetworkEntity, { id })) {
        continue; // demo networks change through the API like any other; never reset them
      }
      const active = demo.status === NetworkStatus.ACTIVE;
      await tx.insert(LocalNetworkEntity, {
        id,
        name: demo.name,
        policeForceAreaId: area.id,
        purpose: `A demo network of voluntary organisations working with the ${area.displayName} commissioner.`,
        status: demo.status,
        activeSince: active ? new Date() : null,
        membersPublic: demo.membersPublic,
      });
      await tx.insert(
        NetworkStatusChangeEntity,
        (active ? [NetworkStatus.FORMING, NetworkStatus.ACTIVE] : [demo.status]).map((status) => ({
          networkId: id,
          status,
        })),
      );
      const rows = [
        { key: demo.convenor, role: MembershipRole.CONVENOR },
        ...demo.members.map((key) => ({ key, role: MembershipRole.MEMBER })),
      ].map(({ key, role }) => ({
        id: seedId('demo_membership', `${demo.key}:${key}`),
        networkId: id,
        organisationId: demoOrganisationId(key),
        role,
        status: MembershipStatus.ACTIVE,
        joinedAt: new Date(),
      }));
      await tx.insert(NetworkMembershipEntity, rows);
      await tx.insert(
        NetworkMembershipChangeEntity,
        rows.map((m) => ({ membershipId: m.id, role: m.role, status: m.status, reason: 'demo data' })),
      );
      networks++;
      memberships += rows.length;
      await tx.query(
        `INSERT INTO activity_event (tx_id, verb, visibility, police_force_area_code, organisation_id, network_id, payload)
         VALUES ((pg_current_xact_id()::text)::bigint, 'NETWORK_CREATED', 'PUBLIC', $1, $2, $3, $4::jsonb)`,
        [area.code, demoOrganisationId(demo.convenor), id, JSON.stringify({ network: demo.name, demo: true })],
      );
    }
    return { networks, memberships };
  });
}
