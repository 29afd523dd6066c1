import { defineMessages } from '../i18n/index';

/**
 * Every text of the practice site, Danish and English. Page texts are plain text: the page templates
 * escape them (src/practice/html.ts); placeholders are filled before escaping.
 */
export const PRACTICE_MESSAGES = defineMessages({
  'practice.banner': { da: 'ØVELSE – ikke rigtig MitID', en: 'PRACTICE – not real MitID' },
  'practice.banner.detail': {
    da: 'Her øver du dig kun. Skriv aldrig dit CPR-nummer, din rigtige adgangskode eller andre rigtige oplysninger.',
    en: 'This is practice only. Never type your CPR number, your real password or any other real details.',
  },
  'practice.site': { da: 'tokenkit øvelse', en: 'tokenkit practice' },
  'practice.skip': { da: 'Gå til indholdet', en: 'Skip to content' },
  'practice.lang.switch': { da: 'English', en: 'Dansk' },
  'practice.lang.switchLabel': { da: 'Read this page in English', en: 'Læs siden på dansk' },
  'practice.nav.label': { da: 'Øvelsens trin', en: 'Practice steps' },
  'practice.nav.home': { da: 'Forside', en: 'Home' },
  'practice.nav.create': { da: 'Opret bruger-ID', en: 'Create a user ID' },
  'practice.nav.activate': { da: 'Aktivér kodeviser', en: 'Activate a token' },
  'practice.nav.login': { da: 'Log på', en: 'Log in' },
  'practice.nav.trainer': { da: 'Underviser', en: 'Trainer' },
  'practice.footer': {
    da: 'tokenkit er et øvelsesværktøj. Det har ingen forbindelse til det rigtige MitID.',
    en: 'tokenkit is a practice tool. It has no connection to the real MitID.',
  },
  'practice.home.title': { da: 'Øv dig i at bruge MitID', en: 'Practise using MitID' },
  'practice.home.intro': {
    da: 'Her kan du øve dig i at oprette et bruger-ID, aktivere en kodeviser eller kodeoplæser og logge på – uden at det er rigtigt.',
    en: 'Here you can practise creating a user ID, activating a code display or an audio code reader, and logging in – none of it is real.',
  },
  'practice.home.steps': { da: 'Sådan øver du', en: 'How to practise' },
  'practice.home.step1': {
    da: 'Opret et bruger-ID og en adgangskode kun til øvelsen.',
    en: 'Create a user ID and a password for practice only.',
  },
  'practice.home.step2': {
    da: 'Aktivér din kodeviser eller kodeoplæser med aktiveringsbrevet fra underviseren.',
    en: 'Activate your code display or audio code reader with the activation letter from your trainer.',
  },
  'practice.home.step3': {
    da: 'Log på en øvelsestjeneste med koden fra din kodeviser.',
    en: 'Log in to a practice service with the code from your token.',
  },
  'practice.error.title': { da: 'Det gik ikke', en: 'That did not work' },
  'practice.error.400': {
    da: 'Siden fik en forespørgsel, den ikke kunne forstå. Gå tilbage, og prøv igen.',
    en: 'The page got a request it could not understand. Go back and try again.',
  },
  'practice.error.403': {
    da: 'Formularen var for gammel eller kom ikke fra denne side. Gå tilbage, genindlæs siden, og prøv igen.',
    en: 'The form was out of date or did not come from this site. Go back, reload the page and try again.',
  },
  'practice.error.404': { da: 'Siden findes ikke.', en: 'There is no such page.' },
  'practice.error.405': { da: 'Siden kan ikke bruges på den måde.', en: 'This page cannot be used that way.' },
  'practice.error.413': {
    da: 'Der blev sendt for meget tekst. Skriv mindre, og prøv igen.',
    en: 'Too much text was sent. Type less and try again.',
  },
  'practice.error.415': {
    da: 'Formularen blev sendt i et format, siden ikke kender. Brug formularen på siden.',
    en: 'The form was sent in a format this site does not know. Use the form on the page.',
  },
  'practice.error.429': {
    da: 'Der er prøvet for mange gange på kort tid. Vent et minut, og prøv igen.',
    en: 'There have been too many tries in a short time. Wait a minute and try again.',
  },
  'practice.error.4xx': {
    da: 'Forespørgslen kunne ikke gennemføres. Gå tilbage, og prøv igen.',
    en: 'The request could not be completed. Go back and try again.',
  },
  'practice.error.500': {
    da: 'Der skete en fejl på øvelsessiden. Prøv igen, eller sig det til underviseren.',
    en: 'Something went wrong on the practice site. Try again, or tell your trainer.',
  },
  'practice.error.home': { da: 'Gå til forsiden', en: 'Go to the home page' },
  'practice.server.passphraseRequired': {
    da: 'øvelsessiden på {host} kan nås fra andre computere, så underviserens sider skal have en adgangsfrase: sæt TOKENKIT_TRAINER_PASSPHRASE, eller brug --host 127.0.0.1',
    en: 'the practice site on {host} can be reached from other computers, so the trainer pages need a passphrase: set TOKENKIT_TRAINER_PASSPHRASE, or use --host 127.0.0.1',
  },
  'practice.server.passphraseShort': {
    da: 'underviserens adgangsfrase er for kort ({length} tegn): brug mindst {min} tegn',
    en: 'the trainer passphrase is too short ({length} characters): use at least {min}',
  },
  'practice.server.badPort': {
    da: "porten '{value}' kan ikke bruges: angiv et helt tal fra 0 til 65535 (0 vælger en ledig port)",
    en: "port '{value}' cannot be used: give a whole number from 0 to 65535 (0 picks a free port)",
  },
  'practice.server.listen': {
    da: 'øvelsessiden kunne ikke lytte på {host}:{port} ({detail}): vælg en anden --port eller --host',
    en: 'the practice site could not listen on {host}:{port} ({detail}): choose another --port or --host',
  },
});
