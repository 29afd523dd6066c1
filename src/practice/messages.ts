import { defineMessages } from '../i18n/define';

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
  'practice.nav.token': { da: 'Kodeviser på skærmen', en: 'Token on screen' },
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
  'practice.home.noBoard': {
    da: 'Har du ingen kodeviser med? Brug en på skærmen:',
    en: 'No token with you? Use one on the screen:',
  },
  'practice.home.nextPassword': { da: 'Fortsæt: vælg en adgangskode', en: 'Go on: choose a password' },
  'practice.home.nextActivate': { da: 'Fortsæt: aktivér din kodeviser', en: 'Go on: activate your token' },
  'practice.home.nextLogin': { da: 'Fortsæt: log på', en: 'Go on: log in' },
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
  'practice.session.as': {
    da: 'Du er logget ind som {userId}. Er det ikke dig, så log ud, og start selv forfra.',
    en: 'You are signed in as {userId}. If that is not you, sign out and start on your own.',
  },
  'practice.session.signOut': { da: 'Log ud', en: 'Sign out' },
  'practice.form.continue': { da: 'Fortsæt', en: 'Continue' },
  'practice.form.errors': { da: 'Ret det her, før du går videre', en: 'Fix this before you go on' },
  'practice.token.codeDisplay': { da: 'kodeviser', en: 'code display' },
  'practice.token.audioReader': { da: 'kodeoplæser', en: 'audio code reader' },
  'practice.cpr.live': {
    da: 'Det ligner et CPR-nummer. Skriv aldrig dit rigtige CPR-nummer her – find på noget andet.',
    en: 'That looks like a CPR number. Never type your real CPR number here – make something up.',
  },
  'practice.cpr.refused': {
    da: 'Det, du skrev, ligner et CPR-nummer, så det er ikke gemt. Skriv aldrig rigtige oplysninger her – find på noget andet.',
    en: 'What you typed looks like a CPR number, so it was not saved. Never type real details here – make something up.',
  },
  'practice.rule.met': { da: 'opfyldt', en: 'met' },
  'practice.rule.unmet': { da: 'ikke opfyldt', en: 'not met' },

  'practice.create.title': { da: 'Opret et bruger-ID', en: 'Create a user ID' },
  'practice.create.intro': {
    da: 'Find på et bruger-ID kun til øvelsen. Det er det navn, du logger på med. Brug ikke dit rigtige bruger-ID.',
    en: 'Make up a user ID for practice only. It is the name you log in with. Do not use your real user ID.',
  },
  'practice.create.seat': { da: 'Din plads i lokalet (kan udelades)', en: 'Your seat in the room (optional)' },
  'practice.create.seatHint': {
    da: 'For eksempel "Bord 4". Så kan underviseren se, hvem der har brug for hjælp.',
    en: 'For example "Table 4". Then the trainer can see who needs help.',
  },
  'practice.create.seatError': {
    da: 'Pladsen må højst være {max} tegn og kun almindelig tekst.',
    en: 'The seat can be at most {max} characters of plain text.',
  },
  'practice.create.userId': { da: 'Bruger-ID', en: 'User ID' },
  'practice.create.userIdHint': {
    da: 'Listen under feltet viser reglerne. Med JavaScript slået til bliver de krydset af, mens du skriver.',
    en: 'The list under the field shows the rules. With JavaScript on, they are ticked off as you type.',
  },
  'practice.userId.rule.length': { da: 'Mellem {min} og {max} tegn', en: 'Between {min} and {max} characters' },
  'practice.userId.rule.characters': {
    da: 'Kun bogstaverne a–z og æ, ø, å, tal, mellemrum og tegnene {signs}',
    en: 'Only the letters a–z and æ, ø, å, digits, spaces and the signs {signs}',
  },
  'practice.userId.rule.edges': { da: 'Ingen mellemrum først eller sidst', en: 'No space at the start or the end' },
  'practice.userId.rule.notCpr': {
    da: 'Ikke 10 cifre, for det kan være et CPR-nummer',
    en: 'Not 10 digits, since that could be a CPR number',
  },
  'practice.userId.rule.unique': {
    da: 'Ikke allerede brugt af en anden (store og små bogstaver tæller ens) – det tjekkes, når du trykker Fortsæt',
    en: 'Not already taken (capitals and small letters count the same) – checked when you press Continue',
  },
  'practice.userId.error.length': {
    da: 'Bruger-ID skal være mellem {min} og {max} tegn.',
    en: 'The user ID must be between {min} and {max} characters.',
  },
  'practice.userId.error.characters': {
    da: 'Bruger-ID indeholder et tegn, der ikke må bruges. Brug kun a–z, æ, ø, å, tal, mellemrum og de viste tegn.',
    en: 'The user ID contains a character that cannot be used. Use only a–z, æ, ø, å, digits, spaces and the signs shown.',
  },
  'practice.userId.error.edges': {
    da: 'Bruger-ID må ikke begynde eller slutte med et mellemrum.',
    en: 'The user ID cannot start or end with a space.',
  },
  'practice.userId.error.notCpr': {
    da: 'Bruger-ID må ikke være 10 cifre, for det kan være et CPR-nummer.',
    en: 'The user ID cannot be 10 digits, since that could be a CPR number.',
  },
  'practice.userId.error.taken': {
    da: 'Det bruger-ID er allerede taget. Store og små bogstaver tæller ens. Find på et andet.',
    en: 'That user ID is already taken. Capitals and small letters count the same. Choose another.',
  },

  'practice.password.title': { da: 'Vælg en adgangskode', en: 'Choose a password' },
  'practice.password.intro': {
    da: 'Dit bruger-ID er {userId}. Vælg nu en adgangskode til øvelsen.',
    en: 'Your user ID is {userId}. Now choose a password for practice.',
  },
  'practice.password.notReal': {
    da: 'Brug aldrig din rigtige adgangskode her. Find på en ny, som du kun bruger i dag.',
    en: 'Never use your real password here. Make up a new one that you only use today.',
  },
  'practice.password.label': { da: 'Adgangskode', en: 'Password' },
  'practice.password.repeat': { da: 'Skriv adgangskoden igen', en: 'Type the password again' },
  'practice.password.save': { da: 'Gem adgangskoden', en: 'Save the password' },
  'practice.password.rule.length': { da: 'Mellem {min} og {max} tegn', en: 'Between {min} and {max} characters' },
  'practice.password.rule.containsUserId': {
    da: 'Må ikke indeholde dit bruger-ID',
    en: 'Must not contain your user ID',
  },
  'practice.password.rule.tenDigits': { da: 'Ikke ti cifre i træk', en: 'Not ten digits in a row' },
  'practice.password.rule.obvious': {
    da: 'Ikke et oplagt ord eller en række som "password", "12345678" eller "qwertyui"',
    en: 'Not an obvious word or sequence such as "password", "12345678" or "qwertyui"',
  },
  'practice.password.error.length': {
    da: 'Adgangskoden skal være mellem {min} og {max} tegn.',
    en: 'The password must be between {min} and {max} characters.',
  },
  'practice.password.error.containsUserId': {
    da: 'Adgangskoden må ikke indeholde dit bruger-ID.',
    en: 'The password must not contain your user ID.',
  },
  'practice.password.error.tenDigits': {
    da: 'Adgangskoden må ikke have ti cifre i træk.',
    en: 'The password must not have ten digits in a row.',
  },
  'practice.password.error.obvious': {
    da: 'Adgangskoden er for let at gætte: den indeholder et oplagt ord eller en række tegn efter hinanden. Find på noget andet.',
    en: 'The password is too easy to guess: it contains an obvious word or a run of characters in order. Choose something else.',
  },
  'practice.password.error.repeat': {
    da: 'De to adgangskoder er ikke ens. Skriv den samme i begge felter.',
    en: 'The two passwords are not the same. Type the same one in both fields.',
  },

  'practice.activate.title': {
    da: 'Aktivér din kodeviser eller kodeoplæser',
    en: 'Activate your code display or audio code reader',
  },
  'practice.activate.step': { da: 'Trin {n} af {of}', en: 'Step {n} of {of}' },
  'practice.activate.restart': { da: 'Start aktiveringen forfra', en: 'Start the activation again' },
  'practice.activate.signInTitle': { da: 'Log ind for at aktivere', en: 'Sign in to activate' },
  'practice.activate.signInIntro': {
    da: 'Skriv det bruger-ID og den adgangskode, du lavede til øvelsen.',
    en: 'Type the user ID and the password you made for practice.',
  },
  'practice.activate.signInWrong': {
    da: 'Bruger-ID eller adgangskode er forkert. Prøv igen.',
    en: 'The user ID or the password is wrong. Try again.',
  },
  'practice.activate.noUserId': {
    da: 'Har du ikke et bruger-ID endnu? Opret et her.',
    en: 'No user ID yet? Create one here.',
  },
  'practice.activate.typeQuestion': { da: 'Hvad vil du aktivere?', en: 'What do you want to activate?' },
  'practice.activate.typeHint.code-display': {
    da: 'En lille enhed med en grå knap og en skærm, der viser en kode.',
    en: 'A small device with a grey button and a screen that shows a code.',
  },
  'practice.activate.typeHint.audio-code-reader': {
    da: 'Viser koden med meget store tal og læser den højt. Har en rød knap.',
    en: 'Shows the code in very large digits and reads it aloud. Has a red button.',
  },
  'practice.activate.typeMissing': {
    da: 'Vælg kodeviser eller kodeoplæser.',
    en: 'Choose a code display or an audio code reader.',
  },
  'practice.activate.serial': { da: 'Serienummer på din {token}', en: 'Serial number of your {token}' },
  'practice.activate.serialHint': {
    da: 'Serienummeret står på bagsiden af din {token}, eller på skærmen, hvis du bruger en i browseren.',
    en: 'The serial number is on the back of your {token}, or on the screen if you use one in the browser.',
  },
  'practice.activate.serialMissing': { da: 'Skriv serienummeret.', en: 'Type the serial number.' },
  'practice.activate.serialUnknown': {
    da: 'Det serienummer kender vi ikke. Tjek det, og prøv igen, eller spørg underviseren.',
    en: 'We do not know that serial number. Check it and try again, or ask your trainer.',
  },
  'practice.activate.serialTaken': {
    da: 'Den {token} er allerede aktiveret af en anden. Tjek serienummeret, eller spørg underviseren.',
    en: 'That {token} has already been activated by someone else. Check the serial number, or ask your trainer.',
  },
  'practice.activate.serialIsReader': {
    da: 'Serienummeret hører til en kodeoplæser, men du valgte kodeviser. Start forfra, og vælg kodeoplæser.',
    en: 'The serial number belongs to an audio code reader, but you chose a code display. Start again and choose audio code reader.',
  },
  'practice.activate.serialIsDisplay': {
    da: 'Serienummeret hører til en kodeviser, men du valgte kodeoplæser. Start forfra, og vælg kodeviser.',
    en: 'The serial number belongs to a code display, but you chose an audio code reader. Start again and choose code display.',
  },
  'practice.activate.letterIntro': {
    da: 'Brug aktiveringsbrevet, du har fået af underviseren. Der står et brevnummer og en aktiveringskode.',
    en: 'Use the activation letter your trainer gave you. It has a letter number and an activation code.',
  },
  'practice.activate.letterNumber': { da: 'Brevnummer', en: 'Letter number' },
  'practice.activate.letterNumberHint': { da: 'Tallet øverst i brevet.', en: 'The number at the top of the letter.' },
  'practice.activate.letterCode': { da: 'Aktiveringskode', en: 'Activation code' },
  'practice.activate.letterCodeHint': {
    da: 'Otte bogstaver og tal, for eksempel K7QM-X3PF. Store eller små bogstaver er lige meget.',
    en: 'Eight letters and digits, for example K7QM-X3PF. Capitals or small letters do not matter.',
  },
  'practice.activate.letterUnknown': {
    da: 'Der er intet brev med det nummer. Tjek nummeret øverst i brevet.',
    en: 'There is no letter with that number. Check the number at the top of the letter.',
  },
  'practice.activate.letterBlocked': {
    da: 'Brevet er spærret efter for mange forkerte koder. Bed underviseren om et nyt brev.',
    en: 'The letter is blocked after too many wrong codes. Ask your trainer for a new letter.',
  },
  'practice.activate.letterUsed': {
    da: 'Brevet er allerede brugt. Bed underviseren om et nyt brev.',
    en: 'The letter has already been used. Ask your trainer for a new letter.',
  },
  'practice.activate.letterWrong': {
    da: 'Forkert aktiveringskode. Du har {left} forsøg tilbage.',
    en: 'Wrong activation code. You have {left} tries left.',
  },
  'practice.activate.letterWrongOne': {
    da: 'Forkert aktiveringskode. Du har 1 forsøg tilbage – så bliver brevet spærret.',
    en: 'Wrong activation code. You have 1 try left – then the letter is blocked.',
  },
  'practice.activate.letterNowBlocked': {
    da: 'Forkert aktiveringskode for tredje gang, så brevet er nu spærret. Bed underviseren om et nyt brev.',
    en: 'A wrong activation code for the third time, so the letter is now blocked. Ask your trainer for a new letter.',
  },
  'practice.activate.proofIntro': {
    da: 'Tryk på knappen på din {token}, og skriv den kode, den viser. Så ved vi, at den er din.',
    en: 'Press the button on your {token} and type the code it shows. That proves it is yours.',
  },
  'practice.activate.activate': { da: 'Aktivér', en: 'Activate' },
  'practice.activate.raced': {
    da: 'Den {token} blev aktiveret af en anden imens. Skriv serienummeret på din egen.',
    en: 'That {token} was activated by someone else meanwhile. Type the serial number of your own.',
  },
  'practice.activate.doneTitle': { da: 'Aktiveret', en: 'Activated' },
  'practice.activate.done': {
    da: 'Din {token} med serienummer {serial} er aktiveret.',
    en: 'Your {token} with serial number {serial} is activated.',
  },
  'practice.activate.doneNext': {
    da: 'Nu kan du øve dig i at logge på med den.',
    en: 'Now you can practise logging in with it.',
  },

  'practice.code.label': { da: 'Kode fra din {token}', en: 'Code from your {token}' },
  'practice.code.hint': {
    da: '6 cifre. Mellemrum gør ikke noget, og du må gerne indsætte koden.',
    en: '6 digits. Spaces do not matter, and you may paste the code.',
  },
  'practice.code.format': {
    da: 'Koden skal være 6 cifre. Tryk på knappen på din {token}, og skriv de cifre, den viser.',
    en: 'The code must be 6 digits. Press the button on your {token} and type the digits it shows.',
  },
  'practice.code.wrong': {
    da: 'Forkert kode. Du har {left} forsøg tilbage. Tryk på knappen igen, og skriv den nye kode.',
    en: 'Wrong code. You have {left} tries left. Press the button again and type the new code.',
  },
  'practice.code.wrongOne': {
    da: 'Forkert kode. Du har 1 forsøg tilbage – så bliver din {token} spærret.',
    en: 'Wrong code. You have 1 try left – then your {token} is blocked.',
  },
  'practice.code.replayed': {
    da: 'Den kode er allerede brugt. Vent, til din {token} viser en ny kode, og skriv den.',
    en: 'That code has already been used. Wait until your {token} shows a new code, and type that.',
  },
  'practice.blocked.title': { da: 'Din {token} er spærret', en: 'Your {token} is blocked' },
  'practice.blocked.what': {
    da: 'Der blev skrevet en forkert kode tre gange, så din {token} er spærret for en tid.',
    en: 'A wrong code was typed three times, so your {token} is blocked for a while.',
  },
  'practice.blocked.until': {
    da: 'Spærringen slutter kl. {time} (om cirka {minutes} min.).',
    en: 'The block ends at {time} (in about {minutes} min).',
  },
  'practice.blocked.todo': { da: 'Hvad gør du nu?', en: 'What do you do now?' },
  'practice.blocked.todoTrainer': {
    da: 'Ræk hånden op: underviseren kan låse op med det samme.',
    en: 'Raise your hand: the trainer can unlock it straight away.',
  },
  'practice.blocked.todoWait': {
    da: 'Eller vent, til spærringen slutter, og prøv så igen fra begyndelsen.',
    en: 'Or wait until the block ends, then try again from the start.',
  },
  'practice.blocked.todoReal': {
    da: 'Med det rigtige MitID kontakter du MitID-support, hvis du ikke selv har skrevet de forkerte koder.',
    en: 'With the real MitID, contact MitID support if you did not type the wrong codes yourself.',
  },
  'practice.blocked.again': { da: 'Prøv igen fra begyndelsen', en: 'Try again from the start' },

  'practice.login.chooseTitle': { da: 'Log på en øvelsestjeneste', en: 'Log in to a practice service' },
  'practice.login.chooseIntro': {
    da: 'Vælg, hvor du vil logge på. Ingen af tjenesterne er rigtige.',
    en: 'Choose where to log in. None of the services are real.',
  },
  'practice.login.startService': { da: 'Log på {service}', en: 'Log in to {service}' },
  'practice.login.youStarted': { da: 'Du er ved at: {action}', en: 'You are about to: {action}' },
  'practice.login.timeLeft': {
    da: 'Du har {minutes} min. til at logge på. Brug for mere tid? Tryk på knappen.',
    en: 'You have {minutes} min to log in. Need more time? Press the button.',
  },
  'practice.login.moreTime': { da: 'Giv mig mere tid', en: 'Give me more time' },
  'practice.login.abort': { da: 'Afbryd login', en: 'Stop logging in' },
  'practice.login.userIdTitle': { da: 'Log på med MitID', en: 'Log in with MitID' },
  'practice.login.userId': { da: 'Bruger-ID', en: 'User ID' },
  'practice.login.userIdUnknown': {
    da: 'Vi kan ikke finde det bruger-ID. Tjek stavningen, eller opret et bruger-ID først.',
    en: 'We cannot find that user ID. Check the spelling, or create a user ID first.',
  },
  'practice.login.noToken': {
    da: 'Du har ikke aktiveret en kodeviser eller kodeoplæser endnu. Gør det under "Aktivér kodeviser" først.',
    en: 'You have not activated a code display or audio code reader yet. Do that under "Activate a token" first.',
  },
  'practice.login.codeTitle': { da: 'Kode fra din {token}', en: 'Code from your {token}' },
  'practice.login.codeIntro': {
    da: 'Bruger-ID: {userId}. Tryk på knappen på din {token}, og skriv koden.',
    en: 'User ID: {userId}. Press the button on your {token} and type the code.',
  },
  'practice.login.passwordTitle': { da: 'Din adgangskode', en: 'Your password' },
  'practice.login.password': { da: 'Adgangskode', en: 'Password' },
  'practice.login.passwordHint': {
    da: 'Den adgangskode, du lavede til øvelsen – aldrig din rigtige.',
    en: 'The password you made for practice – never your real one.',
  },
  'practice.login.passwordWrong': { da: 'Forkert adgangskode. Prøv igen.', en: 'Wrong password. Try again.' },
  'practice.login.logIn': { da: 'Log på', en: 'Log in' },
  'practice.login.approveTitle': { da: 'Godkend eller afvis', en: 'Approve or reject' },
  'practice.login.approveAsk': { da: '{service} beder dig godkende:', en: '{service} asks you to approve:' },
  'practice.login.approveCheck': {
    da: 'Læs teksten. Godkend kun, hvis den passer med det, du selv er i gang med. Ellers skal du afvise.',
    en: 'Read the text. Approve only if it matches what you are doing yourself. Otherwise, reject.',
  },
  'practice.login.approve': { da: 'Godkend', en: 'Approve' },
  'practice.login.reject': { da: 'Afvis', en: 'Reject' },
  'practice.login.goneTitle': { da: 'Login findes ikke', en: 'No such login' },
  'practice.login.gone': {
    da: 'Det login findes ikke, eller det blev startet i en anden browser. Start forfra.',
    en: 'That login does not exist, or it was started in another browser. Start again.',
  },
  'practice.login.expiredTitle': { da: 'Tiden er gået', en: 'Time is up' },
  'practice.login.expired': {
    da: 'Tiden til at logge på er gået, så login er stoppet. Start forfra. Underviseren kan give mere tid.',
    en: 'The time to log in is up, so the login has stopped. Start again. The trainer can allow more time.',
  },
  'practice.login.startAgain': { da: 'Start forfra', en: 'Start again' },
  'practice.login.again': { da: 'Log på igen', en: 'Log in again' },

  'practice.service.bank.name': { da: 'Øvelsesbanken', en: 'The Practice Bank' },
  'practice.service.bank.action': { da: 'Log på din netbank', en: 'Log in to your online bank' },
  'practice.service.bank.fraud': {
    da: 'Godkend overførsel af 12.500 kr. til en ny modtager',
    en: 'Approve a transfer of DKK 12,500 to a new payee',
  },
  'practice.service.council.name': { da: 'Øvelseskommunen', en: 'The Practice Council' },
  'practice.service.council.action': {
    da: 'Log på for at læse din post fra kommunen',
    en: 'Log in to read your mail from the council',
  },
  'practice.service.council.fraud': {
    da: 'Giv en anden person fuldmagt til at læse og sende din digitale post',
    en: 'Give another person power of attorney to read and send your digital mail',
  },
  'practice.service.pension.name': { da: 'Øvelsespension', en: 'Practice Pensions' },
  'practice.service.pension.action': { da: 'Log på for at se din pension', en: 'Log in to see your pension' },
  'practice.service.pension.fraud': {
    da: 'Godkend udbetaling af hele din pension til en ny konto',
    en: 'Approve paying out all of your pension to a new account',
  },

  'practice.result.approvedTitle': { da: 'Du er logget på', en: 'You are logged in' },
  'practice.result.approved': {
    da: 'Du er logget på {service}. Godt gået!',
    en: 'You are logged in to {service}. Well done!',
  },
  'practice.result.approvedWhy': {
    da: 'Teksten, du godkendte ("{action}"), passede med det, du selv startede. Så er det rigtigt at godkende.',
    en: 'The text you approved ("{action}") matched what you started yourself. Then approving is right.',
  },
  'practice.result.rejectedTitle': { da: 'Du afviste', en: 'You rejected' },
  'practice.result.rejected': { da: 'Du afviste at logge på {service}.', en: 'You rejected logging in to {service}.' },
  'practice.result.rejectedWhy': {
    da: 'Her passede teksten ("{action}") med det, du selv startede, så du kunne godt have godkendt. Men det er altid i orden at afvise, hvis du er i tvivl.',
    en: 'Here the text ("{action}") matched what you started yourself, so you could have approved. But rejecting is always fine when you are in doubt.',
  },
  'practice.result.fraudRejectedTitle': { da: 'Rigtigt: du afviste', en: 'Right: you rejected' },
  'practice.result.fraudRejected': {
    da: 'Rigtigt! Det var en øvelse i svindel, og du afviste.',
    en: 'Right! That was a fraud drill, and you rejected it.',
  },
  'practice.result.fraudApprovedTitle': { da: 'Her skulle du have afvist', en: 'Here you should have rejected' },
  'practice.result.fraudApproved': {
    da: 'Det var en øvelse i svindel, og her skulle du have afvist.',
    en: 'That was a fraud drill, and here you should have rejected.',
  },
  'practice.result.fraudWhy': {
    da: 'Du startede "{action}", men teksten bad dig godkende "{fraudText}". Når teksten ikke passer med det, du selv er i gang med, skal du afvise.',
    en: 'You started "{action}", but the text asked you to approve "{fraudText}". When the text does not match what you are doing, reject.',
  },
  'practice.result.fraudReal': {
    da: 'Med det rigtige MitID: har du godkendt noget, du ikke selv startede, så ring straks til MitID-support og din bank.',
    en: 'With the real MitID: if you approved something you did not start yourself, call MitID support and your bank at once.',
  },
  'practice.result.abortedTitle': { da: 'Login afbrudt', en: 'Login stopped' },
  'practice.result.aborted': {
    da: 'Login på {service} blev afbrudt. Start forfra, når du er klar.',
    en: 'Logging in to {service} was stopped. Start again when you are ready.',
  },

  'practice.trainer.title': { da: 'Underviserens konsol', en: 'Trainer console' },
  'practice.trainer.loginTitle': { da: 'Log ind som underviser', en: 'Sign in as the trainer' },
  'practice.trainer.loginIntro': {
    da: 'Skriv den adgangsfrase, der blev vist, da øvelsessiden blev startet.',
    en: 'Type the passphrase shown when the practice site was started.',
  },
  'practice.trainer.passphrase': { da: 'Adgangsfrase', en: 'Passphrase' },
  'practice.trainer.passphraseWrong': { da: 'Forkert adgangsfrase. Prøv igen.', en: 'Wrong passphrase. Try again.' },
  'practice.trainer.signIn': { da: 'Log ind', en: 'Sign in' },
  'practice.trainer.logout': { da: 'Log ud som underviser', en: 'Sign out as the trainer' },
  'practice.trainer.updated': { da: 'Opdateret kl. {time}', en: 'Updated at {time}' },
  'practice.trainer.learners': { da: 'Deltagere', en: 'Learners' },
  'practice.trainer.learnersCaption': { da: 'Deltagere på holdet: {n}', en: 'Learners in the class: {n}' },
  'practice.trainer.noLearners': {
    da: 'Ingen deltagere endnu. De dukker op her, når de opretter et bruger-ID.',
    en: 'No learners yet. They appear here when they create a user ID.',
  },
  'practice.trainer.noSeat': { da: '(ingen plads)', en: '(no seat)' },
  'practice.trainer.noToken': { da: 'ingen endnu', en: 'none yet' },
  'practice.trainer.col.seat': { da: 'Plads', en: 'Seat' },
  'practice.trainer.col.userId': { da: 'Bruger-ID', en: 'User ID' },
  'practice.trainer.col.token': { da: 'Kodeviser', en: 'Token' },
  'practice.trainer.col.progress': { da: 'Trin', en: 'Progress' },
  'practice.trainer.col.failed': { da: 'Forkerte koder', en: 'Wrong codes' },
  'practice.trainer.col.blocked': { da: 'Spærret', en: 'Blocked' },
  'practice.trainer.col.actions': { da: 'Handlinger', en: 'Actions' },
  'practice.trainer.progress': { da: '{n} af {of}: {step}', en: '{n} of {of}: {step}' },
  'practice.trainer.progress.userId': { da: 'bruger-ID oprettet', en: 'user ID created' },
  'practice.trainer.progress.password': { da: 'adgangskode valgt', en: 'password chosen' },
  'practice.trainer.progress.activated': { da: 'aktiveret', en: 'activated' },
  'practice.trainer.progress.loggedIn': { da: 'har logget på', en: 'has logged in' },
  'practice.trainer.fraudArmed': { da: 'svindeløvelse venter', en: 'fraud drill waiting' },
  'practice.trainer.blockedUntil': { da: 'Ja, til kl. {time}', en: 'Yes, until {time}' },
  'practice.trainer.notBlocked': { da: 'Nej', en: 'No' },
  'practice.trainer.blocks': { da: 'spærret {n} gang(e) i alt', en: 'blocked {n} time(s) in all' },
  'practice.trainer.unlock': { da: 'Lås op', en: 'Unlock' },
  'practice.trainer.unlockFor': { da: 'Lås op for {name}', en: 'Unlock for {name}' },
  'practice.trainer.fraudOne': { da: 'Svindeløvelse', en: 'Fraud drill' },
  'practice.trainer.fraudFor': { da: 'Svindeløvelse for {name}', en: 'Fraud drill for {name}' },
  'practice.trainer.reset': { da: 'Nulstil', en: 'Reset' },
  'practice.trainer.resetFor': { da: 'Nulstil {name}', en: 'Reset {name}' },
  'practice.trainer.class': { da: 'Holdet', en: 'The class' },
  'practice.trainer.classTitle': { da: 'Hele holdet', en: 'The whole class' },
  'practice.trainer.fraudAll': { da: 'Start svindeløvelse for alle', en: 'Start a fraud drill for everyone' },
  'practice.trainer.fraudHint': {
    da: 'Ved næste login beder tjenesten om at godkende noget andet end det, deltageren startede. Det rigtige svar er at afvise.',
    en: 'At the next login the service asks to approve something other than what the learner started. The right answer is to reject.',
  },
  'practice.trainer.resetConfirm': {
    da: 'Ja, slet alle deltagere, breve og hændelser',
    en: 'Yes, delete all learners, letters and events',
  },
  'practice.trainer.resetNeedsConfirm': {
    da: 'Sæt kryds for at bekræfte, at hele holdet skal nulstilles.',
    en: 'Tick the box to confirm that the whole class is to be reset.',
  },
  'practice.trainer.resetClass': { da: 'Nulstil holdet', en: 'Reset the class' },
  'practice.trainer.lettersTitle': { da: 'Aktiveringsbreve', en: 'Activation letters' },
  'practice.trainer.lettersStatus': {
    da: '{unused} ubrugte breve, {blocked} spærrede.',
    en: '{unused} unused letters, {blocked} blocked.',
  },
  'practice.trainer.lettersShow': { da: 'Vis brevene til udskrift', en: 'Show the letters for printing' },
  'practice.trainer.lettersCount': { da: 'Antal nye breve (1–{max})', en: 'Number of new letters (1–{max})' },
  'practice.trainer.lettersCountError': {
    da: 'Skriv et antal fra 1 til {max}.',
    en: 'Type a number from 1 to {max}.',
  },
  'practice.trainer.lettersMake': { da: 'Lav breve', en: 'Make letters' },
  'practice.trainer.settingsTitle': { da: 'Indstillinger', en: 'Settings' },
  'practice.trainer.codePeriod': { da: 'Hvor længe en kode gælder', en: 'How long a code is valid' },
  'practice.trainer.codePeriodHint': {
    da: 'Gælder for kodevisere, der laves fra nu af.',
    en: 'Applies to tokens made from now on.',
  },
  'practice.trainer.seconds': { da: '{n} sekunder', en: '{n} seconds' },
  'practice.trainer.blockLength': { da: 'Spærring efter tre forkerte koder', en: 'Block after three wrong codes' },
  'practice.trainer.minute': { da: '{n} minut', en: '{n} minute' },
  'practice.trainer.minutes': { da: '{n} minutter', en: '{n} minutes' },
  'practice.trainer.timeLimit': { da: 'Tid til at logge på', en: 'Time to log in' },
  'practice.trainer.timeLimitHint': {
    da: 'Giv mere tid til dem, der har brug for det. Deltageren kan også selv bede om mere tid.',
    en: 'Allow more time for those who need it. Learners can also ask for more time themselves.',
  },
  'practice.trainer.timeLimit.1': { da: 'Normal (5 minutter)', en: 'Normal (5 minutes)' },
  'practice.trainer.timeLimit.2': { da: 'Dobbelt (10 minutter)', en: 'Double (10 minutes)' },
  'practice.trainer.timeLimit.4': { da: 'Fire gange (20 minutter)', en: 'Four times (20 minutes)' },
  'practice.trainer.timeLimit.0': { da: 'Ingen tidsgrænse', en: 'No time limit' },
  'practice.trainer.save': { da: 'Gem indstillinger', en: 'Save settings' },
  'practice.trainer.storeTitle': { da: 'Tokens fra lageret', en: 'Tokens from the store' },
  'practice.trainer.storeHint': {
    da: "Fx terminalens kodeviser: 'tokenkit sim --show-secret' viser dens URI, og 'tokenkit token add sim-1 --uri URI' lægger den i lageret. Deltageren skriver navnet (sim-1) som serienummer.",
    en: "For example the terminal's code display: 'tokenkit sim --show-secret' prints its URI, and 'tokenkit token add sim-1 --uri URI' puts it in the store. The learner types the name (sim-1) as the serial number.",
  },
  'practice.trainer.storeNone': {
    da: 'Ingen andre tokens i lageret.',
    en: 'No other tokens in the store.',
  },
  'practice.trainer.storeKind': { da: 'Hvad er {name}?', en: 'What is {name}?' },
  'practice.trainer.storeAdopt': { da: 'Brug på holdet', en: 'Use in the class' },
  'practice.trainer.eventsTitle': { da: 'Seneste hændelser', en: 'Latest events' },
  'practice.trainer.noEvents': { da: 'Ingen hændelser endnu.', en: 'No events yet.' },

  'practice.event.created': { da: '{who} oprettede et bruger-ID', en: '{who} created a user ID' },
  'practice.event.password': { da: '{who} valgte en adgangskode', en: '{who} chose a password' },
  'practice.event.letterWrong': {
    da: '{who} skrev en forkert aktiveringskode til brev {letter}',
    en: '{who} typed a wrong activation code for letter {letter}',
  },
  'practice.event.activated': { da: '{who} aktiverede {serial}', en: '{who} activated {serial}' },
  'practice.event.wrongCode': { da: '{who} skrev en forkert kode', en: '{who} typed a wrong code' },
  'practice.event.blocked': {
    da: '{who} blev spærret efter tre forkerte koder',
    en: '{who} was blocked after three wrong codes',
  },
  'practice.event.codeAccepted': { da: '{who} skrev en rigtig kode', en: '{who} typed a right code' },
  'practice.event.codeReplayed': {
    da: '{who} skrev en kode, der allerede var brugt',
    en: '{who} typed a code already used',
  },
  'practice.event.loginStarted': { da: '{who} begyndte at logge på', en: '{who} started logging in' },
  'practice.event.wrongPassword': { da: '{who} skrev en forkert adgangskode', en: '{who} typed a wrong password' },
  'practice.event.loginAborted': { da: '{who} afbrød et login', en: '{who} stopped a login' },
  'practice.event.loggedIn': { da: '{who} loggede på', en: '{who} logged in' },
  'practice.event.rejected': { da: '{who} afviste et rigtigt login', en: '{who} rejected a genuine login' },
  'practice.event.fraudApproved': { da: '{who} godkendte svindel i øvelsen', en: '{who} approved the fraud drill' },
  'practice.event.fraudRejected': { da: '{who} afviste svindel i øvelsen', en: '{who} rejected the fraud drill' },
  'practice.event.unlocked': { da: '{who} blev låst op', en: '{who} was unlocked' },
  'practice.event.fraudArmed': { da: 'Svindeløvelse klar til {who}', en: 'Fraud drill ready for {who}' },
  'practice.event.fraudArmedAll': {
    da: 'Svindeløvelse klar til {n} deltagere',
    en: 'Fraud drill ready for {n} learners',
  },
  'practice.event.learnerReset': { da: '{name} blev nulstillet', en: '{name} was reset' },
  'practice.event.classReset': { da: 'Holdet blev nulstillet', en: 'The class was reset' },
  'practice.event.settings': { da: 'Indstillingerne blev ændret', en: 'The settings were changed' },
  'practice.event.tokenAdopted': {
    da: '{serial} kan nu bruges på holdet',
    en: '{serial} can now be used in the class',
  },
  'practice.event.letters': { da: '{n} nye aktiveringsbreve', en: '{n} new activation letters' },

  'practice.letters.title': { da: 'Aktiveringsbreve', en: 'Activation letters' },
  'practice.letters.printHint': {
    da: 'Udskriv siden med browserens Udskriv (Ctrl+P), eller vis et brev på skærmen. Et brev pr. deltager.',
    en: "Print the page with the browser's Print (Ctrl+P), or show a letter on screen. One letter per learner.",
  },
  'practice.letters.back': { da: 'Tilbage til konsollen', en: 'Back to the console' },
  'practice.letters.none': {
    da: 'Der er ingen ubrugte breve. Lav nye på konsollen.',
    en: 'There are no unused letters. Make new ones on the console.',
  },
  'practice.letters.heading': { da: 'Aktiveringsbrev {number}', en: 'Activation letter {number}' },
  'practice.letters.number': { da: 'Brevnummer:', en: 'Letter number:' },
  'practice.letters.code': { da: 'Aktiveringskode:', en: 'Activation code:' },
  'practice.letters.step1': {
    da: 'Opret et bruger-ID og en adgangskode på øvelsessiden.',
    en: 'Create a user ID and a password on the practice site.',
  },
  'practice.letters.step2': {
    da: 'Vælg "Aktivér kodeviser", og skriv serienummeret på din kodeviser eller kodeoplæser.',
    en: 'Choose "Activate a token" and type the serial number of your code display or audio code reader.',
  },
  'practice.letters.step3': {
    da: 'Skriv brevnummer og aktiveringskode. Efter {tries} forkerte koder bliver brevet spærret.',
    en: 'Type the letter number and the activation code. After {tries} wrong codes the letter is blocked.',
  },
  'practice.letters.doneTitle': { da: 'Brugte og spærrede breve', en: 'Used and blocked letters' },
  'practice.letters.used': { da: 'Brev {number}: brugt af {who}', en: 'Letter {number}: used by {who}' },
  'practice.letters.blocked': { da: 'Brev {number}: spærret', en: 'Letter {number}: blocked' },

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
