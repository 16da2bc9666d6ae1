// dotnet run --project bench/Keel.Bench -- cycles <elf> <qemu log> [--wait-states N]
//     [--from <address> --to <address>]
// Estimated Cortex-M4 cycles (CycleModel) of a QEMU log made with
// `-singlestep -d exec,nochain,int -D <log>` of the given ELF: of the whole log, or of
// every window from an execution of --from's address to the next of --to's (both
// counted: put them on the two counter reads of a measurement), one line a window.
using System.Diagnostics;
using System.Globalization;

namespace Keel.Bench;

public static class CyclesCommand
{
    public static int Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: cycles <elf> <qemu log> [--wait-states N] [--from ADDRESS --to ADDRESS]");
            return 2;
        }
        string? Option(string name) => Array.IndexOf(args, name) is int at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        uint? Address(string name) => Option(name) is string text ? uint.Parse(text.Replace("0x", ""), NumberStyles.HexNumber) : null;

        var model = new CycleModel(CycleModel.ParseDisassembly(Disassemble(args[0])))
        {
            BranchWaitStates = int.Parse(Option("--wait-states") ?? "0", CultureInfo.InvariantCulture),
        };
        IEnumerable<CycleModel.Event> events = CycleModel.ParseTrace(File.ReadLines(args[1]));
        uint? from = Address("--from"), to = Address("--to");
        if (from is null || to is null)
        {
            Console.WriteLine($"cycles {model.Cycles(events)}");
            return 0;
        }
        List<CycleModel.Event>? window = null;
        foreach (CycleModel.Event e in events)
        {
            if (window is null && e.Kind == CycleModel.EventKind.Executed && e.Pc == from)
                window = [];
            window?.Add(e);
            if (window is not null && window.Count > 1 && e.Kind == CycleModel.EventKind.Executed && e.Pc == to)
            {
                Console.WriteLine($"window instructions {window.Count(x => x.Kind == CycleModel.EventKind.Executed)} cycles {model.Cycles(window)}");
                window = null;
            }
        }
        return 0;
    }

    private static string Disassemble(string elf)
    {
        using Process objdump = Process.Start(new ProcessStartInfo("arm-none-eabi-objdump", ["-d", elf]) { RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("arm-none-eabi-objdump did not start");
        string text = objdump.StandardOutput.ReadToEnd();
        objdump.WaitForExit();
        return text;
    }
}
