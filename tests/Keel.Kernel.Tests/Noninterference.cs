// The noninterference checker: a bounded-exhaustive search for anything a low thread,
// holding only send capabilities toward high threads, can learn of what they do.
//
// Design. One small system (Configuration), run by the host-compiled kernel in one Sim:
//   * Low (thread 0) holds, toward the high side, only a badged endpoint capability
//     with Write and Grant (E0) and a badged notification capability with Write (N0);
//     of its own, an endpoint (E1, all rights) and a notification (N1) nobody else
//     holds, and a Write capability to a sink endpoint (E2) that no one receives on,
//     which it may copy and attach to its messages.
//   * High (thread 1) receives on E0 and waits on N0 (bound to it), and holds a thread
//     capability to High2; High2 (thread 2) calls and signals High and holds a thread
//     capability to High. Neither holds anything of Low's.
// A low schedule is a sequence of low system calls; a high behaviour is any sequence of
// at most K high system calls (by either high thread, while it can run), placed anywhere
// between them. The promise checked: after each of its calls, Low observes the same
// whatever the high behaviour (Observe: its r4-r11, its IPC buffer, whether it is
// blocked, and what Identify shows of every slot of its CSpace, plus its caller slot's
// type, which SaveCaller shows). The alphabets (LowCalls, HighCalls) hold every system
// call with every class of argument: each capability index of the caller (each slot it
// starts with, an empty one, one out of range), with and without an attached capability,
// a message too long, and for Mint both rights masks and a badge. The exceptions are
// Low's Send, Call and NBCall through E0, the channels that wait for High by definition:
// a Send until High receives (rule 2: what it returns depends on nothing of High's, but
// when it returns does), a Call until High replies (its Grant, which lets Low's messages
// carry capabilities, is a reply right too, rule 4), and an NBCall says whether High was
// waiting (rule 11). Low's one-way sends toward High are NBSend, NBSendRecv's send half
// and Signal, and those are what the check is about.
//
// The search keeps, for each prefix of a low schedule, the set of kernel states that
// high behaviours can lead to (each with how many high calls it used), closes it under
// one more high call while the budget K allows, then applies each low call to every
// state of the set and compares what Low observes: the first difference is reported
// with the two histories that lead to it. States are compared as bytes (every pool,
// every IPC buffer), with the registers of threads that are not blocked cleared (a
// thread that runs overwrites all of r4-r11 at its next call: they are results it has
// read, not state); a set of states already explored with as many low calls left (the
// same 128-bit hash of its states) is not explored again.
// A Revoke the kernel preempts (Lifecycle.cs) is run to its end before the next step:
// high calls between its batches could change Low's observation only through
// capabilities to Low's objects, which no high thread holds.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;

namespace Keel.Kernel.Tests;

public sealed unsafe class Noninterference
{
    public const int Low = 0, High = 1, High2 = 2;
    const int LowSlots = 2 * Sim.SlotsPerThread, HighSlots = Sim.SlotsPerThread;
    const uint E0 = 0, E1 = 1, E2 = 2, N0 = 0, N1 = 1;

    /// <summary>A system call with its registers and the capability index it attaches (IPC buffer word SendCaps).</summary>
    public sealed record Call(SyscallNumber Number, uint R4, MessageInfo Info, uint R6, uint Mr0, uint Mr1, uint Attach)
    {
        public override string ToString()
        {
            var text = new StringBuilder($"{Number}(r4={R4}");
            if (Info.Raw != 0)
                text.Append($", length={Info.Length}, caps={Info.ExtraCaps}" + (Info.ExtraCaps > 0 ? $" [slot {Attach}]" : ""));
            if (R6 != 0 || Number is SyscallNumber.Mint or SyscallNumber.Copy or SyscallNumber.Move or SyscallNumber.NBSendRecv)
                text.Append($", r6={R6}");
            if (Number is SyscallNumber.Mint)
                text.Append($", mask={Mr0}, badge={Mr1}");
            if (Number is SyscallNumber.CancelBadgedSends)
                text.Append($", badge={Mr0}");
            return text.Append(')').ToString();
        }
    }

    /// <summary>Where a search starts: the system above, after Low's own <paramref name="Setup"/> calls.</summary>
    public sealed record Configuration(string Name, Call[] Setup);

    /// <summary>Low starts with nothing but its capabilities.</summary>
    public static readonly Configuration Fresh = new("fresh", Array.Empty<Call>());

