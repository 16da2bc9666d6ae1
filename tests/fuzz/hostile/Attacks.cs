// The attacks of a hostile task: random system calls, and short sequences that aim at
// the kernel's harder cases (a slot just moved away or deleted, a saved reply
// capability, a freshly minted capability, a revocation of what was just derived).
//
// Everything is random: the system-call number (mostly valid ones, and the numbers that
// fault, the platform range and any word), the capability slots (every slot of the
// CSpace, empty or full, and indices past its end or anywhere in 32 bits), the message
// info (any label, lengths 0..20 of which 17..20 are too long, 0..3 extra caps, now and
// then a raw word), the rights masks and badges of Mint, the message registers and the
// IPC buffer (message words, attached-capability indices and receive slots).
//
// Mostly non-blocking calls: a task blocked for good stops attacking until the checker
// notices and restarts it. Blocking ones still come up (Send, Recv, Call, ReplyRecv,
// NBSendRecv, Wait) and are part of the attack: the kernel must handle a thread
// suspended or restarted while blocked.
//
// The initial capabilities (slots below Caps.FirstFreeSlot) are never deleted or moved
// for good, only moved away for one call: random deletions would otherwise wear the
// CSpaces down within a few thousand calls, and capabilities that no task holds any
// more (the thread capabilities, say) could never be attacked through again. Copies of
// them, minted ones, received ones and saved reply capabilities all live in the free
// slots, and there everything goes.
//
// Two slots are never named at random: `forge` and `report` (slots 1 and 2), the
// checker's endpoint. Deleting or moving `report` would only silence the task's
// reports (a capability can't be got back from nowhere), and sending through either
// with random words and badges would forge reports, so the checker's counts would mean
// nothing. Fault messages are forged on purpose instead (ForgeAFault), through `forge`
// minted with a fault badge only. Every other slot, and the other tasks' objects behind it, is fair game. One
// number is never issued either: DebugWrite (random text on the console would spoil
// the transcript the test reads). The platform calls the system description does not
// grant a hostile task (Halt, FastpathCount, CheckInvariants, Digest) are: each must
// answer NotPermitted and do nothing, and a Halt that got through would end the run
// before its closing line.
//
// CpuStateAttacks.cs makes the same random calls with a chosen CPU state (Call's
// `options`).
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;

namespace Keel.Fuzz
{
    public static class Attacks
    {
        private static Xorshift s_random;

        // Random calls (Call below) the kernel carried out (status Ok) since the last report.
        public static uint Accepted;

        // The system calls that may block; the others are picked most of the time.
        private const uint Blocking = 1u << (int)SyscallNumber.Send | 1u << (int)SyscallNumber.Recv | 1u << (int)SyscallNumber.Call
            | 1u << (int)SyscallNumber.ReplyRecv | 1u << (int)SyscallNumber.NBSendRecv | 1u << (int)SyscallNumber.Wait;

        // The first number the kernel does not know (one past its last): it and everything up
        // to the platform range fault.
        private const uint FirstBadNumber = (uint)SyscallNumber.CancelBadgedSends + 1;

        public static void Seed(uint seed) => s_random = new Xorshift(seed);

        // One attack; returns how many system calls it made.
        public static uint One()
        {
            uint choice = s_random.Below(100);
            if (choice < 70)
            {
                Call(RandomNumber(), RandomSlot());
                return 1;
            }
            if (choice < 77)
                return UseASlotJustMovedAway();
            if (choice < 84)
                return UseASlotJustDeleted();
            if (choice < 90)
                return ReplyThroughASavedCaller();
            if (choice < 94)
                return RevokeAfterDeriving();
            if (choice < 97)
                return UseAFreshlyMintedCapability();
            if (choice < 98)
                return ForgeAFault();
            // A Call that waits until a peer receives on `shared` (ReplyThroughASavedCaller
            // does, non-blocking) or until the checker restarts this task.
            Call((uint)SyscallNumber.Call, Caps.SharedCall);
            return 1;
        }

