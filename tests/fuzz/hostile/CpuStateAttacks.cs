// The attacks on the kernel's handling of a task's CPU state: a random system call
// (Attacks.CallWith) made through Trap.S with
//
//   * the stack pointer moved, for the trap or for a spin before it that the tick
//     interrupts, to: this task's own window edges (exactly at its base, a few bytes
//     above or below it, at, just below or just above its top); another task's window
//     (its edges or anywhere in it: the bystander and the checker lie right below a
//     hostile task's window); the kernel's RAM; the kernel stack's guard; flash (this
//     task's own, read-only, the other hostile tasks' and the kernel's); peripheral
//     and system-control space (the MPU's registers among them); the ends of the
//     address space; any word; and now and then not aligned to 8 or even 4 bytes;
//   * FP registers full of a pattern, with or without an FP instruction right before the
//     trap (with the FPU's lazy stacking: with or without FP state live at entry);
//   * a fault on purpose: an undefined instruction instead of the trap, or right after
//     it, on the moved stack and with FP state live or not.
//
// Which of these a run uses is the build's choice (Families, from the checker's Hello
// reply). A trap whose frame lands outside this task's RAM cannot be stacked: the
// kernel must fault the task (a stack overflow) without writing anything anywhere, and
// the checker restarts it, so such an attack never comes back. One that comes back
// must find its FP registers as it left them; the hostile task reports how many did
// not (FpChanged), which the checker counts as FP crossings.
//
// The stack pointer never moves to where this task's own live stack, IPC buffer or
// statics are (near its base lies the bottom of its stack, far below anything it uses,
// and near its top the unused end of its window): what the kernel does there is the
// task's own business, but it would make this task's reports and FP check meaningless.
using Keel.Tasks;

namespace Keel.Fuzz
{
    public static unsafe class CpuStateAttacks
    {
        // The attack families of this run (Protocol.cs's Families).
        public static uint Enabled;

        // CPU-state traps that came back, and how many of those changed the FP registers.
        public static uint CameBack, FpChanged;

        // Offsets around a window edge: -Reach..+Reach-4 in words, around the sizes of an
        // 8-word frame (32 bytes), an FP frame (104) and an FP frame plus s16-s31 (168).
        private const uint Reach = 200;

        // The kernel's stack size (app.toml, [kernel] stack) and the 256-byte guard
        // below it (sdk/targets/keel-image.ld): tasks are not told where the guard is, but it
        // lies just below the kernel's stack at the top of the kernel's RAM.
        private const uint KernelStackSize = 2048;
        private const uint KernelStackGuardSize = 256;
        private const uint KernelStackGuard = Layout.KernelRamBase + Layout.KernelRamSize - KernelStackSize - KernelStackGuardSize;

        private const uint Peripherals = 0x40000000;
        private const uint PeripheralsSize = 0x00080000;   // APB1, APB2, AHB1 of the STM32F4
        private const uint SystemControl = 0xE000E000;     // SysTick, NVIC, SCB, MPU
        private const uint SystemControlSize = 0x1000;

        // Every task's RAM window, this task's among them (n = 0..RamWindows-1).
        private const uint RamWindows = 7;

        private static uint RamBase(uint n) => n switch
        {
            0 => Layout.CheckerRamBase,
            1 => Layout.ServerRamBase,
            2 => Layout.ClientRamBase,
            3 => Layout.BystanderRamBase,
            4 => Layout.Hostile1RamBase,
            5 => Layout.Hostile2RamBase,
            _ => Layout.Hostile3RamBase,
        };

        private static uint RamSize(uint n) => n switch
        {
            0 => Layout.CheckerRamSize,
            1 => Layout.ServerRamSize,
            2 => Layout.ClientRamSize,
            3 => Layout.BystanderRamSize,
            4 => Layout.Hostile1RamSize,
            5 => Layout.Hostile2RamSize,
            _ => Layout.Hostile3RamSize,
        };

