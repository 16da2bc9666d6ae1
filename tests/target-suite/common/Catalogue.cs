// Every case of the on-target suite: its stable id and its name, in the order the
// driver runs them. The workers dispatch on the same numbers, and the host-side
// harness compiles this file too, so it knows the cases (one xunit result each)
// before the image has run. Ids never change meaning: a retired case leaves a gap.
// Names are UTF-8 literals: data in the driver's flash, where strings would be copied
// into its RAM (about 11 KiB of it for every case's name).
using System;

namespace Keel.Suite
{
    public enum Case
    {
        SendBlocksUntilReceived,
        LongMessage,
        CallWithoutReplyRight,
        NBSendWithoutReceiver,
        SendOnlyReportsNothing,
        RecvNeedsRead,
        NBRecvWithNothingQueued,
        CallAndReply,
        SecondReplyDropped,
        ReplyWithoutCaller,
        SendingClientCannotBlockServer,
        SaveCallerAnswersInAnyOrder,
        SavedReplyIsSingleUse,
        ReceiveDiscardsUnsavedReply,
        IdentifyOwnSlots,
        MintBadgeAndRights,
        CopyAndMove,
        GrantTransfersCaps,
        NoGrantNoTransfer,
        ReplyGrantFollowsReceiver,
        NBCallWithoutReceiver,
        NBCallWithReceiver,
        NBSendRecv,
        BadInvocations,
        BadgeNotIdentity,
        SendersQueueInOrder,
        SuspendedCallerReplyDropped,
        SuspendCancelsBlockedIpc,
        BadSyscallFaults,
        SignalAndWait,
        PollNeverBlocks,
        WaitersWokenInOrder,
        BoundNotificationWakesRecv,
        HigherPriorityReceiverRunsAtOnce,
        LowerPriorityReceiverWaits,
        YieldToEqualPriority,
        RoundRobin,
        TickPreemption,
        IrqToNotification,
        IrqMaskedUntilAck,
        IrqAckNeedsIrqCap,
        FpuContextSurvivesSwitch,
        ExecuteFromRam,
        UnalignedAccess,
        UndefinedInstruction,
        DivideByZero,
        StackOverflow,
        FaultLoopLeavesOthersRunning,
        DebugCallsNeedPermission,
        FpuFrameAtWindowBaseWritesNothingBelow,
        FpuFrameAtWindowBaseReadsNothingBelow,
        FpuFrameInKernelRamIsStackOverflow,
        FpuFrameAcrossWindowTopIsStackOverflow,
        UnstackableSvcIsNotRun,
        UnstackableSvcWithNothingRunnable,
        FpuRegistersDoNotLeakToAnotherTask,
        FpuRegistersDoNotSurviveRestart,
        HaltAndFastpathCountNeedPermission,
        ResumeAfterUnstackableFrameRestarts,
        SuspendResumeAfterUnstackableFrameRestarts,
        SemihostingFromTaskDoesNotEndRun,
        UnbadgedSignalWakesWaiter,
        RevokeReachesEveryCSpace,
        CancelBadgedSends,
        NoCapabilityLeftWakesWaiters,
        DebugCallsStayInReach,
        LongRevokeIsRepeated,
        UnrepeatableRevokeLeaksNoCount,
        ForgedFaultIsAMessage,
        ForgedFaultOfAnotherIsAMessage,
        // The MPU matrix: for each worker (1..4) the same six cases, in this order.
        MpuFirst,
    }

    public static class Catalogue
    {
        public const int MpuCasesPerWorker = 6;
        public const int Count = (int)Case.MpuFirst + Workers.Count * MpuCasesPerWorker;

        public static string Id(int index) => index < (int)Case.MpuFirst ? FixedId((Case)index) : MpuId(index);

        // An MPU case's name starts with the worker it is about (Subject), and Name
        // gives the rest; the other cases have no subject.
        public static string Subject(int index) => Workers.Name(MpuWorker(index));

