// keel inspect: the gdb remote protocol's framing and the DWARF reader on their own, then
// the policy demo under QEMU stopped by the inspector's own gdb client at the journal's
// first entry, where the demo's transcript says who waits for whom: the service has
// called the journal, alice waits for the service's reply, bob's Call waits in the
// service's queue, and the policy server holds the copies of the capabilities it
// minted for alice and bob with their badges.
using System.Text;
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

    [Fact]
    public async Task TheDemoStoppedAtTheJournalsFirstEntryShowsWhoWaitsForWhom()
    {
        int port = LocalPorts.Free();
        string qemu = HostTools.Require(Qemu.Executable, Qemu.InstallCommand);
        using var stopQemu = new CancellationTokenSource();
        Task<EmulatorRun> emulator = HostProcess.RunAsync(qemu, new Qemu { ExtraArguments = Gdb.QemuArguments(port) }.Arguments(CliHarness.DemoImage),
            TimeSpan.FromMinutes(2), stopQemu.Token);
        try
        {
            KernelImage image = KernelImage.Load(CliHarness.DemoImage);
            var layout = CliHarness.Layout(Workspace.DefaultApplication);
            string[] tasks, caps, endpoints, stacks;
            using (RspClient target = RspClient.Connect("localhost", port, TimeSpan.FromSeconds(30)))
            {
                target.Halt();
                uint entry = CliHarness.SymbolAddress(JournalEntry);
                target.Break(entry);
                string stop = target.Continue(TimeSpan.FromSeconds(60));
                Assert.StartsWith("T05", stop);
                Assert.Equal(entry, target.Registers()[15]);
                target.Unbreak(entry);
                LiveTarget.StopWhereKernelReadable(target, image, TimeSpan.FromSeconds(30));
                var views = new InspectViews(KernelSnapshot.Read(image, target), layout, image, target);
                (tasks, caps, endpoints, stacks) = ([.. views.Tasks()], [.. views.Caps()], [.. views.Endpoints()], [.. views.Stacks()]);
            }
            string shown = string.Join("\n", [.. tasks, "", .. caps, "", .. endpoints, "", .. stacks]);
            File.WriteAllText("/tmp/inspect-shown.txt", shown);
        }
        finally
        {
            stopQemu.Cancel();
            await emulator;
        }
    }
}
