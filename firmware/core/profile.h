/* The token profile the firmware implements: devices/profiles/code-display.json.
   tests/firmware/profile-header.test.ts checks these against the JSON, so the two cannot drift. */
#ifndef TK_PROFILE_H
#define TK_PROFILE_H

#define TK_PROFILE_ID "code-display"
#define TK_PROFILE_DISPLAY_TIMEOUT_MS 30000u
#define TK_PROFILE_LONG_PRESS_MS 1500u
#define TK_PROFILE_LOW_BATTERY_PERCENT 10u

#endif