    /// <summary>Low has made Lifecycle.RevokeBatch copies of its sink capability: one more, anywhere, is a longer revocation.</summary>
    public static readonly Configuration ManyCopies = new("sink copied " + Lifecycle.RevokeBatch + " times",
        Enumerable.Range(0, Lifecycle.RevokeBatch)
            .Select(i => new Call(SyscallNumber.Copy, 2, default, (uint)(LowSlots - 1 - i), 0, 0, 0)).ToArray());

    public sealed record Result(int LowAlphabet, int HighAlphabet, long States, long LowCallsChecked, int Schedules, string? Violation);

    readonly Sim sim = new(threads: 4, endpoints: 3, notifications: 2, priorityLevels: 2);
    readonly Call[] lowCalls, highCalls;
    readonly int maxHighCalls;
    readonly HashSet<(int, ulong, ulong)> explored = new();
    readonly byte[] scratch;
    long states, lowCallsChecked;
    int schedules;
    string? violation;

    /// <summary>One state of the search: the kernel's bytes, the high calls it used, and how it was reached (from which node, by which step).</summary>
    sealed record Node(byte[] State, int HighCalls, Node? From, string Step)
    {
        public string History => From == null ? Step : $"{From.History}\n  {Step}";
    }

    Noninterference(int maxHighCalls)
    {
        this.maxHighCalls = maxHighCalls;
        lowCalls = Alphabet(new uint[] { 0, 1, 2, 3, 4 }, empty: 5, outOfRange: LowSlots, attach: 2, receiveOn: 3);
        highCalls = Alphabet(new uint[] { 0, 1, 2, 4 }, empty: 5, outOfRange: HighSlots, attach: 0, receiveOn: 0);

        // Low's CSpace is two threads' worth of slots (room for copies); the high threads use CNodes 2 and 3.
        sim.K.CNodes[Low] = new CNode { FirstSlot = 0, SlotCount = LowSlots };
        sim.K.CNodes[2] = new CNode { FirstSlot = LowSlots, SlotCount = HighSlots };
        sim.K.CNodes[3] = new CNode { FirstSlot = LowSlots + HighSlots, SlotCount = HighSlots };
        sim.T(High).CSpace = 2;
        sim.T(High2).CSpace = 3;
        sim.Give(Low, 0, CapType.Endpoint, (int)E0, Rights.Write | Rights.Grant, badge: 1);
        sim.Give(Low, 1, CapType.Notification, (int)N0, Rights.Write, badge: 2);
        sim.Give(Low, 2, CapType.Endpoint, (int)E2, Rights.Write);
        sim.Give(Low, 3, CapType.Endpoint, (int)E1, Rights.All);
        sim.Give(Low, 4, CapType.Notification, (int)N1, Rights.Read | Rights.Write);
        sim.Give(High, 0, CapType.Endpoint, (int)E0, Rights.All);
        sim.Give(High, 1, CapType.Notification, (int)N0, Rights.Read | Rights.Write, badge: 4);
        sim.Give(High, 2, CapType.Thread, High2, Rights.Write);
        sim.Give(High2, 0, CapType.Endpoint, (int)E0, Rights.Write | Rights.Grant | Rights.GrantReply, badge: 8);
        sim.Give(High2, 1, CapType.Notification, (int)N0, Rights.Write, badge: 16);
        sim.Give(High2, 2, CapType.Thread, High, Rights.Write);
        Kernel.BindNotification(ref sim.K, High, (int)N0);
        // Received capabilities go to slot 4 (Low: 6), then 5; the third place is out of range.
        SetReceiveSlots(Low, 6, 7);
        SetReceiveSlots(High, 4, 5);
        SetReceiveSlots(High2, 4, 5);
        sim.Start(Low, High, High2);
        scratch = new byte[StateSize()];
    }

    void SetReceiveSlots(int thread, uint first, uint second)
    {
        sim.Buffer(thread)[IpcBuffer.ReceiveSlots] = first;
        sim.Buffer(thread)[IpcBuffer.ReceiveSlots + 1] = second;
        sim.Buffer(thread)[IpcBuffer.ReceiveSlots + 2] = uint.MaxValue;
    }