        public static ReadOnlySpan<byte> Name(int index) => index < (int)Case.MpuFirst ? FixedName((Case)index) : MpuName(MpuKind(index));

        // Why a case cannot test the kernel on Renode 1.16, which does not model its
        // subject (renode-scripts/README.md has the details), or "" when it can. Such
        // a case reports SKIP there with this reason before it acts, since some of
        // them would otherwise have the CPU model write into kernel RAM; the host's
        // Renode tests expect exactly that.
        public static string UntestableOnRenode(int index) => index >= (int)Case.MpuFirst ? "" : (Case)index switch
        {
            Case.UnalignedAccess => "Renode does not model the UNALIGNED UsageFault",
            Case.DivideByZero => "Renode does not model the DIVBYZERO UsageFault",
            // The exception frame is pushed with privilege, so it lands wherever the
            // task's stack pointer points and no MSTKERR is raised; these cases are
            // about exactly that fault.
            Case.FpuFrameInKernelRamIsStackOverflow or Case.FpuFrameAcrossWindowTopIsStackOverflow
                or Case.UnstackableSvcIsNotRun or Case.UnstackableSvcWithNothingRunnable
                or Case.ResumeAfterUnstackableFrameRestarts or Case.SuspendResumeAfterUnstackableFrameRestarts
                => "Renode stacks exception frames privileged",
            _ => "",
        };

        // The worker an MPU case is about (1..4), or 0 for the other cases.
        public static uint MpuWorker(int index) => index < (int)Case.MpuFirst ? 0 : (uint)((index - (int)Case.MpuFirst) / MpuCasesPerWorker + 1);

        // Which of the six MPU cases (0..5).
        public static int MpuKind(int index) => (index - (int)Case.MpuFirst) % MpuCasesPerWorker;

        public const int MpuOwnMemory = 0;
        public const int MpuOtherRam = 1;
        public const int MpuOtherStack = 2;
        public const int MpuKernelRam = 3;
        public const int MpuPeripheral = 4;
        public const int MpuFlashWrite = 5;

        private static ReadOnlySpan<byte> MpuName(int kind) => kind switch
        {
            MpuOwnMemory => "reads and writes its own RAM and stack, reads its flash and uses its timer"u8,
            MpuOtherRam => "cannot read or write any other task's RAM"u8,
            MpuOtherStack => "cannot read or write any other task's stack"u8,
            MpuKernelRam => "cannot read or write the kernel's RAM"u8,
            MpuPeripheral => "cannot read or write a peripheral it was not given"u8,
            _ => "cannot write flash, its own or the kernel's"u8,
        };

        // MPU0101..MPU0106 for alpha, MPU0201.. for beta, ...
        private static string MpuId(int index) => (index - (int)Case.MpuFirst) switch
        {
            0 => "MPU0101",
            1 => "MPU0102",
            2 => "MPU0103",
            3 => "MPU0104",
            4 => "MPU0105",
            5 => "MPU0106",
            6 => "MPU0201",
            7 => "MPU0202",
            8 => "MPU0203",
            9 => "MPU0204",
            10 => "MPU0205",
            11 => "MPU0206",
            12 => "MPU0301",
            13 => "MPU0302",
            14 => "MPU0303",
            15 => "MPU0304",
            16 => "MPU0305",
            17 => "MPU0306",
            18 => "MPU0401",
            19 => "MPU0402",
            20 => "MPU0403",
            21 => "MPU0404",
            22 => "MPU0405",
            23 => "MPU0406",
            _ => "?",
        };