        private static uint UseASlotJustMovedAway()
        {
            uint from = RandomSlot(), to = FreeSlot();
            CSpaceOps.Move(from, to);
            // Restarting itself here would leave an initial capability in a free slot for good.
            uint number = NonBlockingNumber();
            Call(number == (uint)SyscallNumber.ThreadRestart ? (uint)SyscallNumber.Identify : number, from);
            // Put it back (if it moved) so the task does not wear its CSpace down to nothing.
            // The call may have filled the slot (SaveCaller, a received capability): the
            // newcomer makes way.
            if (CSpaceOps.Move(to, from) != Error.SlotOccupied)
                return 3;
            CSpaceOps.Delete(from);
            CSpaceOps.Move(to, from);
            return 5;
        }

        private static uint UseASlotJustDeleted()
        {
            uint copy = FreeSlot();
            CSpaceOps.Copy(RandomSlot(), copy);
            CSpaceOps.Delete(copy);
            Call(NonBlockingNumber(), copy);
            return 3;
        }

        // Takes a message if one is there (a peer's Call leaves a reply capability), saves
        // the caller, and answers through the saved slot, or moves or inspects it.
        private static uint ReplyThroughASavedCaller()
        {
            uint saved = FreeSlot();
            uint receiveSlot = s_random.Below(4) == 0 ? RandomSlot() : Caps.Shared;
            Syscall.Invoke(SyscallNumber.NBRecv, receiveSlot);
            CSpaceOps.SaveCaller(saved);
            switch (s_random.Below(4))
            {
                case 0:
                    CSpaceOps.Move(saved, FreeSlot());
                    break;
                case 1:
                    CSpaceOps.Identify(saved, out _, out _);
                    break;
                default:
                    Call(s_random.Below(2) == 0 ? (uint)SyscallNumber.NBSend : (uint)SyscallNumber.Send, saved);
                    break;
            }
            CSpaceOps.Delete(saved);
            return 4;
        }

        // Derives a chain of three capabilities from a random one (Copy, Copy, Mint: some fail,
        // and that is part of it), then revokes one link of it or any slot: what goes may lie in
        // the other hostile tasks' CSpaces too, where the chain's capabilities travel with
        // messages, and a peer may be blocked through one of them.
        // A fault message no kernel sent (issue 29): a Call through `forge` minted with the
        // fault badge of a hostile task (this one or a peer), with a fault kind as label, the
        // kernel's fault mark set in the info word it passes, and random words for pc,
        // address, status and return address. The checker must take it for what it is, a
        // message (it answers NotAFault); one it took for a fault would be charged to the
        // task whose badge it carries, at a pc that task never ran (an integrity violation).
        private static uint ForgeAFault()
        {
            uint forged = FreeSlot();
            CSpaceOps.Delete(forged);
            CSpaceOps.Mint(Caps.Forge, forged, Rights.Write | Rights.GrantReply, Badges.FaultBadge + 1 + s_random.Below(Badges.Hostiles));
            MessageInfo info = MessageInfo.Fault((FaultKind)(1 + s_random.Below((uint)FaultKind.Last)), 4);
            Syscall.Invoke(SyscallNumber.Call, forged, info.Raw, 0, s_random.Next(), s_random.Next(), s_random.Next(), s_random.Next());
            CSpaceOps.Delete(forged);
            return 4;
        }

        private static uint RevokeAfterDeriving()
        {
            uint source = RandomSlot(), first = FreeSlot(), second = FreeSlot();
            CSpaceOps.Copy(source, first);
            CSpaceOps.Copy(first, second);
            CSpaceOps.Mint(second, FreeSlot(), (Rights)RandomRights(), RandomBadge());
            uint pick = s_random.Below(4);
            Call((uint)SyscallNumber.Revoke, pick == 0 ? source : pick == 1 ? first : pick == 2 ? second : RandomSlot());
            return 4;
        }

        private static uint UseAFreshlyMintedCapability()
        {
            uint minted = FreeSlot();
            CSpaceOps.Mint(RandomSlot(), minted, (Rights)RandomRights(), RandomBadge());
            Call(NonBlockingNumber(), minted);
            if (s_random.Below(2) != 0)
                return 2;   // kept: minted capabilities pile up and travel with messages
            CSpaceOps.Delete(minted);
            return 3;
        }

