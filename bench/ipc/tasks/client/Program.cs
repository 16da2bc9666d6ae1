// The IPC benchmark's measuring task. Each operation runs Iterations times; each run is
// timed alone with TIM2 (Measure.S reads the counter right before and after the trap)
// and the load's own cost is subtracted. Under QEMU with -icount TIM2 advances once
// per instruction, so the figures are exact instruction counts. Prints a table for
// people, then one line per operation for bench/Keel.Bench:
//     BENCH op=<name> unit=<unit> n=<runs> mean=<m.d> min=<min> max=<max> fastpath=<hits>
// where fastpath is how many of the runs' IPCs the kernel's fastpath completed. The
// run ends with the Halt platform call (semihosting exit under QEMU).
using System.Runtime.InteropServices;
using Keel.Hal.Stm32f4;
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;

namespace Keel.Bench.Client
{
    public static unsafe class Program
    {
        private const int Iterations = 1000;
        private const int Preemptions = 16;
        // The most capabilities one kernel entry of a Revoke deletes (kernel/Lifecycle.cs
        // RevokeBatch); a Revoke of more is repeated by the port until it is done.
        private const uint RevokeBatch = 16;
        // Each DebugWrite run prints its text, so a few runs are enough.
        private const int ConsoleWrites = 16;
        private const int ConsoleTextLength = 256; // the most one DebugWrite takes (docs/abi.md)
        // The NVIC's software trigger register (ARMv7-M ARM B3.4.3; app.toml sets
        // unprivileged-irq-trigger so the client may write it).
        private const uint SoftwareTriggerInterruptRegister = 0xE000EF00;
        private const uint Label = 1;
        // TIM3's interrupt, routed to the irqwaiter (app.toml); TIM3 itself never runs.
        private const uint TimerInterrupt = 29;
        private const int MaxWords = IpcBuffer.MaxWords;
        // A turn of bench_wait_for_gap's loop, and a turn long enough that only an
        // interrupt (here: SysTick) can have made it.
        private const uint GapLoopLength = 5;
        private const uint GapThreshold = 20;

#if KEEL_EMULATED_BOARD
        private const string Unit = "instructions";
#else
        private const string Unit = "tim2_ticks";
#endif

        [DllImport("*", EntryPoint = "bench_measure")]
        [SuppressGCTransition]
        private static extern uint Measure(ThreadRegisters* frame, uint counter);

        [DllImport("*", EntryPoint = "bench_measure_interrupt")]
        [SuppressGCTransition]
        private static extern uint MeasureInterrupt(uint softwareTrigger, uint irq, uint counter);

        [DllImport("*", EntryPoint = "bench_raise")]
        [SuppressGCTransition]
        private static extern uint Raise(uint softwareTrigger, uint irq, uint counter);

        [DllImport("*", EntryPoint = "bench_counter_overhead")]
        [SuppressGCTransition]
        private static extern uint CounterOverhead(uint counter);

        [DllImport("*", EntryPoint = "bench_wait_for_gap")]
        [SuppressGCTransition]
        private static extern uint WaitForGap(uint counter, uint threshold);

        private struct Stats
        {
            public uint Count, Min, Max, FastpathHits;
            public uint Sum;

            public void Add(uint value)
            {
                if (Count == 0 || value < Min)
                    Min = value;
                if (value > Max)
                    Max = value;
                Sum += value;
                Count++;
            }
        }

        private static uint s_counter;
        private static uint s_overhead;

        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            Rcc.Apb1enr.SetBits(Rcc.Apb1Tim2);
            Timer.Tim2.StartFreeRunning();
            s_counter = Timer.Tim2.Cnt.Address;
            s_overhead = uint.MaxValue;
            for (int i = 0; i < 16; i++)
            {
                uint overhead = CounterOverhead(s_counter);
                if (overhead < s_overhead)
                    s_overhead = overhead;
            }
            for (int i = 0; i < MaxWords - ThreadRegisters.MessageRegisters; i++)
                Task.SetBufferedWord(ThreadRegisters.MessageRegisters + i, 0x100u + (uint)i);
            Task.AttachCap(Caps.Ping);

