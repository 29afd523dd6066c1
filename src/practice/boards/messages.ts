import { defineMessages } from '../../i18n/define';

export const BOARD_MESSAGES = defineMessages({
  'boards.heading': { en: 'Boards in the classroom', da: 'Enheder i lokalet' },
  'boards.intro': {
    en: 'Code displays and audio code readers on USB (and simulated ones) appear here when they are plugged in. Hand one to a learner: the board gets a new practice key, and the learner logs in with the codes it shows.',
    da: 'Kodevisere og kodeoplæsere på USB (og simulerede) vises her, når de bliver sat til. Giv en til en deltager: enheden får en ny øvelsesnøgle, og deltageren logger på med de koder, den viser.',
  },
  'boards.none': {
    en: "No boards yet. Plug one in, or start a simulated one with 'tokenkit sim --serial' or 'tokenkit sim --hid'.",
    da: "Ingen enheder endnu. Sæt en til, eller start en simuleret med 'tokenkit sim --serial' eller 'tokenkit sim --hid'.",
  },
  'boards.col.board': { en: 'Board', da: 'Enhed' },
  'boards.col.serial': { en: 'Serial number', da: 'Serienummer' },
  'boards.col.kind': { en: 'Type', da: 'Type' },
  'boards.col.state': { en: 'Status', da: 'Status' },
  'boards.col.learner': { en: 'Hand to', da: 'Giv til' },
  'boards.state.probing': { en: 'Connecting …', da: 'Forbinder …' },
  'boards.state.ready': { en: 'Ready', da: 'Klar' },
  'boards.state.provisioning': { en: 'Getting its key …', da: 'Får sin nøgle …' },
  'boards.state.assigned': { en: 'Handed to {seat}', da: 'Givet til {seat}' },
  'boards.state.unusable': { en: 'Cannot be used', da: 'Kan ikke bruges' },
  'boards.simulated': { en: 'Serial port {path}', da: 'Seriel port {path}' },
  'boards.hid': { en: 'HID board {path}', da: 'HID-enhed {path}' },
  'boards.assign': { en: 'Hand out', da: 'Giv enheden' },
  'boards.assignLabel': { en: 'Learner for board {serial}', da: 'Deltager til enhed {serial}' },
  'boards.noLearners': { en: 'No learners yet', da: 'Ingen deltagere endnu' },
  'boards.addPort': { en: 'Add a serial port by its path', da: 'Tilføj en seriel port ud fra dens sti' },
  'boards.addPortHint': {
    en: "For example the path 'tokenkit sim --serial' printed, or /dev/ttyUSB0.",
    da: "For eksempel stien, som 'tokenkit sim --serial' skrev, eller /dev/ttyUSB0.",
  },
  'boards.addPortButton': { en: 'Add port', da: 'Tilføj port' },
  'boards.assigned': {
    en: 'Board {serial} now has a new practice key and belongs to {seat}.',
    da: 'Enhed {serial} har nu en ny øvelsesnøgle og hører til {seat}.',
  },
  'boards.error.unknown': {
    en: 'That board is no longer plugged in. Look at the list again.',
    da: 'Den enhed er ikke sat til længere. Se listen igen.',
  },
  'boards.error.notReady': {
    en: 'That board is not ready yet: wait until its status says ready.',
    da: 'Den enhed er ikke klar endnu: vent, til status siger klar.',
  },
  'boards.error.displayBoard': {
    en: 'That board only shows codes the computer sends it, so a learner cannot log in with it on its own. Use a code display or audio code reader board.',
    da: 'Den enhed viser kun koder, som computeren sender til den, så en deltager kan ikke logge på med den alene. Brug en kodeviser- eller kodeoplæser-enhed.',
  },
  'boards.error.badPath': {
    en: "'{path}' is not a full path to a serial port: write it like /dev/ttyACM0 or /tmp/tokenkit0",
    da: "'{path}' er ikke en fuld sti til en seriel port: skriv den som /dev/ttyACM0 eller /tmp/tokenkit0",
  },
  'boards.error.noLearner': { en: 'Choose a learner for the board.', da: 'Vælg en deltager til enheden.' },
  // The class log on the console (its texts are looked up as practice.event.<kind>).
  'practice.event.boardReady': {
    en: 'Board {serial} is plugged in and ready',
    da: 'Enhed {serial} er sat til og klar',
  },
  'practice.event.boardUnusable': { en: 'The board on {port} cannot be used', da: 'Enheden på {port} kan ikke bruges' },
  'practice.event.boardRemoved': { en: 'Board {serial} was unplugged', da: 'Enhed {serial} blev taget ud' },
  'practice.event.boardAssigned': {
    en: 'Board {serial} was handed to {who}',
    da: 'Enhed {serial} blev givet til {who}',
  },
  'boards.problem.other': {
    en: 'The board did not answer as expected ({detail}).',
    da: 'Enheden svarede ikke som ventet ({detail}).',
  },
});
