import { defineMessages } from '../../i18n/define';

/* The /token page's texts. The token's own texts (title, "press the button", "valid for") are the
 * terminal simulator's (src/terminal/messages.ts): one token, one wording, in the terminal and the page. */
export const WEB_TOKEN_MESSAGES = defineMessages({
  'webToken.pageTitle': { en: 'Practice token in the browser', da: 'Øvelsestoken i browseren' },
  'webToken.choose.heading': { en: 'Choose a practice token', da: 'Vælg et øvelsestoken' },
  'webToken.choose.intro': {
    en: 'No code display or audio code reader at hand? Practise with one here in the browser. It works like the real one, but only on this practice site.',
    da: 'Har du ikke en kodeviser eller en kodeoplæser ved hånden? Så kan du øve med en her i browseren. Den virker som den rigtige, men kun på denne øvelsesside.',
  },
  'webToken.choose.codeDisplay': { en: 'Use a code display', da: 'Brug en kodeviser' },
  'webToken.choose.audioReader': { en: 'Use an audio code reader', da: 'Brug en kodeoplæser' },
  'webToken.choose.codeDisplayHelp': {
    en: 'Shows the code on a small screen when you press the grey button.',
    da: 'Viser koden på en lille skærm, når du trykker på den grå knap.',
  },
  'webToken.choose.audioReaderHelp': {
    en: 'Very large digits, and the code read aloud when you press the red button. Use headphones.',
    da: 'Meget store cifre, og koden bliver læst op, når du trykker på den røde knap. Brug hovedtelefoner.',
  },
  'webToken.serial': { en: 'Serial number', da: 'Serienummer' },
  'webToken.serialHelp': {
    en: 'You type the serial number when you activate the token.',
    da: 'Du skal bruge serienummeret, når du aktiverer tokenet.',
  },
  'webToken.howTo': {
    en: 'Press the button and type the code into the login box before the countdown runs out.',
    da: 'Tryk på knappen, og skriv koden i login-boksen, før nedtællingen er slut.',
  },
  'webToken.codeLabel': { en: 'Code', da: 'Kode' },
  'webToken.button.grey': { en: 'Grey button: show the code', da: 'Grå knap: vis koden' },
  'webToken.button.red': { en: 'Red button: read the code aloud', da: 'Rød knap: læs koden op' },
  'webToken.button.repeat': { en: 'Repeat (R)', da: 'Gentag (R)' },
  'webToken.button.volumeUp': { en: 'Louder (+)', da: 'Højere (+)' },
  'webToken.button.volumeDown': { en: 'Quieter (−)', da: 'Lavere (−)' },
  'webToken.button.rateUp': { en: 'Faster (>)', da: 'Hurtigere (>)' },
  'webToken.button.rateDown': { en: 'Slower (<)', da: 'Langsommere (<)' },
  'webToken.button.lang': { en: 'Dansk (L)', da: 'English (L)' },
  'webToken.button.langLabel': { en: 'Switch the token to Danish (L)', da: 'Skift tokenet til engelsk (L)' },
  'webToken.settings': { en: 'Volume {volume}%, speech rate {rate}%', da: 'Lydstyrke {volume} %, taletempo {rate} %' },
  'webToken.keys.heading': { en: 'Keys', da: 'Taster' },
  'webToken.keys.display': {
    en: 'Tab to the grey button; space or Enter presses it. L changes the language.',
    da: 'Gå til den grå knap med Tab; mellemrum eller Enter trykker på den. L skifter sprog.',
  },
  'webToken.keys.reader': {
    en: 'While one of the buttons has focus: space or Enter presses it, R repeats, + and − change the volume, > and < change the speech rate, and L changes the language. You hear a beep at the new volume or rate.',
    da: 'Når en af knapperne har fokus: mellemrum eller Enter trykker på den, R gentager, + og − ændrer lydstyrken, > og < ændrer taletempoet, og L skifter sprog. Du hører et bip ved den nye lydstyrke eller det nye tempo.',
  },
  'webToken.noScript': {
    en: 'Without JavaScript the countdown does not move by itself: press the button again for a fresh code.',
    da: 'Uden JavaScript tæller nedtællingen ikke af sig selv: tryk på knappen igen for at få en ny kode.',
  },
  'webToken.audio.label': { en: 'The code read aloud', da: 'Koden læst op' },
  'webToken.audio.noVoice': { en: 'No speech: {reason}', da: 'Ingen oplæsning: {reason}' },
  'webToken.another': { en: 'Use another practice token', da: 'Brug et andet øvelsestoken' },
  'webToken.error.badKind': {
    en: 'Choose a code display or an audio code reader.',
    da: 'Vælg en kodeviser eller en kodeoplæser.',
  },
  'webToken.error.badKey': {
    en: 'That key does nothing on this token. Use the buttons on the page.',
    da: 'Den tast gør ikke noget på dette token. Brug knapperne på siden.',
  },
  'webToken.error.noToken': {
    en: 'You have no practice token in this browser yet: choose one first.',
    da: 'Du har ikke et øvelsestoken i denne browser endnu: vælg et først.',
  },
  'webToken.error.noAudio': {
    en: 'That reading is no longer available: press the red button again.',
    da: 'Den oplæsning findes ikke længere: tryk på den røde knap igen.',
  },
  'webToken.error.full': {
    en: 'The practice site has no room for more practice tokens right now. Ask the trainer for help.',
    da: 'Øvelsessiden har ikke plads til flere øvelsestokens lige nu. Bed underviseren om hjælp.',
  },
  // The class log on the trainer console (looked up as practice.event.<kind>).
  'practice.event.webTokenCreated': {
    en: 'A new practice token on screen: serial number {serial}',
    da: 'Et nyt øvelsestoken på skærmen: serienummer {serial}',
  },
  'webToken.backToToken': { en: 'Back to the practice token', da: 'Tilbage til øvelsestokenet' },
});