    /// <summary>
    /// Explores every low schedule of <paramref name="lowCallsPerSchedule"/> calls against
    /// every high behaviour of at most <paramref name="maxHighCalls"/> calls, from
    /// <paramref name="configuration"/>; stops at the first difference Low can observe.
    /// </summary>
    public static Result Check(Configuration configuration, int lowCallsPerSchedule, int maxHighCalls)
    {
        var checker = new Noninterference(maxHighCalls);
        foreach (Call call in configuration.Setup)
            checker.Perform(Low, call);
        var start = new Node(checker.Capture(), 0, null, $"[{configuration.Name}]");
        checker.Explore(new List<Node> { start }, lowCallsPerSchedule);
        return new Result(checker.lowCalls.Length, checker.highCalls.Length, checker.states, checker.lowCallsChecked, checker.schedules, checker.violation);
    }

    void Explore(List<Node> nodes, int lowCallsLeft)
    {
        List<Node> closed = CloseUnderHighCalls(nodes);
        if (lowCallsLeft == 0)
        {
            schedules++;
            return;
        }
        foreach (Call call in lowCalls)
        {
            var next = new Dictionary<byte[], Node>(StateComparer.Instance);
            uint[]? first = null;
            Node? firstNode = null;
            foreach (Node node in closed)
            {
                Restore(node.State);
                if (WaitsForHigh(call))
                    continue;
                if (sim.T(Low).State == ThreadState.Runnable)
                    Perform(Low, call);
                // Otherwise Low is still blocked (or stopped): it cannot make the call.
                uint[] seen = Observe();
                lowCallsChecked++;
                if (first == null)
                    (first, firstNode) = (seen, node);
                else if (!first.AsSpan().SequenceEqual(seen))
                {
                    violation = $"Low observes a difference after its call {call}:\n"
                        + $"history A:\n{firstNode!.History}\n  low:   {call}\n  observes {Describe(first)}\n"
                        + $"history B:\n{node.History}\n  low:   {call}\n  observes {Describe(seen)}";
                    return;
                }
                CaptureInto(scratch);
                if (!next.TryGetValue(scratch, out Node? known) || known.HighCalls > node.HighCalls)
                {
                    byte[] state = known?.State ?? (byte[])scratch.Clone();
                    next[state] = new Node(state, node.HighCalls, node, $"low:   {call}");
                }
            }
            if (!explored.Add(SetKey(lowCallsLeft, next)))
                continue;
            Explore(next.Values.ToList(), lowCallsLeft - 1);
            if (violation != null)
                return;
        }
    }

    /// <summary>A set of states, with the high calls each used, as one key (the order of the set does not matter).</summary>
    static (int, ulong, ulong) SetKey(int lowCallsLeft, Dictionary<byte[], Node> set)
    {
        ulong a = 0, b = 0;
        foreach (KeyValuePair<byte[], Node> entry in set)
        {
            (ulong x, ulong y) = Hashes(entry.Key);
            ulong mixed = (x ^ (ulong)entry.Value.HighCalls) * 0x9E3779B97F4A7C15;
            a += mixed ^ (mixed >> 29);
            b ^= y + (ulong)entry.Value.HighCalls;
        }
        return (lowCallsLeft, a, b);
    }

    /// <summary>Low's Send, Call or NBCall through a capability to E0 (or a copy of one): they wait for High by definition (see the design above).</summary>
    bool WaitsForHigh(Call call)
    {
        if (call.Number is not (SyscallNumber.Send or SyscallNumber.Call or SyscallNumber.NBCall) || call.R4 >= LowSlots)
            return false;
        Capability cap = sim.Slot(Low, call.R4);
        return cap.Type == CapType.Endpoint && cap.Object == E0;
    }

    /// <summary>Every state reachable from <paramref name="nodes"/> by high calls within the budget, each once.</summary>
    List<Node> CloseUnderHighCalls(List<Node> nodes)
    {
        var all = new Dictionary<byte[], Node>(StateComparer.Instance);
        var work = new Queue<Node>();
        foreach (Node node in nodes)
        {
            all[node.State] = node;
            work.Enqueue(node);
        }
        while (work.Count > 0)
        {
            Node node = work.Dequeue();
            if (node.HighCalls == maxHighCalls)
                continue;
            foreach (int thread in new[] { High, High2 })
            {
                foreach (Call call in highCalls)
                {
                    Restore(node.State);
                    if (sim.T(thread).State != ThreadState.Runnable)
                        break;
                    Perform(thread, call);
                    CaptureInto(scratch);
                    if (all.TryGetValue(scratch, out Node? known) && known.HighCalls <= node.HighCalls + 1)
                        continue;
                    byte[] state = known?.State ?? (byte[])scratch.Clone();
                    var reached = new Node(state, node.HighCalls + 1, node, $"{(thread == High ? "high" : "high2")}: {call}");
                    all[state] = reached;
                    work.Enqueue(reached);
                }
            }
        }
        states += all.Count;
        return all.Values.ToList();
    }

