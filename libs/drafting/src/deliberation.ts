/** How the fields of a draft's deliberation (`DraftAccess.canReadDeliberation`) describe themselves. */
export const MEMBERS_ONLY =
  "Null unless you are a member of the draft's network (or an admin): how a draft came to be stays with its network, also once the draft is public.";
