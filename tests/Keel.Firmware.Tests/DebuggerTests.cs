using System.Net.NetworkInformation;
using System.Text.RegularExpressions;
using Keel.Emulation;

namespace Keel.Firmware.Tests;

// gdb-multiarch on the policy demo under QEMU, as `keel run --gdb` offers it: the
// image's DWARF (ILC's -g, kept through task packaging and the link) must let gdb stop
// at a C# line of a task, read a local there, and unwind to the task's entry. The line
// is found by its marker comment in the service's source, so edits to the demo move it
// without breaking the test; at the service's first request its `number` argument is
// alice's 20. The service's implementation is called by the server code the interface
// generator wrote (docs/drivers.md), and the backtrace must lead through it to Main.
// The service's next kernel entry is its Call to the journal (every other task waits,
// and they all have lower priorities): stopped in the kernel's Ipc.Call, the backtrace
// must go on through the exception entry into the service's Main (the call frame
// information of hal/Port/Arm/Exceptions.S).
public class DebuggerTests
{
    private const string DemoFolder = "firmware/policy-demo";
    private const string Source = "tasks/service/Program.cs";
    private const string Marker = "// gdb stop: number is 20 here at the first request";
    private const string Request = "Service_Keel_Demo_Service_DoublingService__Request";

    [GdbFact]
    public async Task GdbStopsAtATasksCSharpLineAndShowsItsLocalsAndBacktrace()
    {
        string elf = Repository.Image(DemoFolder, "policy-demo");
        Assert.True(File.Exists(elf), $"{elf} is not built");
        string source = Path.Combine(Repository.Root, DemoFolder, Source);
        int line = Array.FindIndex(File.ReadAllLines(source), l => l.Contains(Marker, StringComparison.Ordinal)) + 1;
        Assert.True(line > 0, $"{source} has no line marked '{Marker}'");

        // "tasks/service/Program.cs", not "Program.cs": every task has a Program.cs.
        EmulatorRun gdb = await GdbOnQemuAsync(elf,
            $"break {Source}:{line}",
            "continue",
            "info args",
            "print number",
            "bt",
            "break Keel_Kernel_Keel_Kernel_Ipc__Call",
            "continue",
            "bt");
        string transcript = gdb.Describe();

        Match stop = Regex.Match(gdb.Console, @"^Breakpoint 1, (?<function>\S+) \(.*\) at (?<file>\S+):(?<line>\d+)$", RegexOptions.Multiline);
        Assert.True(stop.Success, $"the breakpoint was not hit:\n{transcript}");
        Assert.Equal((source, line.ToString()), (stop.Groups["file"].Value, stop.Groups["line"].Value));
        Assert.Equal(Request, stop.Groups["function"].Value);
        Assert.True(Regex.IsMatch(gdb.Console, @"^number = 20\n(.*\n)*\$1 = 20$", RegexOptions.Multiline), $"info args and print show no number = 20:\n{transcript}");
        // The callers' frames too: gdb unwound the method it stopped in (which needs
        // code addresses without the Thumb bit in the DWARF, ThumbDebugAddresses),
        // through the generated server, to Main and the task's entry.
        Assert.True(Regex.IsMatch(gdb.Console, $@"^#0  {Request} \(.*\) at {Regex.Escape(source)}:{line}\n(#\d+ .*\n)*#\d+  0x[0-9a-f]{{8}} in Service_Keel_Demo_Service_Program__Main \(\) at {Regex.Escape(source)}:\d+\n#\d+  0x[0-9a-f]{{8}} in keel_task_service_start \(\)$", RegexOptions.Multiline),
            $"the backtrace does not lead from the service's Request through Main to its entry:\n{transcript}");
        string kernelIpc = Path.Combine(Repository.Root, "kernel", "Ipc.cs");
        Assert.True(Regex.IsMatch(gdb.Console, $@"^#0  Keel_Kernel_Keel_Kernel_Ipc__Call \(.*\) at {Regex.Escape(kernelIpc)}:\d+\n(#\d+ .*\n)*#\d+  <signal handler called>\n(#\d+ .*\n)*#\d+  0x[0-9a-f]{{8}} in {Request} \(.*\) at {Regex.Escape(source)}:\d+$", RegexOptions.Multiline),
            $"the backtrace from the kernel's Ipc.Call does not reach the service's Request:\n{transcript}");
    }

