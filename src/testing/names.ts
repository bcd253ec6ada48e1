/**
 * Word lists for the synthetic practice generator: invented office, place and
 * person names (any resemblance to real offices or people is chance). ASCII only,
 * without apostrophes, so that names make valid e-mail addresses.
 *
 * @module
 * @internal
 */
import type { OfficeKind } from '../model/vocabulary';

/** Practice names. @internal */
export const practiceNames = [
  'Northside Counseling',
  'Riverbend Therapy Group',
  'Clearwater Family Therapy',
  'Harborlight Counseling Center',
  'Stillwater Behavioral Health',
  'Open Door Psychotherapy',
  'Bridgeview Counseling Associates',
  'Evergreen Mind and Wellness',
] as const;

/** The first word(s) of office names. @internal */
export const placeWords = [
  'Lakeside',
  'Riverside',
  'Elm Street',
  'Maple Grove',
  'Northgate',
  'Cedar Hill',
  'Parkview',
  'Harbor',
  'Summit',
  'Willow Creek',
  'Oak Ridge',
  'Bayview',
  'Hillcrest',
  'Meadowbrook',
  'Pinecrest',
  'Fairview',
  'Stonebridge',
  'Brookside',
  'Westfield',
  'Eastside',
  'Greenway',
  'Sunrise',
  'Highland',
  'Valley',
  'Main Street',
  'Market Street',
  'Union Square',
  'Heritage',
  'Crossroads',
  'Prairie',
  'Granite City',
  'Silver Lake',
  'Aspen',
  'Birchwood',
  'Foxhall',
  'Kingsbury',
  'Lincoln Park',
  'Mill Creek',
  'Old Town',
  'Redwood',
] as const;

/** How offices of each kind name themselves, after the place word. @internal */
export const officeSuffixes: Readonly<Record<OfficeKind, readonly string[]>> = {
  'primary-care': [
    'Family Medicine',
    'Primary Care',
    'Internal Medicine',
    'Family Practice',
    'Medical Group',
    'Community Health Center',
  ],
  pediatrics: ['Pediatrics', 'Pediatric Associates', 'Children’s Clinic', 'Kids Care'],
  'ob-gyn': ['OB/GYN', 'Women’s Health', 'Obstetrics & Gynecology', 'Midwifery Collective'],
  psychiatry: ['Psychiatry', 'Psychiatric Associates', 'Behavioral Medicine'],
  'urgent-care': ['Urgent Care', 'Walk-In Clinic', 'Express Care'],
  'hospital-unit': [
    'Regional Hospital Emergency Department',
    'Medical Center Maternity Unit',
    'Memorial Hospital Inpatient Psychiatry',
    'Medical Center Oncology Unit',
    'Regional Hospital Pediatric Unit',
  ],
  other: ['Sleep Clinic', 'Chiropractic', 'Wellness Center', 'Physical Therapy', 'Neurology', 'Student Health Center'],
};

/** Cities for addresses. @internal */
export const cities = [
  'Millbrook',
  'Cedar Falls',
  'Fairhaven',
  'Ashford',
  'Brighton Hills',
  'Clayton',
  'Dover Springs',
  'Easton',
  'Glenwood',
  'Hampton',
  'Kingsport',
  'Lakewood',
  'Marlow',
  'Newbury',
  'Oakdale',
  'Pleasant Valley',
  'Rockport',
  'Salem Heights',
  'Troy Mills',
  'Westbrook',
] as const;

/** Street names for addresses. @internal */
export const streets = [
  'Main St',
  'Oak Ave',
  'Maple Dr',
  'Church St',
  'Park Ave',
  'Washington Blvd',
  'Lake Rd',
  'Hill St',
  'Pine St',
  'Elm St',
  'River Rd',
  'Medical Pkwy',
  'Commerce Dr',
  'Spring St',
  'Center St',
] as const;

/** Given names. @internal */
export const firstNames = [
  'Ava', 'Ben', 'Carmen', 'Dana', 'Eli', 'Fatima', 'Grace', 'Hector', 'Imani', 'Jonah',
  'Keiko', 'Luis', 'Maya', 'Nadia', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Samuel', 'Tessa',
  'Uma', 'Victor', 'Wen', 'Ximena', 'Yusuf', 'Zoe', 'Aaron', 'Bianca', 'Caleb', 'Deepa',
  'Elena', 'Farid', 'Gabriel', 'Hana', 'Isaac', 'Julia', 'Kwame', 'Lena', 'Marcus', 'Nora',
  'Olivia', 'Pedro', 'Rachel', 'Sofia', 'Thomas', 'Valerie', 'William', 'Yara', 'Adrian', 'Chloe',
] as const;

/** Family names. @internal */
export const lastNames = [
  'Ames', 'Brooks', 'Chen', 'Diaz', 'Ellis', 'Fischer', 'Garcia', 'Huang', 'Ibrahim', 'Jensen',
  'Kowalski', 'Lopez', 'Mendez', 'Nakamura', 'Okafor', 'Patel', 'Quintero', 'Ruiz', 'Shah', 'Thompson',
  'Ueda', 'Vasquez', 'Williams', 'Xu', 'Yilmaz', 'Zimmerman', 'Anderson', 'Baker', 'Carter', 'Dubois',
  'Evans', 'Flores', 'Gupta', 'Hughes', 'Ivanova', 'Johnson', 'Kim', 'Larsen', 'Morales', 'Nguyen',
  'Ortiz', 'Price', 'Reyes', 'Singh', 'Tanaka', 'Underwood', 'Vogel', 'Walsh', 'Young', 'Zhang',
] as const;

/** Clinician credentials. @internal */
export const credentials = ['LCSW', 'PhD', 'PsyD', 'LMFT', 'LPC', 'LMHC'] as const;

/** Therapy specialties. @internal */
export const specialties = [
  'adolescent anxiety',
  'adult anxiety',
  'depression',
  'postpartum depression',
  'trauma and PTSD',
  'ADHD coaching',
  'eating disorders',
  'couples therapy',
  'grief',
  'OCD',
  'substance use',
  'chronic pain',
] as const;

/** Why a referral was declined. @internal */
export const declineReasons = [
  'Needs a higher level of care',
  'Outside our specialties',
  'Insurance not accepted',
  'No openings for this age group',
  'Patient lives outside our area',
] as const;

/** Where a declined patient was sent. @internal */
export const redirects = [
  'County crisis services',
  'Intensive outpatient program at the regional hospital',
  'A colleague in private practice',
  'Community mental health center',
  'Eating-disorder specialty clinic',
] as const;

/** Why an intake was cancelled. @internal */
export const cancelReasons = [
  'Patient chose another provider',
  'Patient no longer interested',
  'Could not reach the patient',
  'Scheduling conflict',
] as const;