        private static string FixedId(Case c) => c switch
        {
            Case.SendBlocksUntilReceived => "IPC0001",
            Case.LongMessage => "IPC0002",
            Case.CallWithoutReplyRight => "IPC0003",
            Case.NBSendWithoutReceiver => "IPC0004",
            Case.SendOnlyReportsNothing => "IPC0005",
            Case.RecvNeedsRead => "IPC0006",
            Case.NBRecvWithNothingQueued => "IPC0007",
            Case.CallAndReply => "IPC0008",
            Case.SecondReplyDropped => "IPC0009",
            Case.ReplyWithoutCaller => "IPC0010",
            Case.SendingClientCannotBlockServer => "IPC0011",
            Case.SaveCallerAnswersInAnyOrder => "IPC0012",
            Case.SavedReplyIsSingleUse => "IPC0013",
            Case.ReceiveDiscardsUnsavedReply => "IPC0014",
            Case.IdentifyOwnSlots => "IPC0015",
            Case.MintBadgeAndRights => "IPC0016",
            Case.CopyAndMove => "IPC0017",
            Case.GrantTransfersCaps => "IPC0018",
            Case.NoGrantNoTransfer => "IPC0019",
            Case.ReplyGrantFollowsReceiver => "IPC0020",
            Case.NBCallWithoutReceiver => "IPC0021",
            Case.NBCallWithReceiver => "IPC0022",
            Case.NBSendRecv => "IPC0023",
            Case.BadInvocations => "IPC0024",
            Case.BadgeNotIdentity => "IPC0025",
            Case.SendersQueueInOrder => "IPC0026",
            Case.SuspendedCallerReplyDropped => "IPC0027",
            Case.SuspendCancelsBlockedIpc => "IPC0028",
            Case.BadSyscallFaults => "IPC0029",
            Case.SignalAndWait => "NTF0001",
            Case.PollNeverBlocks => "NTF0002",
            Case.WaitersWokenInOrder => "NTF0003",
            // NTF0004 (an unbadged Signal has no effect) is retired: such a Signal now wakes a
            // waiter with the word 0, as in seL4 (NTF0006).
            Case.BoundNotificationWakesRecv => "NTF0005",
            Case.HigherPriorityReceiverRunsAtOnce => "SCH0001",
            Case.LowerPriorityReceiverWaits => "SCH0002",
            Case.YieldToEqualPriority => "SCH0003",
            Case.RoundRobin => "SCH0004",
            Case.TickPreemption => "SCH0005",
            Case.IrqToNotification => "IRQ0001",
            Case.IrqMaskedUntilAck => "IRQ0002",
            Case.IrqAckNeedsIrqCap => "IRQ0003",
            Case.FpuContextSurvivesSwitch => "FPU0001",
            Case.ExecuteFromRam => "FLT0001",
            Case.UnalignedAccess => "FLT0002",
            Case.UndefinedInstruction => "FLT0003",
            Case.DivideByZero => "FLT0004",
            Case.StackOverflow => "FLT0005",
            Case.FaultLoopLeavesOthersRunning => "FLT0006",
            // DBG0001 (CheckInvariants refused where debug-invariants is off) is retired:
            // the suite now enables the setting, and DBG0002 took its place.
            Case.DebugCallsNeedPermission => "DBG0002",
            Case.FpuFrameAtWindowBaseWritesNothingBelow => "ISO0001",
            Case.FpuFrameAtWindowBaseReadsNothingBelow => "ISO0002",
            Case.FpuFrameInKernelRamIsStackOverflow => "ISO0003",
            Case.FpuFrameAcrossWindowTopIsStackOverflow => "ISO0004",
            Case.UnstackableSvcIsNotRun => "ISO0005",
            Case.UnstackableSvcWithNothingRunnable => "ISO0006",
            Case.FpuRegistersDoNotLeakToAnotherTask => "ISO0007",
            Case.FpuRegistersDoNotSurviveRestart => "ISO0008",
            Case.HaltAndFastpathCountNeedPermission => "ISO0009",
            Case.ResumeAfterUnstackableFrameRestarts => "ISO0010",
            Case.SuspendResumeAfterUnstackableFrameRestarts => "ISO0011",
            Case.SemihostingFromTaskDoesNotEndRun => "ISO0012",
            Case.UnbadgedSignalWakesWaiter => "NTF0006",
            Case.RevokeReachesEveryCSpace => "CAP0001",
            Case.CancelBadgedSends => "CAP0002",
            Case.NoCapabilityLeftWakesWaiters => "CAP0003",
            Case.DebugCallsStayInReach => "DBG0003",
            Case.LongRevokeIsRepeated => "CAP0004",
            Case.UnrepeatableRevokeLeaksNoCount => "CAP0005",
            Case.ForgedFaultIsAMessage => "FLT0007",
            Case.ForgedFaultOfAnotherIsAMessage => "FLT0008",
            _ => "?",
        };