        // The flash windows: the kernel's and the hostile tasks' (this one's among them:
        // it may read its own flash, never write it).
        private const uint FlashWindows = 4;

        private static uint FlashBase(uint n) => n switch
        {
            0 => Layout.KernelFlashBase,
            1 => Layout.Hostile1FlashBase,
            2 => Layout.Hostile2FlashBase,
            _ => Layout.Hostile3FlashBase,
        };

        private static uint FlashSize(uint n) => n switch
        {
            0 => Layout.KernelFlashSize,
            1 => Layout.Hostile1FlashSize,
            2 => Layout.Hostile2FlashSize,
            _ => Layout.Hostile3FlashSize,
        };

        public static void One()
        {
            uint options = 0, stackPointer = 0;
            if ((Enabled & Families.Stack) != 0 && Attacks.Below(4) != 0)
            {
                options |= Trap.MoveSp;
                stackPointer = RandomStackPointer();
                if (Attacks.Below(8) == 0)
                    options |= Attacks.Below(1u << 16) << Trap.SpinShift;
            }
            if ((Enabled & Families.Fpu) != 0)
            {
                uint fp = Attacks.Below(3);
                if (fp != 0)
                    options |= Trap.FillFp;
                if (fp == 2)
                    options |= Trap.FpJustBefore;
            }
            if ((Enabled & Families.Faults) != 0)
            {
                uint fault = Attacks.Below(4);
                if (fault == 0)
                    options |= Trap.Undefined;
                else if (fault == 1)
                    options |= Trap.FaultAfter;
            }
            uint fpChanged = Attacks.CallWith(options, stackPointer, Attacks.Next());
            CameBack++;
            if (fpChanged != 0)
                FpChanged++;
        }

        private static uint RandomStackPointer()
        {
            // This task's own window is the one its stack is in.
            uint here = 0, own = 0;
            for (uint n = 0; n < RamWindows; n++)
            {
                if ((uint)&here - RamBase(n) < RamSize(n))
                    own = n;
            }
            uint ownBase = RamBase(own), ownTop = RamBase(own) + RamSize(own);
            uint stackPointer;
            uint pick = Attacks.Below(16);
            if (pick < 4)
                stackPointer = NearEdge(ownBase);
            else if (pick < 6)
                stackPointer = NearEdge(ownTop);
            else if (pick < 9)
            {
                uint other = (own + 1 + Attacks.Below(RamWindows - 1)) % RamWindows;
                stackPointer = InOrNear(RamBase(other), RamSize(other));
            }
            else if (pick < 11)
                stackPointer = Layout.KernelRamBase + Attacks.Below(Layout.KernelRamSize + Reach);
            else if (pick < 12)
                stackPointer = NearEdge(KernelStackGuard) + Attacks.Below(2) * KernelStackGuardSize;
            else if (pick < 13)
            {
                uint flash = Attacks.Below(FlashWindows);
                stackPointer = InOrNear(FlashBase(flash), FlashSize(flash));
            }
            else if (pick < 14)
                stackPointer = Attacks.Below(2) == 0 ? Peripherals + Attacks.Below(PeripheralsSize) : SystemControl + Attacks.Below(SystemControlSize);
            else if (pick < 15)
                stackPointer = NearEdge(0);
            else
                stackPointer = Attacks.Next();
            // Not aligned to 8 bytes (the hardware pads the frame) or not even to 4.
            if (Attacks.Below(4) == 0)
                stackPointer += 1 + Attacks.Below(7);
            return stackPointer;
        }

        // A word-aligned address within Reach bytes of `edge`, on either side.
        private static uint NearEdge(uint edge) => edge - Reach + 4 * Attacks.Below(2 * Reach / 4);

        // Near an edge of a window, or anywhere inside it.
        private static uint InOrNear(uint windowBase, uint size)
        {
            uint pick = Attacks.Below(3);
            return pick == 0 ? NearEdge(windowBase) : pick == 1 ? NearEdge(windowBase + size) : windowBase + (Attacks.Below(size) & ~3u);
        }
    }
}
