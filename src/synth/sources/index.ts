// Every synthetic source, in the order the generator writes them (the order is part of the
// seed's output: changing it changes the files).

import type { SourceDef } from '../source.js';
import { accessControl } from './access-control.js';
import { civilMarriage } from './civil-marriage.js';
import { eduEnrolment } from './edu-enrolment.js';
import { gridCollection } from './grid-collection.js';
import { healthRecords } from './health-records.js';
import { housingLease } from './housing-lease.js';
import { hrssContract } from './hrss-contract.js';
import { hrssInsurance } from './hrss-insurance.js';
import { legalAid } from './legal-aid.js';
import { marketBusiness } from './market-business.js';
import { medicalFiling } from './medical-filing.js';
import { pinyinRoster } from './pinyin-roster.js';
import { policeResidence } from './police-residence.js';

export const allSources: readonly SourceDef[] = [
  policeResidence, hrssInsurance, hrssContract, healthRecords, eduEnrolment, housingLease, medicalFiling,
  civilMarriage, marketBusiness, gridCollection, legalAid, accessControl, pinyinRoster,
];