        private static ReadOnlySpan<byte> FixedName(Case c) => c switch
        {
            Case.SendBlocksUntilReceived => "Send blocks until a receiver takes the message, which arrives whole"u8,
            Case.LongMessage => "A 16-word message carries its words past MR3 through the IPC buffers"u8,
            Case.CallWithoutReplyRight => "Call without a reply right fails before sending"u8,
            Case.NBSendWithoutReceiver => "NBSend with no receiver waiting drops the message and reports Ok"u8,
            Case.SendOnlyReportsNothing => "A send-only capability returns nothing but its own status"u8,
            Case.RecvNeedsRead => "Recv needs the Read right"u8,
            Case.NBRecvWithNothingQueued => "NBRecv with nothing queued returns WouldBlock"u8,
            Case.CallAndReply => "Call blocks the caller until the reply, which carries label and words"u8,
            Case.SecondReplyDropped => "A second Reply finds no reply capability and is dropped"u8,
            Case.ReplyWithoutCaller => "Reply with no caller is dropped and ReplyRecv goes on receiving"u8,
            Case.SendingClientCannotBlockServer => "A client that uses Send cannot make a server block"u8,
            Case.SaveCallerAnswersInAnyOrder => "SaveCaller lets a server answer two callers in any order"u8,
            Case.SavedReplyIsSingleUse => "A saved reply capability answers once, then its slot is empty"u8,
            Case.ReceiveDiscardsUnsavedReply => "Receiving again discards an unsaved reply capability"u8,
            Case.IdentifyOwnSlots => "Identify gives the type and rights of an own slot, never its badge"u8,
            Case.MintBadgeAndRights => "Mint adds a badge and only removes rights"u8,
            Case.CopyAndMove => "Copy and Move keep rights and badge; a reply capability cannot be copied"u8,
            Case.GrantTransfersCaps => "A Grant capability carries capabilities with the message"u8,
            Case.NoGrantNoTransfer => "Without Grant the message arrives but no capability does"u8,
            Case.ReplyGrantFollowsReceiver => "A reply carries capabilities only when the receiver's capability had Grant"u8,
            Case.NBCallWithoutReceiver => "NBCall with no receiver waiting returns WouldBlock and sends nothing"u8,
            Case.NBCallWithReceiver => "NBCall with a receiver waiting is a Call"u8,
            Case.NBSendRecv => "NBSendRecv sends without blocking, then receives"u8,
            Case.BadInvocations => "Bad index, empty slot, wrong type, missing right and long message are refused"u8,
            Case.BadgeNotIdentity => "A receiver learns the sender's badge, never its identity"u8,
            Case.SendersQueueInOrder => "Blocked senders are received in FIFO order"u8,
            Case.SuspendedCallerReplyDropped => "Suspending a caller kills its reply capability"u8,
            Case.SuspendCancelsBlockedIpc => "Suspending a blocked receiver cancels its Recv"u8,
            Case.BadSyscallFaults => "An unknown system call number is a fault sent to the fault handler"u8,
            Case.SignalAndWait => "Signal ORs badges into the word; Wait returns and clears it"u8,
            Case.PollNeverBlocks => "Poll never blocks and returns 0 when nothing is pending"u8,
            Case.WaitersWokenInOrder => "Waiters on a notification are woken in FIFO order"u8,
            Case.BoundNotificationWakesRecv => "A signal wakes a Recv of the notification's bound task"u8,
            Case.HigherPriorityReceiverRunsAtOnce => "A higher-priority receiver runs as soon as its message arrives"u8,
            Case.LowerPriorityReceiverWaits => "A sender keeps the CPU when the receiver has lower priority"u8,
            Case.YieldToEqualPriority => "Yield passes the CPU to a task of the same priority"u8,
            Case.RoundRobin => "Busy tasks of equal priority share the CPU in time slices"u8,
            Case.TickPreemption => "A tick signal wakes a higher-priority task, which preempts a busy one"u8,
            Case.IrqToNotification => "An interrupt pended through the NVIC signals its notification with its badge"u8,
            Case.IrqMaskedUntilAck => "An interrupt stays masked until IrqAck"u8,
            Case.IrqAckNeedsIrqCap => "IrqAck needs an IRQ-handler capability with Write"u8,
            Case.FpuContextSurvivesSwitch => "Floating-point registers survive context switches"u8,
            Case.ExecuteFromRam => "Executing from RAM is a memory-access fault at that address"u8,
            Case.UnalignedAccess => "An unaligned LDRD is an unaligned-access fault"u8,
            Case.UndefinedInstruction => "An undefined instruction is reported as such"u8,
            Case.DivideByZero => "An integer division by zero is a divide-by-zero fault"u8,
            Case.StackOverflow => "A stack overflow faults below the task's own RAM, touching nothing else"u8,
            Case.FaultLoopLeavesOthersRunning => "A task faulting in a loop is restarted each time while others go on"u8,
            Case.DebugCallsNeedPermission => "CheckInvariants and Digest need a grant"u8,
            Case.FpuFrameAtWindowBaseWritesNothingBelow => "An FPU frame at the RAM's base writes nothing below it"u8,
            Case.FpuFrameAtWindowBaseReadsNothingBelow => "An FPU frame at the RAM's base reads nothing from below it"u8,
            Case.FpuFrameInKernelRamIsStackOverflow => "An FPU frame in kernel RAM is a stack overflow, changing nothing"u8,
            Case.FpuFrameAcrossWindowTopIsStackOverflow => "An FPU frame across the RAM's top is a stack overflow"u8,
            Case.UnstackableSvcIsNotRun => "An SVC whose frame cannot be stacked is nobody's call"u8,
            Case.UnstackableSvcWithNothingRunnable => "An unstackable SVC, FPU used, nothing runnable: no panic"u8,
            Case.FpuRegistersDoNotLeakToAnotherTask => "FPU registers do not leak to another task"u8,
            Case.FpuRegistersDoNotSurviveRestart => "A restarted task starts with cleared FPU registers"u8,
            Case.HaltAndFastpathCountNeedPermission => "Halt and FastpathCount need a grant; the run goes on"u8,
            Case.ResumeAfterUnstackableFrameRestarts => "Resume after an unstackable frame restarts the task"u8,
            Case.SuspendResumeAfterUnstackableFrameRestarts => "Suspend and Resume after an unstackable frame restart it"u8,
            Case.SemihostingFromTaskDoesNotEndRun => "Semihosting from a task does not reach the host"u8,
            // Short names from here: the driver's RAM holds every name (tests/target-suite/README.md).
            Case.UnbadgedSignalWakesWaiter => "Unbadged Signal wakes a waiter"u8,
            Case.RevokeReachesEveryCSpace => "Revoke reaches every CSpace"u8,
            Case.CancelBadgedSends => "CancelBadgedSends ends one badge"u8,
            Case.NoCapabilityLeftWakesWaiters => "No capability left: waiters woken"u8,
            Case.DebugCallsStayInReach => "Debug call reach"u8,
            Case.LongRevokeIsRepeated => "Long Revoke"u8,
            Case.UnrepeatableRevokeLeaksNoCount => "Revoke in IT"u8,
            Case.ForgedFaultIsAMessage => "Forged own fault"u8,
            Case.ForgedFaultOfAnotherIsAMessage => "Forged fault of another"u8,
            _ => "?"u8,
        };
    }
}