        // One system call on `slot`, with everything else random, made as Trap.S's
        // `options` say (with `stackPointer` and `fpSeed` where they ask for them);
        // returns what Trap.Make does.
        private static uint Call(uint number, uint slot, uint options = 0, uint stackPointer = 0, uint fpSeed = 0)
        {
            // The initial capabilities leave only for one call (UseASlotJustMovedAway).
            if ((number == (uint)SyscallNumber.Delete || number == (uint)SyscallNumber.Move) && slot < Caps.FirstFreeSlot)
                slot = FreeSlot();
            ScrambleIpcBuffer();
            bool mint = number == (uint)SyscallNumber.Mint;
            ThreadRegisters frame;
            frame.R4 = slot;
            frame.R5 = RandomInfo();
            frame.R6 = RandomSlot();
            frame.R7 = mint ? RandomRights() : s_random.Next();
            frame.R8 = mint ? RandomBadge() : s_random.Next();
            frame.R9 = s_random.Next();
            frame.R10 = s_random.Next();
            frame.R11 = number;
            uint fpChanged = Trap.Make(ref frame, options, fpSeed, stackPointer);
            // Faulting numbers leave r4 as it was, so only numbers the kernel knows count.
            if (number < FirstBadNumber && frame.Status == Error.Ok)
                Accepted++;
            return fpChanged;
        }

        // A random call (RandomNumber, RandomSlot) with a chosen CPU state.
        public static uint CallWith(uint options, uint stackPointer, uint fpSeed) =>
            Call(RandomNumber(), RandomSlot(), options, stackPointer, fpSeed);

        public static uint Below(uint bound) => s_random.Below(bound);

        public static uint Next() => s_random.Next();

        private static uint RandomNumber()
        {
            uint pick = s_random.Below(100);
            if (pick < 80)
                return NonBlockingNumber();
            if (pick < 83)
                return s_random.Below(FirstBadNumber);                                   // any, blocking ones too
            if (pick < 93)
                return FirstBadNumber + s_random.Below((uint)PlatformCallNumber.First - FirstBadNumber);   // a fault
            if (pick < 97)
                return (uint)PlatformCallNumber.Halt + s_random.Below(32);              // Halt, Exit, the debug calls, unknown
            uint any = s_random.Next();
            return any == (uint)PlatformCallNumber.DebugWrite ? (uint)PlatformCallNumber.Exit : any;
        }

        private static uint NonBlockingNumber()
        {
            uint number;
            do
                number = s_random.Below(FirstBadNumber);
            while ((Blocking & (1u << (int)number)) != 0);
            return number;
        }

        // Mostly a slot of the CSpace or just past it, sometimes a free one, now and then any word.
        private static uint RandomSlot()
        {
            uint pick = s_random.Below(16);
            uint slot = pick < 12 ? s_random.Below(Caps.SlotCount + 2)
                : pick < 15 ? FreeSlot()
                : s_random.Next();
            return slot == Caps.Forge || slot == Caps.Report ? 0 : slot;
        }

        // A slot past the initial capabilities: where moved, copied, minted and saved ones go.
        private static uint FreeSlot() => Caps.FirstFreeSlot + s_random.Below(Caps.SlotCount - Caps.FirstFreeSlot);

        private static uint RandomInfo() =>
            s_random.Below(8) == 0 ? s_random.Next()
                : MessageInfo.Create(s_random.Next(), (int)s_random.Below(IpcBuffer.MaxWords + 5), (int)s_random.Below(IpcBuffer.MaxExtraCaps + 1)).Raw;

        // Mostly a subset of the four rights, sometimes with unknown bits (InvalidArgument).
        private static uint RandomRights() => s_random.Below(8) == 0 ? s_random.Next() : s_random.Below(16);

        private static uint RandomBadge() => s_random.Below(4) == 0 ? s_random.Next() : 0;

        private static void ScrambleIpcBuffer()
        {
            for (int i = 0; i < IpcBuffer.MaxExtraCaps; i++)
            {
                Task.AttachCap(RandomSlot(), i);
                Task.ReceiveCapInto(RandomSlot(), i);
            }
            Task.SetBufferedWord(ThreadRegisters.MessageRegisters + (int)s_random.Below(IpcBuffer.MaxWords - ThreadRegisters.MessageRegisters), s_random.Next());
        }
    }
}
