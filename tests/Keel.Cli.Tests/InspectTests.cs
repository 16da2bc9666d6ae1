// keel inspect: the gdb remote protocol's framing and the DWARF reader on their own, then
// the policy demo under QEMU stopped by the inspector's own gdb client at the journal's
// first entry, where the demo's transcript says who waits for whom: the service has
// called the journal, alice waits for the service's reply, bob's Call waits in the
// service's queue, and the policy server holds the copies of the capabilities it
// minted for alice and bob with their badges.
using System.Text;
using System.Text.RegularExpressions;
using Keel.Cli.Inspect;
using Keel.Emulation;

namespace Keel.Cli.Tests;

public class InspectTests
{
    [Fact]
    public void APacketIsFramedWithItsChecksumAndItsSpecialCharactersEscaped()
    {
        Assert.Equal("$m20000000,4#4f", Encoding.ASCII.GetString(RspPackets.Encode("m20000000,4")));
        // '#' (0x23) is sent as '}' and 0x03; the checksum is over the bytes sent.
        Assert.Equal("$a}\u0003#" + ((byte)('a' + '}' + 3)).ToString("x2"), Encoding.ASCII.GetString(RspPackets.Encode("a#")));
    }

    [Fact]
    public void APacketIsDecodedWithItsEscapesAndRunsUndone()
    {
        byte[] body = Encoding.ASCII.GetBytes("0* }\u0003");
        string checksum = ((byte)body.Sum(b => b)).ToString("x2");
        // "0* " is '0' then three more ('*' then ' ' = 32 - 29); "}\x03" is '#'.
        Assert.Equal("0000#", RspPackets.Decode(body, checksum));
        Assert.Throws<InvalidDataException>(() => RspPackets.Decode(body, "00"));
    }

    // A DWARF 4 unit written by hand: a structure of two members, one of them an
    // enumeration, and a declaration of the structure that refers to the description.
    [Fact]
    public void TheDwarfReaderGivesMemberOffsetsTypesAndEnumerators()
    {
        byte[] abbrev =
        [
            1, 0x11, 1, 0, 0,                                // compile unit, children
            2, 0x13, 1, 0x03, 0x08, 0x0b, 0x0b, 0, 0,        // structure: name (string), byte_size (data1)
            3, 0x0d, 0, 0x03, 0x08, 0x49, 0x13, 0x38, 0x0b, 0, 0, // member: name, type (ref4), location (data1)
            4, 0x04, 1, 0x03, 0x08, 0x0b, 0x0b, 0, 0,        // enumeration
            5, 0x28, 0, 0x03, 0x08, 0x1c, 0x0d, 0, 0,        // enumerator: name, const_value (sdata)
            6, 0x24, 0, 0x03, 0x08, 0x0b, 0x0b, 0, 0,        // base type
            7, 0x13, 0, 0x03, 0x08, 0x3c, 0x19, 0, 0,        // structure declaration: name, declaration (flag_present)
            0,
        ];
        var die = new List<byte>();
        void Text(string s) { die.AddRange(Encoding.ASCII.GetBytes(s)); die.Add(0); }
        void Ref(int offset) => die.AddRange(BitConverter.GetBytes(offset));
        const int Header = 11;
        die.Add(1);
        int intType = Header + die.Count; die.Add(6); Text("int"); die.Add(4);
        int enumType = Header + die.Count; die.Add(4); Text("Colour"); die.Add(1);
        die.Add(5); Text("Red"); die.Add(0);
        die.Add(5); Text("Blue"); die.Add(0x7f); // -1
        die.Add(0);
        int declaration = Header + die.Count; die.Add(7); Text("Pair");
        die.Add(2); Text("Pair"); die.Add(8);
        die.Add(3); Text("Count"); Ref(intType); die.Add(0);
        die.Add(3); Text("Colour"); Ref(enumType); die.Add(4);
        die.Add(3); Text("Next"); Ref(declaration); die.Add(5);
        die.Add(0);
        die.Add(0);
        var info = new List<byte>();
        info.AddRange(BitConverter.GetBytes(die.Count + 7));
        info.AddRange(BitConverter.GetBytes((ushort)4));
        info.AddRange(BitConverter.GetBytes(0));
        info.Add(4);
        info.AddRange(die);

        DwarfTypes types = DwarfTypes.Parse([.. info], abbrev, []);

        DwarfType pair = types["Pair"];
        Assert.Equal(8u, pair.Size);
        Assert.Equal(["Count", "Colour", "Next"], pair.Members.Select(m => m.Name));
        Assert.Equal([0u, 4u, 5u], pair.Members.Select(m => m.Offset));
        Assert.Equal("int", pair.Member("Count").Type!.Name);
        Assert.Same(pair, pair.Member("Next").Type);
        Assert.Equal(new Dictionary<long, string> { [0] = "Red", [-1] = "Blue" }, pair.Member("Colour").Type!.Enumerators);
        Assert.Throws<InvalidDataException>(() => types["Missing"]);
    }

