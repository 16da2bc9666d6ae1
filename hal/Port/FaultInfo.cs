// Fault decoding: turns the CPU's fault status (CFSR, MMFAR, BFAR) and the faulting
// thread's exception frame into the kernel's fault message (kind, PC, address,
// status), and clears the sticky status bits so the next fault reads clean.
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

        // Exception numbers of the fault handlers (Exceptions.S passes them).
        private const uint HardFault = 3;

        public static unsafe FaultInfo Read(uint exception, uint* frame)
        {
            uint cfsr = Scb.Cfsr.Read();
            bool stackingFailed = (cfsr & (Cfsr.MemManageStacking | Cfsr.BusFaultStacking)) != 0;
            FaultInfo fault;
            // A frame that could not be stacked must not be read either: it may lie in
            // memory no one may access (the kernel stack's guard).
            fault.Pc = stackingFailed ? 0 : frame[6];
            fault.Status = cfsr;
            fault.Address = 0;
            if ((cfsr & Cfsr.MmfarValid) != 0)
                fault.Address = Scb.Mmfar.Read();
            else if ((cfsr & Cfsr.BfarValid) != 0)
                fault.Address = Scb.Bfar.Read();
            else if ((cfsr & (Cfsr.InstructionAccessViolation | Cfsr.InstructionBusError)) != 0)
                fault.Address = fault.Pc; // a refused instruction fetch: the address is where it fetched

            if (stackingFailed)
            {
                // The exception frame could not be written, because the stack pointer had
                // left the memory the code may use (a stack overflow out of the task's RAM
                // region, or into the kernel stack's guard). The "frame" holds nothing, so
                // the pc is unknown (0) and the address is where the stack had got to.
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
            if (exception == HardFault && cfsr == 0)
                fault.Status = Scb.Hfsr.Read();

            Scb.Cfsr.Write(cfsr);
            return fault;
        }

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
