#!/bin/sh
# Prints the flash and static-RAM use of an AVR ELF against the budgets; exits 1 when over.
#   budget.sh AVR_SIZE FILE.elf LABEL FLASH_BUDGET RAM_BUDGET
size=$1 elf=$2 label=$3 flash_budget=$4 ram_budget=$5
"$size" -A "$elf" | awk -v label="$label" -v fb="$flash_budget" -v rb="$ram_budget" '
  $1 == ".text" { text = $2 } $1 == ".data" { data = $2 } $1 == ".bss" { bss = $2 } $1 == ".noinit" { noinit = $2 }
  END {
    flash = text + data; ram = data + bss + noinit
    printf "firmware budget (%s)\n", label
    printf "  %-36s %6s %6s %6s %8s\n", "", "used", "budget", "of", "status"
    printf "  %-36s %6d %6d %6d %8s\n", "flash (.text + .data)", flash, fb, 32768, (flash <= fb ? "ok" : "OVER")
    printf "  %-36s %6d %6d %6d %8s\n", "static RAM (.data + .bss + .noinit)", ram, rb, 2048, (ram <= rb ? "ok" : "OVER")
    printf "  (.text %d, .data %d, .bss %d, .noinit %d)\n", text, data, bss, noinit
    if (flash > fb || ram > rb) { print "firmware over budget" > "/dev/stderr"; exit 1 }
  }'