    // The demo's real image: the kernel's structures as ILC laid them out, checked
    // against what the kernel's sources say of them (Thread.cs: the saved registers at
    // offset 0 and a TCB of 128 bytes; every member the inspector reads is there).
    [Fact]
    public void TheDemosDwarfDescribesTheKernelsStructures()
    {
        DwarfTypes types = KernelImage.Load(CliHarness.DemoImage).Types;
        DwarfType tcb = types["Keel_Kernel_Keel_Kernel_Tcb"];
        Assert.Equal(128u, tcb.Size);
        Assert.Equal(0u, tcb.Member("Regs").Offset);
        Assert.Equal(
            ["Inactive", "Runnable", "BlockedOnSend", "BlockedOnReceive", "BlockedOnReply", "BlockedOnNotification"],
            tcb.Member("State").Type!.Enumerators.OrderBy(e => e.Key).Select(e => e.Value));
        DwarfType state = types["Keel_Kernel_Keel_Kernel_KernelState"];
        Assert.Equal("__Array<Keel_Kernel_Keel_Kernel_Tcb>", state.Member("Threads").Type!.Target!.Name);
    }

    private const string JournalEntry = "Journal_Keel_Demo_Journal_ConsoleJournal__Entry";
    private const string SupervisorAsksTheService = "Supervisor_Keel_Demo_ServiceClient__Status";

    [Fact]
    public async Task TheDemoStoppedAtTheJournalsFirstEntryShowsWhoWaitsForWhom()
    {
        await using var qemu = await DemoUnderQemu.StartAsync();
        KernelImage image = KernelImage.Load(CliHarness.DemoImage);
        string[] tasks, endpoints, stacks;
        using (RspClient target = qemu.Connect())
        {
            target.Halt();
            StopAt(target, JournalEntry, times: 1);
            LiveTarget.StopWhereKernelReadable(target, image, TimeSpan.FromSeconds(30));
            var views = new InspectViews(KernelSnapshot.Read(image, target), qemu.Layout, image, target);
            (tasks, endpoints, stacks) = ([.. views.Tasks()], [.. views.Endpoints()], [.. views.Stacks()]);
            // Left stopped (no detach): keel inspect below finds it as it is.
        }
        string shown = string.Join("\n", [.. tasks, "", .. endpoints, "", .. stacks]);
        AssertRow(tasks, "service", "2", "blocked in Call: waiting for the reply of journal");
        AssertRow(tasks, "alice", "3", "blocked in Call: waiting for the reply of service");
        AssertRow(tasks, "bob", "4", "blocked in Call on endpoint service");
        AssertRow(tasks, "journal", "5", "running");
        AssertRow(tasks, "supervisor", "0", "blocked in Recv on endpoint faults");
        AssertRow(endpoints, "service", "bob (Call)");
        // Every started task has used some of its stack, and none all of it.
        foreach (string task in new[] { "supervisor", "policy", "service", "alice", "bob", "journal" })
            Assert.Matches($@"^{task} +2048 +\d+ \((\d|[1-9]\d)%\) +\d+$", stacks.Single(line => line.StartsWith(task + " ")));
        // The rogue has not run yet: the port paints a stack when it first builds its frame.
        AssertRow(stacks, "rogue", "2048", "2048 (100%)", "0", "no paint left: not started since boot, or overflowed; starts afresh when it next runs");

        // The command as a user types it, on the same stopped target.
        CliResult caps = await CliHarness.RunAsync(["inspect", "caps", "--port", qemu.Port.ToString()]);
        Assert.True(caps.ExitCode == 0, caps.Describe() + "\n" + shown);
        string[] lines = caps.Output.Split('\n');
        // The policy server keeps the capabilities it minted (badges 1 and 2, from its
        // own service capability in slot 2) and granted copies of them to alice and bob.
        AssertRow(lines, "policy", "2", "service", "Endpoint", "service", "write, grant-reply");
        AssertRow(lines, "policy", "3", "Endpoint", "service", "write, grant-reply", "1", "policy slot 2");
        AssertRow(lines, "policy", "4", "Endpoint", "service", "write, grant-reply", "2", "policy slot 2");
        AssertRow(lines, "alice", "2", "Endpoint", "service", "write, grant-reply", "1", "policy slot 3");
        AssertRow(lines, "bob", "2", "Endpoint", "service", "write, grant-reply", "2", "policy slot 4");
        // The rogue's fault endpoint is held by the kernel, in its TCB: it is in no slot.
        Assert.DoesNotContain(lines, line => line.StartsWith("rogue ", StringComparison.Ordinal));
    }

