import directoryEn from "../features/directory/directory.en.json";
import directoryEs from "../features/directory/directory.es.json";
import familiesEn from "../features/families/families.en.json";
import familiesEs from "../features/families/families.es.json";
import referralsEn from "../features/referrals/referrals.en.json";
import referralsEs from "../features/referrals/referrals.es.json";
import sipEn from "../features/sip/sip.en.json";
import sipEs from "../features/sip/sip.es.json";
import baseEn from "./en.json";
import baseEs from "./es.json";

/**
 * The translation catalogs: the shell's (./en.json, ./es.json) plus one pair per feature, each under
 * its feature's key (`sip.…`, `families.…`, `directory.…`), so features keep their strings beside them.
 */
export const en = {
  ...baseEn,
  sip: sipEn,
  families: familiesEn,
  directory: directoryEn,
  referrals: referralsEn,
};

// Spanish must carry every English key; a missing one fails the type check here.
export const es: typeof en = {
  ...baseEs,
  sip: sipEs,
  families: familiesEs,
  directory: directoryEs,
  referrals: referralsEs,
};
