export const SPECIALISM_CODE = /^[A-Z][A-Z0-9_]{1,63}$/;
