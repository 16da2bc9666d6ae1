// Where the on-target test suite (tests/target-suite) lives and how it is built: the
// harnesses that run it (the xunit tests, the keel command) share these.
namespace Keel.Emulation;

public static class TargetSuite
{
    public const string Folder = "tests/target-suite";
    public const string ImageName = "target-suite";

    // The build property that selects cases: case-id patterns separated by '|'.
    public const string FilterProperty = "KeelTestFilter";

    // The build property that says the image is for Renode (SuiteEmulator.targets).
    public const string EmulatorProperty = "KeelSuiteEmulator";

    public static string Project => Path.Combine(Repository.Root, Folder, "TargetSuite.csproj");

    public static string Image(string board = "netduinoplus2") => Repository.Image(Folder, ImageName, board);

    // The build's properties for `board` (Renode's model of it when `renode`) and the
    // cases `filter` selects (null: all). A property left out takes its default, so an
    // image built for one machine or selection is rebuilt for another.
    public static string[] BuildProperties(string board, string? filter = null, bool renode = false) =>
    [
        $"-p:KeelBoard={board}",
        .. filter is null ? Array.Empty<string>() : [$"-p:{FilterProperty}={filter}"],
        .. renode ? [$"-p:{EmulatorProperty}=renode"] : Array.Empty<string>(),
    ];

    // Builds the whole suite for `board` (for Renode's model of it when `renode`).
    public static (int ExitCode, string Output) Build(string board, bool renode = false) => DotnetBuild.Run(Project, BuildProperties(board, renode: renode));
}