            Console.WriteLine("operation                 n      mean       min       max");
            Report("null_syscall", Run(SyscallNumber.Yield, 0, 0));
            Report("call_replyrecv_0w", Run(SyscallNumber.Call, Caps.Echo, MessageInfo.Create(Label, 0, 0).Raw));
            Report("call_replyrecv_1w", Run(SyscallNumber.Call, Caps.Echo, MessageInfo.Create(Label, 1, 0).Raw));
            Report("call_replyrecv_4w", Run(SyscallNumber.Call, Caps.Echo, MessageInfo.Create(Label, 4, 0).Raw));
            Report("call_replyrecv_16w", Run(SyscallNumber.Call, Caps.Echo, MessageInfo.Create(Label, MaxWords, 0).Raw));
            Report("call_reply_recv_4w", Run(SyscallNumber.Call, Caps.Echo2, MessageInfo.Create(Label, 4, 0).Raw));
            Report("call_replyrecv_1cap", Run(SyscallNumber.Call, Caps.Capecho, MessageInfo.Create(Label, 0, 1).Raw));
            Report("nbsend_recv", Run(SyscallNumber.NBSend, Caps.Oneway, MessageInfo.Create(Label, 1, 0).Raw));
            Report("signal_wait", Run(SyscallNumber.Signal, Caps.Ping, 0));
            Report("systick_preemption", SysTickPreemptions());
            Report("debug_write_256c", DebugWrites());
            Report("console_interrupt", ConsoleInterrupts());
            Report("revoke_1cap", Revokes(1));
            Report("revoke_16caps", Revokes(RevokeBatch));
            Report("revoke_1cap_waiter", RevokesOfAWaitersCapability());
            Report("call_typed_3w", TypedCalls());
            Report("call_handpacked_3w", HandPackedCalls());
            Report("irq_to_waiting_task", InterruptsToAWaitingTask());
            // From here on the raiser runs whenever the client blocks.
            Report("irq_preempts_lower", InterruptsPreemptingALowerTask());
            // Last: from here on the yielder is always runnable beside the client.
            Notifications.Signal(Caps.Go);
            Report("yield_roundtrip", Run(SyscallNumber.Yield, 0, 0));
            Task.Halt(0);
        }

        // Times one system call, `runs` times, with the same registers each time.
        private static Stats Run(SyscallNumber number, uint cap, uint info, int runs = Iterations)
        {
            Stats stats = default;
            uint hitsBefore = FastpathHits();
            for (int i = 0; i < runs; i++)
                stats.Add(Time(number, cap, info, out _));
            stats.FastpathHits = FastpathHits() - hitsBefore;
            return stats;
        }

        // One timed system call; `results` are the registers it returned.
        private static uint Time(SyscallNumber number, uint cap, uint info, out ThreadRegisters results)
        {
            results.R4 = cap;
            results.R5 = info;
            results.R6 = 0;
            results.R7 = 1;
            results.R8 = 2;
            results.R9 = 3;
            results.R10 = 4;
            results.R11 = (uint)number;
            fixed (ThreadRegisters* frame = &results)
                return Measure(frame, s_counter) - s_overhead;
        }

        // Revoke of the client's `spare` capability with `copies` copies derived from it
        // (made untimed before each run): the walk to the last of them and the deletion of
        // each, with no thread blocked through any. RevokeBatch copies is the most one
        // kernel entry deletes. Revoke answers only its status (docs/ipc.md): that each
        // copy is gone shows when the next run's copy into its slot succeeds.
        private static Stats Revokes(uint copies)
        {
            Stats stats = default;
            for (int i = 0; i < Iterations; i++)
            {
                for (uint copy = 0; copy < copies; copy++)
                    Expect(CSpaceOps.Copy(Caps.Spare, Caps.FirstFreeSlot + copy) == Error.Ok, "a copy to revoke");
                stats.Add(Time(SyscallNumber.Revoke, Caps.Spare, 0, out ThreadRegisters results));
                Expect(results.Status == Error.Ok, "the Revoke succeeded");
            }
            return stats;
        }

