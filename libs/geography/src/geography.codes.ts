/** ONS code shapes, checked at the API edge so a typo is a clear input error, not "not found". */
export const POLICE_FORCE_AREA_CODE = /^(E23|W15)[0-9]{6}$/;
export const LOCAL_AUTHORITY_CODE = /^(E06|E07|E08|E09|W06)[0-9]{6}$/;

export const POLICE_FORCE_AREA_CODE_HINT = 'must be an ONS police force area code such as E23000001 or W15000004';
export const LOCAL_AUTHORITY_CODE_HINT = 'must be an ONS local authority district code such as E06000001 or W06000015';
