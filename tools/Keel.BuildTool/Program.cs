// Keel.BuildTool: the steps of the firmware build that are logic rather than a call to
// an external tool. MSBuild (sdk/targets/Keel.Native.targets, Keel.Image.targets, Keel.App.targets) runs it as
//   Keel.BuildTool check-allocations <object> <objdump> <assembly name>...
//   Keel.BuildTool check-double <object> <objdump> <assembly name>...
//   Keel.BuildTool size-report <elf> <flash bytes> <ram bytes> <report file>
//   Keel.BuildTool check-segments <elf>
//   Keel.BuildTool pack-data <first link's elf> <packed file>
//   Keel.BuildTool check-packed-data <first link's elf> <second link's elf>
//   Keel.BuildTool system <app.toml> <output dir> [--board <name>] [--boards <dir>]...
//   Keel.BuildTool link-errors <ld output> [<app.toml>]
//   Keel.BuildTool thumb-debug-addresses <object>
//   Keel.BuildTool stack-depth <elf> <objdump> <app.toml> <report file>
// Errors are printed in MSBuild's canonical form ("error KEELnnnn: ...") so that the
// build shows them as errors, and the exit status is non-zero: 1 for errors in the
// inputs, 2 for a command line that does not match the usage.
using Keel.BuildTool;
using Keel.BuildTool.SystemDescription;

return args.Length switch
{
    >= 4 when args[0] == "check-allocations" => AllocationCheck.Run(args[1], args[2], args[3..]),
    >= 4 when args[0] == "check-double" => DoublePrecisionCheck.Run(args[1], args[2], args[3..]),
    2 when args[0] == "check-segments" => LoadSegments.Check(args[1]),
    3 when args[0] == "pack-data" => DataPacking.PackImage(args[1], args[2]),
    3 when args[0] == "check-packed-data" => DataPacking.Check(args[1], args[2]),
    2 when args[0] == "thumb-debug-addresses" => ThumbDebugAddresses.Run(args[1]),
    5 or 6 when args[0] == "stack-depth" && (args.Length == 5 || args[5] == StackDepth.OnlyWarn) => StackDepth.Run(args[1], args[2], args[3], args[4], onlyWarn: args.Length == 6),
    2 or 3 when args[0] == "link-errors" => LinkErrors.Run(args[1], args.Length == 3 ? args[2] : null),
    5 when args[0] == "size-report" => SizeReport.Run(args[1], long.Parse(args[2]), long.Parse(args[3]), args[4]),
    >= 1 when args[0] == "system" && SystemCommand.ParseArguments(args[1..]) is SystemArguments system =>
        SystemCommand.Run(system),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine($"error KEEL0000: usage: Keel.BuildTool check-allocations <object> <objdump> <assembly>... | check-double <object> <objdump> <assembly>... | size-report <elf> <flash bytes> <ram bytes> <report file> | check-segments <elf> | pack-data <elf> <packed file> | check-packed-data <first elf> <second elf> | thumb-debug-addresses <object> | {StackDepth.Usage} | {LinkErrors.Usage} | {SystemCommand.Usage}");
    return 2;
}
