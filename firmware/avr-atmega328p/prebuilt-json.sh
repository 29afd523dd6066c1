#!/bin/sh
# Describes the shipped image as JSON (firmware/prebuilt/tokenkit-atmega328p.json):
#   prebuilt-json.sh AVR_CC AVR_SIZE FILE.elf FILE.hex
cc=$1 size=$2 elf=$3 hex=$4
version=$(sed -n 's/^#define TK_FIRMWARE_VERSION "\(.*\)"$/\1/p' core/tk.h)
sha=$(sha256sum "$hex" | cut -d' ' -f1)
compiler=$("$cc" --version | head -n 1)
libc=$(dpkg-query -W -f '${Version}' avr-libc 2>/dev/null || echo unknown)
"$size" -A "$elf" | awk -v version="$version" -v sha="$sha" -v compiler="$compiler" -v libc="$libc" '
  $1 == ".text" { text = $2 } $1 == ".data" { data = $2 } $1 == ".bss" { bss = $2 } $1 == ".noinit" { noinit = $2 }
  END {
    printf "{\n"
    printf "  \"name\": \"tokenkit-atmega328p\",\n"
    printf "  \"version\": \"%s\",\n", version
    printf "  \"protocolVersion\": 1,\n"
    printf "  \"profileId\": \"code-display\",\n"
    printf "  \"mcu\": \"atmega328p\",\n"
    printf "  \"fCpuHz\": 16000000,\n"
    printf "  \"hex\": \"tokenkit-atmega328p.hex\",\n"
    printf "  \"sha256\": \"%s\",\n", sha
    printf "  \"sizes\": { \"flashBytes\": %d, \"ramBytes\": %d, \"text\": %d, \"data\": %d, \"bss\": %d, \"noinit\": %d },\n", text + data, data + bss + noinit, text, data, bss, noinit
    printf "  \"budgets\": { \"flashBytes\": 16384, \"ramBytes\": 1024 },\n"
    printf "  \"algorithms\": [\"sha1\", \"sha256\", \"sha512\"],\n"
    printf "  \"compiler\": \"%s\",\n", compiler
    printf "  \"avrLibc\": \"%s\"\n", libc
    printf "}\n"
  }'