    // The debug build of the demo (keel run --debug: KeelOptimize=false, built beside the
    // optimised one in bin/netduinoplus2-debug/). `step` from the service's Main goes
    // into the server the interface generator wrote, whose source gdb shows from obj/
    // (EmitCompilerGeneratedFiles), not "No such file". A one-line helper of the
    // service, which the optimised build inlines (gdb: "No line N in file"), takes a
    // breakpoint, shows its argument, and its backtrace goes through the generated
    // server, whose source `list` shows in that frame.
    private const string HelperMarker = "// gdb stop: an otherwise-inlined helper";
    private const string ServeCall = "ServiceServer.Serve(";
    private const string Twice = "Service_Keel_Demo_Service_DoublingService__Twice";
    private const string GeneratedServe = "Service_Keel_Demo_ServiceServer__Serve<Service_Keel_Demo_Service_DoublingService>";
    private const string GeneratedRequest = "Service_Keel_Demo_ServiceServer__Request<Service_Keel_Demo_Service_DoublingService>";

    [GdbFact]
    public async Task TheDebugBuildStepsIntoTheGeneratedServerAndStopsInAnOtherwiseInlinedHelper()
    {
        string optimised = Repository.Image(DemoFolder, "policy-demo");
        string debug = Repository.Image(DemoFolder, "policy-demo", "netduinoplus2-debug");
        Assert.True(File.Exists(debug), $"{debug} is not built");
        string source = Path.Combine(Repository.Root, DemoFolder, Source);
        string[] lines = File.ReadAllLines(source);
        int helper = Array.FindIndex(lines, l => l.Contains(HelperMarker, StringComparison.Ordinal)) + 1;
        int serve = Array.FindIndex(lines, l => l.Contains(ServeCall, StringComparison.Ordinal)) + 1;
        Assert.True(helper > 0 && serve > 0, $"{source} has no line marked '{HelperMarker}' or calling {ServeCall}");

        EmulatorRun inlined = await GdbOnQemuAsync(optimised, $"break {Source}:{helper}");
        Assert.Contains($"No line {helper} in file \"{Source}\".", inlined.Console);

        EmulatorRun gdb = await GdbOnQemuAsync(debug,
            $"break {Source}:{serve}",
            "continue",
            "step",
            $"break {Source}:{helper}",
            "continue",
            "print number",
            "bt",
            $"frame function {GeneratedRequest}",
            "list");
        string transcript = gdb.Describe();
        string generatedFile = @"(?<file>\S+/obj/\S+\.g\.cs):(?<line>\d+)";

        Match stepped = Regex.Match(gdb.Console, $@"^{Regex.Escape(GeneratedServe)} \(.*\) at {generatedFile}\n\k<line>\t(?<text>.*)$", RegexOptions.Multiline);
        Assert.True(stepped.Success, $"step did not go into the generated server with its source line:\n{transcript}");
        AssertIsGeneratedSource(stepped, transcript);

        Match stop = Regex.Match(gdb.Console, @"^Breakpoint 2, (?<function>\S+) \(.*\) at (?<file>\S+):(?<line>\d+)$", RegexOptions.Multiline);
        Assert.True(stop.Success, $"the helper's breakpoint was not hit:\n{transcript}");
        Assert.Equal((Twice, source, helper.ToString()), (stop.Groups["function"].Value, stop.Groups["file"].Value, stop.Groups["line"].Value));
        Assert.Matches(@"(?m)^\$1 = 20$", gdb.Console);

        Match frame = Regex.Match(gdb.Console, $@"^#\d+  0x[0-9a-f]{{8}} in {Regex.Escape(GeneratedRequest)} \(.*\) at {generatedFile}\n\k<line>\t(?<text>.*)$", RegexOptions.Multiline);
        Assert.True(frame.Success, $"the helper's callers do not include the generated server with its source:\n{transcript}");
        AssertIsGeneratedSource(frame, transcript);
        Assert.DoesNotContain("No such file", gdb.Console);
    }

    // The file gdb named exists under the task's obj/ and holds, at the line gdb gave,
    // the text gdb printed.
    private static void AssertIsGeneratedSource(Match at, string transcript)
    {
        string file = at.Groups["file"].Value;
        Assert.StartsWith(Path.Combine(Repository.Root, DemoFolder, "tasks", "service", "obj") + "/", file);
        Assert.True(File.Exists(file), $"{file}, which the DWARF names, was not written:\n{transcript}");
        Assert.Equal(File.ReadAllLines(file)[int.Parse(at.Groups["line"].Value) - 1], at.Groups["text"].Value);
    }

