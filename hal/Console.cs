// The kernel's console: text out on the board's console USART, through a bounded
// transmit queue (ConsoleQueue.cs) that the USART's transmit-empty interrupt drains.
// Formatting is done without allocation: literals are written whole, numbers composed
// on the stack (ConsoleLine) and written whole, and a report of several parts is
// composed as one ConsoleLine and written as one text.
//
// Design: the kernel never waits for the line, except when nothing else can run.
// - Queued (from StartQueueing, which the kernel calls at the end of boot, once its
//   interrupt entry owns the USART's interrupt): a write puts its text in the queue,
//   hands the transmitter what it can take at once and returns; if bytes are left, it
//   enables the interrupt, and each interrupt (OnTransmitReady, called by the kernel's
//   interrupt entry) sends more. On silicon that is one or two bytes per write or
//   interrupt (the data register, and the shift register when it is idle), about
//   87 µs apart at 115200 baud. An emulator whose transmitter is always ready (QEMU)
//   takes everything during the write, so its output comes out exactly when it did
//   while the console was polled. A text that does not fit is dropped (ConsoleQueue).
// - Synchronous (before StartQueueing, so in bare images and during boot, and after
//   Finish, which the end of the system calls: a panic, a kernel fault, a halt): a
//   write waits until its text is in the transmitter. Nothing else runs then, the
//   text must not be lost, and Finish first sends whatever was queued, so the order
//   of everything written is kept.
// Tasks' text (WriteFromTask, the DebugWrite platform call) may not take the queue's
// last KernelShare bytes, which are kept for the kernel's own reports, and each of its
// lines reaches the console begun with the task's name (ConsoleQueue).
using Keel.Hal.Stm32f4;

namespace Keel.Hal
{
    public static unsafe class Console
    {
        private static uint s_usartBase;
        private static uint s_irq;
        private static bool s_queueing;
        private static readonly byte[] s_storage = new byte[ConsoleQueue.Capacity];
        private static ConsoleQueue s_queue;

        // `irq`: the USART's interrupt, which the kernel takes for the console.
        public static void Attach(Usart usart, uint irq)
        {
            s_usartBase = usart.Base;
            s_irq = irq;
            s_queue = new ConsoleQueue(s_storage);
        }

        public static uint Irq => s_irq;

        private static Usart Port => new Usart(s_usartBase);

        // From here writes are queued; the caller routes Irq to OnTransmitReady.
        public static void StartQueueing() => s_queueing = true;

        // The USART's interrupt: its data register is empty.
        public static void OnTransmitReady()
        {
            if (s_usartBase != 0)
                Transmit();
        }

        // The system is ending: sends everything queued, waits until the last byte has
        // left, and makes every later write synchronous. Bounded by the queue's size.
        public static void Finish()
        {
            if (s_usartBase == 0)
                return;
            s_queueing = false;
            Port.InterruptWhenCanSend(false);
            SendAll();
            Port.Flush();
        }

        // Task `task`'s text (DebugWrite), its lines begun with `name`: dropped rather
        // than let into the kernel's share.
        public static void WriteFromTask(int task, string name, char* text, int length)
        {
            if (s_usartBase == 0)
                return;
            fixed (char* chars = name)
                s_queue.TryWriteFromTask(task, chars, name.Length, text, length, ConsoleQueue.KernelShare);
            Send();
        }

        public static void Write(char* text, int length)
        {
            if (s_usartBase == 0)
                return;
            s_queue.TryWrite(text, length, 0);
            Send();
        }

        public static void Write(char c) => Write(&c, 1);

        public static void Write(string text)
        {
            fixed (char* chars = text)
                Write(chars, text.Length);
        }

        public static void WriteLine(string text)
        {
            Write(text);
            Write('\n');
        }

        public static void WriteLine() => Write('\n');

        // A composed line (ConsoleLine), as one text.
        public static void Write(in ConsoleLine line) => Write(line.Chars, line.Length);

        public static void WriteDecimal(uint value)
        {
            char* digits = stackalloc char[10];
            var number = new ConsoleLine(digits, 10);
            number.AppendDecimal(value);
            Write(number);
        }

        public static void WriteDecimal(int value)
        {
            if (value < 0)
            {
                Write('-');
                WriteDecimal((uint)-(long)value);
                return;
            }
            WriteDecimal((uint)value);
        }

        // 0x-prefixed, eight digits: the form fault reports and addresses use.
        public static void WriteHex(uint value)
        {
            char* digits = stackalloc char[10];
            var number = new ConsoleLine(digits, 10);
            number.AppendHex(value);
            Write(number);
        }

        // What was just queued: handed to the transmitter, or sent whole when writes
        // are synchronous.
        private static void Send()
        {
            if (s_queueing)
                Transmit();
            else
                SendAll();
        }

        // Hands the transmitter bytes while it can take them, never waiting; asks for
        // the interrupt while bytes are left, and stops it when none are.
        private static void Transmit()
        {
            Usart port = Port;
            while (port.CanSend && s_queue.TryTake(out byte value))
                port.Send(value);
            port.InterruptWhenCanSend(!s_queue.IsEmpty);
        }

        private static void SendAll()
        {
            Usart port = Port;
            while (s_queue.TryTake(out byte value))
                port.Write(value);
        }
    }
}