        // Revoke of one capability derived from the client's `spare` and held by the
        // revokee, which waits in Recv through it: the deletion, and the waking of the
        // waiter with Revoked (it runs later, being of lower priority).
        private static Stats RevokesOfAWaitersCapability()
        {
            Stats stats = default;
            for (int i = 0; i < Iterations; i++)
            {
                Task.AttachCap(Caps.Spare);
                Expect(Ipc.Send(Caps.Handout, Label, 0, extraCaps: 1) == Error.Ok, "the capability handed out");
                Expect(Ipc.Recv(Caps.Waiting).Status == Error.Ok, "the revokee waiting");
                stats.Add(Time(SyscallNumber.Revoke, Caps.Spare, 0, out ThreadRegisters results));
                Expect(results.Status == Error.Ok, "the Revoke of the handed-out copy succeeded");
            }
            return stats;
        }

        // The typed-call rows: a Call and its answer through IAdder's generated client and
        // server (tasks/typedserver), against the same protocol packed by hand with
        // userlib's Ipc calls on both sides (tasks/handserver). Both are timed in C# from
        // the counter read before the client's call to the read after it returns, so
        // each includes its C# on both sides (packing, the system call wrappers, the
        // server's decoding and dispatch) and the difference is the generated code's.
        private static Stats TypedCalls()
        {
            Stats stats = default;
            var adder = new AdderClient(Caps.Typed);
            uint hitsBefore = FastpathHits();
            for (int i = 0; i < Iterations; i++)
            {
                uint start = ReadCounter();
                Error status = adder.Add(1, 2, (uint)i, out uint sum);
                uint end = ReadCounter();
                Expect(status == Error.Ok && sum == 3 + (uint)i, "the typed Add answered");
                stats.Add(end - start - s_overhead);
            }
            stats.FastpathHits = FastpathHits() - hitsBefore;
            return stats;
        }

        private static Stats HandPackedCalls()
        {
            Stats stats = default;
            uint hitsBefore = FastpathHits();
            for (int i = 0; i < Iterations; i++)
            {
                uint start = ReadCounter();
                Message answer = Ipc.Call(Caps.Handpacked, 1, 3, 1, 2, (uint)i);
                uint end = ReadCounter();
                Expect(answer.Status == Error.Ok && answer.Label == 0 && answer.Info.Length == 1 && answer.Mr0 == 3 + (uint)i, "the hand-packed Add answered");
                stats.Add(end - start - s_overhead);
            }
            stats.FastpathHits = FastpathHits() - hitsBefore;
            return stats;
        }

        private static uint ReadCounter() => System.Threading.Volatile.Read(ref *(uint*)s_counter);

        // A set-up step that did not do what a measurement needs ends the run with status 1.
        private static void Expect(bool condition, string what)
        {
            if (condition)
                return;
            Console.Write("failed: ");
            Console.WriteLine(what);
            Task.Halt(1);
        }

        // DebugWrite of the longest text: a line of 255 characters and its line end.
        // Under QEMU the USART takes every byte during the call (its transmitter is
        // always ready), so a run is the check, the queue and all 257 bytes sent; on
        // silicon the console interrupt sends most of them (docs/performance.md).
        private static Stats DebugWrites()
        {
            char* text = stackalloc char[ConsoleTextLength];
            for (int i = 0; i < ConsoleTextLength - 1; i++)
                text[i] = (char)('a' + i % 26);
            text[ConsoleTextLength - 1] = '\n';
            return Run((SyscallNumber)PlatformCallNumber.DebugWrite, (uint)text, ConsoleTextLength, ConsoleWrites);
        }

        // The console's interrupt (USART2's, which the kernel keeps for itself), pended
        // from software with the queue empty: the entry, the dispatch, the check that
        // finds nothing to send, and the return to the client. On silicon each real one
        // also sends a byte or two (docs/performance.md).
        private static Stats ConsoleInterrupts()
        {
            Stats stats = default;
            for (int i = 0; i < ConsoleWrites; i++)
                stats.Add(MeasureInterrupt(SoftwareTriggerInterruptRegister, Usart.Usart2Irq, s_counter) - s_overhead);
            return stats;
        }

