import type { AVRUSART, CPU } from 'avr8js';
import { usart0Config } from 'avr8js';

const UCSRA_RXC = 0x80;
const UCSRB_RXEN = 0x10;

/** The parts of AVRUSART that are private in its typings but that the silicon fixes below must touch. */
type InterruptConfig = Parameters<CPU['setInterruptFlag']>[0];
interface UsartInterrupts {
  RXC: InterruptConfig;
  UDRE: InterruptConfig;
}

/**
 * Bridges USART0 of the emulated chip to the host: bytes from the host wait in a queue and enter the
 * receiver one character time apart; bytes the firmware transmits go to `onTransmit`. Also makes avr8js's
 * USART behave like the silicon where it does not (FIRMWARE-NOTES pitfalls 2, 3 and 4).
 */
export class UsartBridge {
  private readonly queue: number[] = [];
  private head = 0;

  constructor(
    cpu: CPU,
    private readonly usart: AVRUSART,
    onTransmit: (byte: number) => void,
  ) {
    const interrupts = usart as unknown as UsartInterrupts;

    // FIRMWARE-NOTES pitfall 2 (UDRE): avr8js clears the UDRE flag when its interrupt is serviced, but on
    // silicon UDRE is a level (set while UDR0 is empty). A handler that finds its ring empty and turns
    // UDRIE off would then never be called again once it turns UDRIE back on. `constant` keeps the flag.
    interrupts.UDRE.constant = true;

    // FIRMWARE-NOTES pitfall 3 (RXC): avr8js drops a pending receive interrupt on any UCSR0B write that
    // keeps RXEN set (e.g. the UDRIE toggling of every transmit), so a byte that arrived while interrupts
    // were off is lost. Keep the pending RXC (flag and interrupt) across the write, as the chip does.
    const ucsrb = usart0Config.UCSRB;
    const original = cpu.writeHooks[ucsrb]!;
    cpu.writeHooks[ucsrb] = (value, oldValue, addr, mask) => {
      const rxcPending = (cpu.data[usart0Config.UCSRA]! & UCSRA_RXC) !== 0;
      const handled = original(value, oldValue, addr, mask);
      if (rxcPending && value & UCSRB_RXEN) cpu.setInterruptFlag(interrupts.RXC);
      // The receiver may have just been enabled: start feeding what the host sent meanwhile.
      if (value & UCSRB_RXEN) this.feed();
      return handled;
    };

    usart.onByteTransmit = onTransmit;
    // FIRMWARE-NOTES pitfall 4: `writeByte` refuses a byte while one is in flight or before RXEN is set,
    // so the host's bytes wait here and the next one starts when the previous one completed: back to back
    // at line rate, one character time (10 bits at the configured baud rate) apart.
    usart.onRxComplete = () => this.feed();
  }

  /** Queues bytes from the host; they enter the receiver at line rate. */
  enqueue(bytes: Uint8Array): void {
    for (const b of bytes) this.queue.push(b);
    this.feed();
  }

  /** Bytes from the host that have not entered the receiver yet. */
  get pendingBytes(): number {
    return this.queue.length - this.head;
  }

  /** Starts the next byte if the receiver is enabled and idle (called on every RX complete and slice). */
  feed(): void {
    if (this.head >= this.queue.length || this.usart.rxBusy || !this.usart.rxEnable) return;
    const byte = this.queue[this.head]!;
    if (this.usart.writeByte(byte) === false) return;
    this.head++;
    if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
  }
}