    /// <summary>The thread makes the call, as the hardware layer would run it (Sim.Sys).</summary>
    void Perform(int thread, Call call)
    {
        sim.Buffer(thread)[IpcBuffer.SendCaps] = call.Attach;
        sim.Sys(thread, call.Number, call.R4, call.Info, call.R6, call.Mr0, call.Mr1);
    }

    /// <summary>What Low sees: r4-r11, its IPC buffer, its thread state, Identify of each slot and its caller slot's type.</summary>
    uint[] Observe()
    {
        ref Tcb low = ref sim.T(Low);
        var seen = new uint[8 + IpcBuffer.Words + 1 + LowSlots + 1];
        MemoryMarshal.Cast<ThreadRegisters, uint>(new ReadOnlySpan<ThreadRegisters>(ref low.Regs)).CopyTo(seen);
        new ReadOnlySpan<uint>(low.IpcBuffer, IpcBuffer.Words).CopyTo(seen.AsSpan(8));
        int at = 8 + IpcBuffer.Words;
        seen[at++] = (uint)low.State;
        for (uint slot = 0; slot < LowSlots; slot++)
        {
            Capability cap = sim.Slot(Low, slot);
            seen[at++] = (uint)cap.Type << 8 | (uint)cap.Rights;
        }
        seen[at] = (uint)low.CallerSlot.Type;
        return seen;
    }

    static string Describe(uint[] seen) =>
        $"r4-r11 = {string.Join(" ", seen.Take(8))}, state {(ThreadState)seen[8 + IpcBuffer.Words]}, "
        + $"CSpace {string.Join(" ", seen.Skip(9 + IpcBuffer.Words).Take(LowSlots).Select(c => $"{(CapType)(c >> 8)}/{(Rights)(c & 0xFF)}"))}";

    // ---- The kernel's state as bytes ----

    byte[] Capture()
    {
        var state = new byte[StateSize()];
        CaptureInto(state);
        return state;
    }

    void CaptureInto(byte[] state)
    {
        Transfer(state, capture: true);
        Normalise(state);
    }

    void Restore(byte[] state) => Transfer(state, capture: false);

    int StateSize() =>
        Bytes(sim.K.Threads) + Bytes(sim.K.Endpoints) + Bytes(sim.K.Notifications) + Bytes(sim.K.Slots) + Bytes(sim.K.ReadyQueues)
        + sim.K.Threads.Length * IpcBuffer.Words * sizeof(uint) + sizeof(uint) + sizeof(int);

    static int Bytes<T>(T[] pool) where T : unmanaged => pool.Length * sizeof(T);

    /// <summary>Copies the kernel's state (every pool, every IPC buffer, the scalars) into <paramref name="state"/>, or back from it.</summary>
    void Transfer(byte[] state, bool capture)
    {
        int at = 0;
        Move(state, ref at, MemoryMarshal.AsBytes(sim.K.Threads.AsSpan()), capture);
        Move(state, ref at, MemoryMarshal.AsBytes(sim.K.Endpoints.AsSpan()), capture);
        Move(state, ref at, MemoryMarshal.AsBytes(sim.K.Notifications.AsSpan()), capture);
        Move(state, ref at, MemoryMarshal.AsBytes(sim.K.Slots.AsSpan()), capture);
        Move(state, ref at, MemoryMarshal.AsBytes(sim.K.ReadyQueues.AsSpan()), capture);
        for (int t = 0; t < sim.K.Threads.Length; t++)
            Move(state, ref at, new Span<byte>(sim.Buffer(t), IpcBuffer.Words * sizeof(uint)), capture);
        Move(state, ref at, MemoryMarshal.AsBytes(new Span<uint>(ref sim.K.ReadyLevels)), capture);
        Move(state, ref at, MemoryMarshal.AsBytes(new Span<int>(ref sim.K.Current)), capture);
    }

    static void Move(byte[] state, ref int at, Span<byte> live, bool capture)
    {
        Span<byte> saved = state.AsSpan(at, live.Length);
        if (capture)
            live.CopyTo(saved);
        else
            saved.CopyTo(live);
        at += live.Length;
    }