        // An interrupt routed to the irqwaiter's notification, pended from software by the
        // client, which the irqwaiter (higher priority) waits on: from the counter read right
        // before the client's store to STIR to the irqwaiter's counter read, the first
        // instruction after its Wait returns (docs/performance.md).
        private static Stats InterruptsToAWaitingTask()
        {
            Stats stats = default;
            for (int i = 0; i < Iterations; i++)
            {
                uint raised = Raise(SoftwareTriggerInterruptRegister, TimerInterrupt, s_counter);
                Message woken = Ipc.Recv(Caps.Irqresults);
                Expect(woken.Status == Error.Ok, "the irqwaiter's counter value");
                stats.Add(woken.Mr0 - raised - s_overhead);
            }
            return stats;
        }

        // The same interrupt pended by the raiser, a task below the client that runs only
        // while the client is blocked here: from the raiser's counter read right before its
        // store to STIR to the irqwaiter's first instruction after its Wait. The irqwaiter's
        // value arrives first (it runs at once), the raiser's when it resumes.
        private static Stats InterruptsPreemptingALowerTask()
        {
            Stats stats = default;
            Notifications.Signal(Caps.Go2);
            for (int i = 0; i < Iterations; i++)
            {
                Message woken = Ipc.Recv(Caps.Irqresults);
                Message raised = Ipc.Recv(Caps.Irqresults);
                Expect(woken.Status == Error.Ok && raised.Status == Error.Ok, "the irqwaiter's and raiser's counter values");
                stats.Add(woken.Mr0 - raised.Mr0 - s_overhead);
            }
            return stats;
        }

        // The cost of a SysTick that interrupts the client and returns to it: the
        // length of a turn of a tight loop that a tick interrupted, less the turn's own.
        private static Stats SysTickPreemptions()
        {
            Stats stats = default;
            for (int i = 0; i < Preemptions; i++)
                stats.Add(WaitForGap(s_counter, GapThreshold) - GapLoopLength);
            return stats;
        }

        // How many IPCs the kernel's fastpath has completed since boot (platform call).
        private static uint FastpathHits()
        {
            ThreadRegisters result = Syscall.Invoke((uint)PlatformCallNumber.FastpathCount);
            return result.R6;
        }

        private static void Report(string op, Stats stats)
        {
            uint meanTenths = (stats.Sum * 10 + stats.Count / 2) / stats.Count;
            Console.Write(op);
            for (int pad = op.Length; pad < 22; pad++)
                Console.Write(' ');
            WriteRight(stats.Count, 6);
            WriteMean(meanTenths, 10);
            WriteRight(stats.Min, 10);
            WriteRight(stats.Max, 10);
            Console.WriteLine();

            Console.Write("BENCH op=");
            Console.Write(op);
            Console.Write(" unit=");
            Console.Write(Unit);
            Console.Write(" n=");
            Console.WriteDecimal(stats.Count);
            Console.Write(" mean=");
            WriteMean(meanTenths, 0);
            Console.Write(" min=");
            Console.WriteDecimal(stats.Min);
            Console.Write(" max=");
            Console.WriteDecimal(stats.Max);
            Console.Write(" fastpath=");
            Console.WriteDecimal(stats.FastpathHits);
            Console.WriteLine();
        }

        private static void WriteMean(uint tenths, int width)
        {
            uint whole = tenths / 10;
            WriteRight(whole, width - 2);
            Console.Write('.');
            Console.Write((char)('0' + tenths % 10));
        }

        private static void WriteRight(uint value, int width)
        {
            int digits = 1;
            for (uint rest = value / 10; rest != 0; rest /= 10)
                digits++;
            for (int pad = digits; pad < width; pad++)
                Console.Write(' ');
            Console.WriteDecimal(value);
        }
    }
}
