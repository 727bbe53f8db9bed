import consentEnJson from "../features/consent/consent.en.json";
import consentEsJson from "../features/consent/consent.es.json";
import directoryEn from "../features/directory/directory.en.json";
import directoryEs from "../features/directory/directory.es.json";
import familiesEn from "../features/families/families.en.json";
import familiesEs from "../features/families/families.es.json";
import privacyEn from "../features/privacy/privacy.en.json";
import privacyEs from "../features/privacy/privacy.es.json";
import outreachEn from "../features/referrals/outreach.en.json";
import outreachEs from "../features/referrals/outreach.es.json";
import referralsEn from "../features/referrals/referrals.en.json";
import referralsEs from "../features/referrals/referrals.es.json";
import sipEn from "../features/sip/sip.en.json";
import sipEs from "../features/sip/sip.es.json";
import taEn from "../features/ta/ta.en.json";
import taEs from "../features/ta/ta.es.json";
import baseEn from "./en.json";
import baseEs from "./es.json";

// The consent feature's error messages join the shell's `errors.…`, where ErrorAlert looks codes up.
const { errors: consentErrorsEn, ...consentEn } = consentEnJson;
const { errors: consentErrorsEs, ...consentEs } = consentEsJson;

/**
 * The translation catalogs: the shell's (./en.json, ./es.json) plus one pair per feature, each under
 * its feature's key (`sip.…`, `families.…`, `directory.…`), so features keep their strings beside them.
 */
export const en = {
  ...baseEn,
  errors: { ...baseEn.errors, ...consentErrorsEn },
  sip: sipEn,
  families: familiesEn,
  directory: directoryEn,
  referrals: referralsEn,
  referralOutreach: outreachEn,
  consent: consentEn,
  privacy: privacyEn,
  ta: taEn,
};

// Spanish must carry every English key; a missing one fails the type check here.
export const es: typeof en = {
  ...baseEs,
  errors: { ...baseEs.errors, ...consentErrorsEs },
  sip: sipEs,
  families: familiesEs,
  directory: directoryEs,
  referrals: referralsEs,
  referralOutreach: outreachEs,
  consent: consentEs,
  privacy: privacyEs,
  ta: taEs,
};
