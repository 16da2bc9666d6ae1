// Fault decoding: turns the CPU's fault status (CFSR, MMFAR, BFAR) and the faulting
// thread's exception frame into the kernel's fault message (kind, PC, address,
// status), and clears the sticky status bits so the next fault reads clean.
//
// The frame is read with the kernel's privilege, so it is read only when the hardware
// wrote it there with the faulting code's own privilege and took the fault after:
// never when stacking failed (nothing was written, and the address may be anywhere the
// code chose, the kernel stack's guard included) nor when unstacking failed (the
// stack pointer was not where the frame had been: e.g. a thread resumed with a stack
// pointer it had moved out of its memory). Either way the context is lost
// (ContextLost) and the kernel restarts the thread rather than resume it. The caller
// also says whether the frame lies where the faulting code may keep one (a task's own
// RAM window): not every CPU model reports a failed stacking as such (Renode reports
// a data-access violation), and a frame outside that window can only be one the
// hardware could not have stacked, so it is treated the same way and never read.
using Keel.Hal;
using Keel.Hal.Arm;
using Keel.Kernel;

namespace Keel.Port
{
    public struct FaultInfo
    {
        public FaultKind Kind;
        public uint Pc;
        public uint Address;
        public uint Status;
        // The stacked LR; for a stack overflow the port fills it in from the stack (ReturnAddresses).
        public uint ReturnAddress;
        // HFSR as the fault found it (the kernel's fault report prints it).
        public uint Hfsr;
        public bool ContextLost;

        // Exception numbers of the fault handlers (Exceptions.S passes them).
        private const uint HardFault = 3;

        public static unsafe FaultInfo Read(uint exception, uint* frame, bool frameInOwnMemory)
        {
            uint cfsr = Scb.Cfsr.Read();
            bool frameLost = !frameInOwnMemory || (cfsr & (Cfsr.MemManageStacking | Cfsr.BusFaultStacking
                | Cfsr.MemManageUnstacking | Cfsr.BusFaultUnstacking)) != 0;
            FaultInfo fault;
            fault.ContextLost = frameLost;
            fault.Pc = frameLost ? 0 : frame[ThreadContext.FramePc];
            fault.ReturnAddress = frameLost ? 0 : frame[5];
            fault.Status = cfsr;
            fault.Address = 0;
            if ((cfsr & Cfsr.MmfarValid) != 0)
                fault.Address = Scb.Mmfar.Read();
            else if ((cfsr & Cfsr.BfarValid) != 0)
                fault.Address = Scb.Bfar.Read();
            else if ((cfsr & (Cfsr.InstructionAccessViolation | Cfsr.InstructionBusError)) != 0)
                fault.Address = fault.Pc; // a refused instruction fetch: the address is where it fetched

            if (frameLost)
            {
                // The exception frame could not be written (or read back), because the
                // stack pointer had left the memory the code may use (a stack overflow out
                // of the task's RAM region, or into the kernel stack's guard). The "frame"
                // holds nothing, so the pc is unknown (0) and the address is where the
                // stack had got to.
                fault.Kind = FaultKind.StackOverflow;
                fault.Address = (uint)frame;
            }
            else if ((cfsr & (Cfsr.MemManageMask | Cfsr.BusFaultMask)) != 0)
                fault.Kind = FaultKind.MemoryAccess;
            else if ((cfsr & Cfsr.UndefinedInstruction) != 0)
                fault.Kind = FaultKind.UndefinedInstruction;
            else if ((cfsr & Cfsr.Unaligned) != 0)
                fault.Kind = FaultKind.UnalignedAccess;
            else if ((cfsr & Cfsr.DivideByZero) != 0)
                fault.Kind = FaultKind.DivideByZero;
            else
                fault.Kind = FaultKind.Other;
            // HFSR's bits are sticky like CFSR's (DEBUGEVT from a BKPT, FORCED, ...): a
            // HardFault clears them once read, so a later fault of another task reads clean.
            fault.Hfsr = Scb.Hfsr.Read();
            if (exception == HardFault)
                Scb.Hfsr.Write(fault.Hfsr);
            if (exception == HardFault && cfsr == 0)
                fault.Status = fault.Hfsr;

            Scb.Cfsr.Write(cfsr);
            return fault;
        }

        public readonly FaultRecord Record => new FaultRecord { Kind = Kind, Pc = Pc, Address = Address, Status = Status, ReturnAddress = ReturnAddress };

        public void Print()
        {
            Console.Write(FaultKinds.Name(Kind));
            Console.Write(" at pc ");
            Console.WriteHex(Pc);
            Console.Write(", address ");
            Console.WriteHex(Address);
            Console.Write(", status ");
            Console.WriteHex(Status);
        }
    }
}
