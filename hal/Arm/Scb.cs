// The System Control Block (ARMv7-M Architecture Reference Manual, B3.2): CPU
// identification, exception control and the fault status registers.
namespace Keel.Hal.Arm
{
    public static class Scb
    {
        public static readonly Register32 Actlr = new Register32(0xE000E008);
        public static readonly Register32 Cpuid = new Register32(0xE000ED00);
        public static readonly Register32 Icsr = new Register32(0xE000ED04);
        public static readonly Register32 Vtor = new Register32(0xE000ED08);
        public static readonly Register32 Aircr = new Register32(0xE000ED0C);
        public static readonly Register32 Scr = new Register32(0xE000ED10);
        public static readonly Register32 Ccr = new Register32(0xE000ED14);
        public static readonly Register32 Shpr1 = new Register32(0xE000ED18);
        public static readonly Register32 Shpr2 = new Register32(0xE000ED1C);
        public static readonly Register32 Shpr3 = new Register32(0xE000ED20);
        public static readonly Register32 Shcsr = new Register32(0xE000ED24);
        public static readonly Register32 Cfsr = new Register32(0xE000ED28);
        public static readonly Register32 Hfsr = new Register32(0xE000ED2C);
        public static readonly Register32 Mmfar = new Register32(0xE000ED34);
        public static readonly Register32 Bfar = new Register32(0xE000ED38);
        public static readonly Register32 Cpacr = new Register32(0xE000ED88);
        public static readonly Register32 Fpccr = new Register32(0xE000EF34);

        // SHCSR: enable the configurable fault handlers (otherwise they escalate to HardFault).
        public const uint ShcsrMemFaultEnable = 1u << 16;
        public const uint ShcsrBusFaultEnable = 1u << 17;
        public const uint ShcsrUsageFaultEnable = 1u << 18;

        // SHCSR's pending bits of the exceptions the running code raises itself (B3.2.13):
        // UsageFault, MemManage, BusFault and SVCall. An exception whose frame could not
        // be stacked stays pending (B1.5.6); writing 0 withdraws it.
        public const uint ShcsrUsageFaultPending = 1u << 12;
        public const uint ShcsrMemFaultPending = 1u << 13;
        public const uint ShcsrBusFaultPending = 1u << 14;
        public const uint ShcsrSvcPending = 1u << 15;
        public const uint ShcsrSynchronousPending = ShcsrUsageFaultPending | ShcsrMemFaultPending | ShcsrBusFaultPending | ShcsrSvcPending;

        // ACTLR.DISDEFWBUF (Cortex-M4 TRM 4.3.1): no write buffering for accesses through
        // the default memory map (not through an MPU region, whose memory type decides),
        // so a bus error on such a store is a precise BusFault of the instruction that
        // made it rather than an imprecise one that may arrive after other code ran.
        public const uint ActlrDisableWriteBuffer = 1u << 1;

        // CCR: trap integer division by zero instead of returning 0.
        public const uint CcrDivideByZeroTrap = 1u << 4;

        // CCR.USERSETMPEND (B3.2.8): unprivileged code may write the NVIC's STIR, so any
        // task can pend any interrupt (Nvic.Trigger). Only for test images.
        public const uint CcrUnprivilegedSoftwareTrigger = 1u << 1;

        // CPACR: full access to coprocessors 10 and 11 (the FPU).
        public const uint CpacrFpuFullAccess = 0xFu << 20;

        // FPCCR (B3.2.20): ASPEN makes an FP instruction set CONTROL.FPCA so that exception
        // entry stacks FP state; LSPEN makes that stacking lazy. Both set at reset.
        public const uint FpccrAutomaticStateSave = 1u << 31;
        public const uint FpccrLazyStateSave = 1u << 30;

        // ICSR: the active exception number.
        public const uint IcsrActiveMask = 0x1FF;

        // System handler priorities: the byte lanes of SHPR1-3 (B3.2.10-12).
        public const int Shpr2SvcShift = 24;
        public const int Shpr3PendSvShift = 16;
        public const int Shpr3SysTickShift = 24;
    }

    // Configurable Fault Status Register fields (B3.2.15): MMFSR, BFSR and UFSR.
    public static class Cfsr
    {
        public const uint InstructionAccessViolation = 1u << 0;
        public const uint DataAccessViolation = 1u << 1;
        public const uint MemManageUnstacking = 1u << 3;
        public const uint MemManageStacking = 1u << 4;
        public const uint MemManageLazyFp = 1u << 5;
        public const uint MmfarValid = 1u << 7;
        public const uint MemManageMask = 0xFF;

        public const uint InstructionBusError = 1u << 8;
        public const uint PreciseDataBusError = 1u << 9;
        public const uint ImpreciseDataBusError = 1u << 10;
        public const uint BusFaultUnstacking = 1u << 11;
        public const uint BusFaultStacking = 1u << 12;
        public const uint BfarValid = 1u << 15;
        public const uint BusFaultMask = 0xFF00;

        public const uint UndefinedInstruction = 1u << 16;
        public const uint InvalidState = 1u << 17;
        public const uint InvalidPc = 1u << 18;
        public const uint NoCoprocessor = 1u << 19;
        public const uint Unaligned = 1u << 24;
        public const uint DivideByZero = 1u << 25;
    }

    // CPUID fields (ARMv7-M ARM B3.2.3).
    public readonly struct CpuId
    {
        public readonly uint Value;

        public CpuId(uint value) => Value = value;

        public static CpuId Read() => new CpuId(Scb.Cpuid.Read());

        public uint Implementer => Value >> 24;

        public uint Variant => (Value >> 20) & 0xF;

        public uint PartNumber => (Value >> 4) & 0xFFF;

        public uint Revision => Value & 0xF;

        public const uint PartCortexM3 = 0xC23;
        public const uint PartCortexM4 = 0xC24;
        public const uint PartCortexM7 = 0xC27;

        public string CoreName => PartNumber switch
        {
            PartCortexM3 => "Cortex-M3",
            PartCortexM4 => "Cortex-M4",
            PartCortexM7 => "Cortex-M7",
            _ => "unknown core",
        };
    }
}