    // Without gdb: the DWARF of the kernel and of every task survived packaging and the
    // link, relocated into the owner's own flash window, and no method's first address
    // has the Thumb bit ILC gives it (ThumbDebugAddresses), on which gdb's unwinding
    // depends.
    [Fact]
    public void TheKernelAndEveryTaskHaveDebugInformationAtTheirOwnEvenCodeAddresses()
    {
        string info = Binutils.Run("arm-none-eabi-readelf", DemoFolder, "policy-demo", "--debug-dump=info");
        uint[] methods = Regex.Matches(info, @"DW_AT_low_pc\s*: 0x(?<address>[0-9a-f]+)$", RegexOptions.Multiline)
            .Select(m => Convert.ToUInt32(m.Groups["address"].Value, 16)).Where(address => address != 0).ToArray();
        Assert.Empty(methods.Where(address => (address & 1) != 0).Select(address => $"0x{address:x8}"));

        string layout = File.ReadAllText(Path.Combine(Repository.Root, DemoFolder, "obj", "keel", "netduinoplus2", "system", "layout.txt"));
        MatchCollection windows = Regex.Matches(layout, @"^(?<owner>kernel|task \S+)\s+0x(?<base>[0-9A-F]{8})-0x(?<end>[0-9A-F]{8})", RegexOptions.Multiline);
        Assert.True(windows.Count > 1 && windows[0].Groups["owner"].Value == "kernel", $"no kernel and task windows in the layout:\n{layout}");
        foreach (Match window in windows)
        {
            uint flashBase = Convert.ToUInt32(window.Groups["base"].Value, 16), flashEnd = Convert.ToUInt32(window.Groups["end"].Value, 16);
            Assert.True(methods.Any(address => address >= flashBase && address <= flashEnd), $"{window.Groups["owner"].Value} has no method in the image's DWARF");
        }
    }

    // Boots the image under QEMU stopped at its first instruction, with its gdb stub on a
    // free port, runs gdb in batch mode against it (`target remote`, then the commands),
    // and stops QEMU. Returns gdb's run. The guest runs only as far as gdb's commands
    // take it, so that is the bound of its work; both have only the wall-clock safety
    // net of any QEMU run, which a busy host does not reach.
    internal static async Task<EmulatorRun> GdbOnQemuAsync(string elf, params string[] commands)
    {
        int port = LocalPorts.Free();
        string qemu = HostTools.Require(Qemu.Executable, Qemu.InstallCommand);
        var session = new Qemu { ExtraArguments = Gdb.QemuArguments(port) };
        using var stopQemu = new CancellationTokenSource();
        Task<EmulatorRun> emulator = HostProcess.RunAsync(qemu, session.Arguments(elf), session.TimeLimit, stopQemu.Token);
        try
        {
            await WaitUntilListening(port, emulator);
            string[] arguments = ["-q", "-batch", "-nx", elf, "-ex", $"target remote :{port}", .. commands.SelectMany(command => new[] { "-ex", command })];
            return await HostProcess.RunAsync(HostTools.Require(Gdb.Executable, Gdb.InstallCommand), arguments, session.TimeLimit);
        }
        finally
        {
            stopQemu.Cancel();
            await emulator;
        }
    }

    // QEMU opens its gdb stub while it starts, however long a busy host makes that take;
    // gdb must not try before that. Connecting to find out would be taken as gdb's own
    // connection, so the listening sockets are read instead.
    private static async Task WaitUntilListening(int port, Task<EmulatorRun> emulator)
    {
        while (!IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners().Any(endpoint => endpoint.Port == port))
        {
            if (emulator.IsCompleted)
                Assert.Fail($"QEMU ended before its gdb stub listened on port {port}:\n{(await emulator).Describe()}");
            await Task.Delay(50);
        }
    }
}

public sealed class GdbFactAttribute : FactAttribute
{
    public GdbFactAttribute()
    {
        if (HostTools.Find(Gdb.Executable) is null)
            Skip = $"{Gdb.Executable} is not installed: {Gdb.InstallCommand}";
    }
}