    /// <summary>
    /// Clears the registers of threads that are not blocked: dead until their next call
    /// overwrites them (Observe has read Low's), so two states that differ only there are one.
    /// </summary>
    void Normalise(byte[] state)
    {
        fixed (byte* p = state)
        {
            var threads = (Tcb*)p;
            for (int t = 0; t < sim.K.Threads.Length; t++)
                if (threads[t].State is ThreadState.Runnable or ThreadState.Inactive)
                    threads[t].Regs = default;
        }
    }

    /// <summary>States as keys: equal when their bytes are; Hashes gives two independent 64-bit hashes for sets of them.</summary>
    sealed class StateComparer : IEqualityComparer<byte[]>
    {
        public static readonly StateComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] state) => (int)Hashes(state).Item1;
    }

    static (ulong, ulong) Hashes(byte[] state)
    {
        ulong a = 0xcbf29ce484222325, b = 0x84222325cbf29ce4;
        foreach (ulong word in MemoryMarshal.Cast<byte, ulong>(state.AsSpan(0, state.Length & ~7)))
        {
            a = (a ^ word) * 0x100000001b3;
            b = (b + word) * 0x9E3779B97F4A7C15;
        }
        for (int i = state.Length & ~7; i < state.Length; i++)
            a = (a ^ state[i]) * 0x100000001b3;
        return (a ^ (a >> 31), b ^ (b >> 29));
    }

    // ---- The alphabets ----

    /// <summary>
    /// Every system call with every class of argument over the caller's capability indices
    /// <paramref name="held"/>, an <paramref name="empty"/> slot and one <paramref name="outOfRange"/>.
    /// </summary>
    static Call[] Alphabet(uint[] held, uint empty, uint outOfRange, uint attach, uint receiveOn)
    {
        uint[] indices = held.Append(empty).Append(outOfRange).ToArray();
        MessageInfo plain = MessageInfo.Create(1, 1, 0), withCap = MessageInfo.Create(1, 0, 1),
            tooLong = MessageInfo.Create(1, IpcBuffer.MaxWords + 1, 0);
        var calls = new List<Call>();
        foreach (SyscallNumber number in Enum.GetValues<SyscallNumber>())
        {
            foreach (uint r4 in number is SyscallNumber.Yield or SyscallNumber.Reply ? new uint[] { 0 } : indices)
            {
                switch (number)
                {
                    case SyscallNumber.Send or SyscallNumber.NBSend or SyscallNumber.Call or SyscallNumber.NBCall
                        or SyscallNumber.Reply or SyscallNumber.ReplyRecv:
                        foreach (MessageInfo info in new[] { plain, withCap, tooLong })
                            calls.Add(new Call(number, r4, info, 0, 7, 0, attach));
                        break;
                    case SyscallNumber.NBSendRecv:
                        foreach (MessageInfo info in new[] { plain, withCap })
                            foreach (uint r6 in new[] { receiveOn, empty, outOfRange })
                                calls.Add(new Call(number, r4, info, r6, 7, 0, attach));
                        break;
                    case SyscallNumber.Mint:
                        foreach ((uint mask, uint badge) in new[] { ((uint)Rights.All, 0u), ((uint)Rights.Write, 32u), (0x10u, 0u) })
                            calls.Add(new Call(number, r4, default, empty, mask, badge, 0));
                        foreach (uint r6 in new[] { held[0], outOfRange })
                            calls.Add(new Call(number, r4, default, r6, (uint)Rights.All, 0, 0));
                        break;
                    case SyscallNumber.Copy or SyscallNumber.Move:
                        foreach (uint r6 in new[] { empty, held[0], outOfRange })
                            calls.Add(new Call(number, r4, default, r6, 0, 0, 0));
                        break;
                    case SyscallNumber.CancelBadgedSends:
                        foreach (uint badge in new uint[] { 0, 1, 8 })
                            calls.Add(new Call(number, r4, default, 0, badge, 0, 0));
                        break;
                    default:
                        calls.Add(new Call(number, r4, default, 0, 0, 0, 0));
                        break;
                }
            }
        }
        // An unknown number: a fault of the caller, who has no fault handler.
        calls.Add(new Call((SyscallNumber)Syscalls.Count, 0, default, 0, 0, 0, 0));
        return calls.ToArray();
    }
}