    // At its third fault the rogue waits for the supervisor's verdict: a dump taken as the
    // supervisor asks the service how it is, shown by keel inspect --dump.
    [Fact]
    public async Task ADumpOfTheRoguesThirdFaultShowsItFaultedAndHeld()
    {
        await using var qemu = await DemoUnderQemu.StartAsync();
        KernelImage image = KernelImage.Load(CliHarness.DemoImage);
        string file = Path.Combine(Path.GetTempPath(), $"keel-inspect-{Guid.NewGuid():N}.dump");
        try
        {
            using (RspClient target = qemu.Connect())
            {
                target.Halt();
                StopAt(target, SupervisorAsksTheService, times: 3);
                LiveTarget.StopWhereKernelReadable(target, image, TimeSpan.FromSeconds(30));
                KernelDump.Take(target, CliHarness.DemoImage, qemu.Layout).Save(file);
            }
            CliResult shown = await CliHarness.RunAsync(["inspect", "tasks", "--dump", file]);
            Assert.True(shown.ExitCode == 0, shown.Describe());
            string[] lines = shown.Output.Split('\n');
            AssertRow(lines, "rogue", "6", "faulted: held by supervisor, which has not replied");
            Assert.Contains(lines, line => line.StartsWith("rogue faulted: memory access at address 0x20009000, pc 0x", StringComparison.Ordinal));
            Assert.StartsWith($"dump of {CliHarness.DemoImage}, taken ", lines[0]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    // A row of a view: its cells in columns, two spaces or more apart.
    private static void AssertRow(IEnumerable<string> lines, params string[] cells)
    {
        string row = "^" + string.Join(" {2,}", cells.Select(Regex.Escape)) + "$";
        Assert.True(lines.Any(line => Regex.IsMatch(line, row)), $"no row {string.Join(" | ", cells)} in:\n{string.Join("\n", lines)}");
    }

    private static void StopAt(RspClient target, string symbol, int times)
    {
        uint address = CliHarness.SymbolAddress(symbol);
        target.Break(address);
        for (int hit = 0; hit < times; hit++)
        {
            string stop = target.Continue(TimeSpan.FromSeconds(60));
            Assert.True(stop.StartsWith("T05") && target.Registers()[15] == address, $"{symbol} was not reached ({stop})");
        }
        target.Unbreak(address);
    }

    // The demo on QEMU, halted at reset with its gdb stub on a free port.
    private sealed class DemoUnderQemu : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private Task<EmulatorRun>? _run;

        public int Port { get; } = LocalPorts.Free();

        public Keel.BuildTool.SystemDescription.SystemLayout Layout { get; } = CliHarness.Layout(Workspace.DefaultApplication);

        public static Task<DemoUnderQemu> StartAsync()
        {
            var demo = new DemoUnderQemu();
            string qemu = HostTools.Require(Qemu.Executable, Qemu.InstallCommand);
            demo._run = HostProcess.RunAsync(qemu, new Qemu { ExtraArguments = Gdb.QemuArguments(demo.Port) }.Arguments(CliHarness.DemoImage),
                TimeSpan.FromMinutes(2), demo._stop.Token);
            return Task.FromResult(demo);
        }

        public RspClient Connect() => RspClient.Connect("localhost", Port, TimeSpan.FromSeconds(30));

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            if (_run is not null)
                await _run;
            _stop.Dispose();
        }
    }
}
