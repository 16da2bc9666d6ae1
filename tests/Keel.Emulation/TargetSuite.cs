// Where the on-target test suite (tests/target-suite) lives and how it is built: the
// harnesses that run it (the xunit tests, the keel command) share these.
namespace Keel.Emulation;

public static class TargetSuite
{
    public const string Folder = "tests/target-suite";
    public const string ImageName = "target-suite";

    // The build property that says the image is for Renode (SuiteEmulator.targets).
    public const string EmulatorProperty = "KeelSuiteEmulator";

    public static string Project => Path.Combine(Repository.Root, Folder, "TargetSuite.csproj");

    public static string Image(string board = "netduinoplus2") => Repository.Image(Folder, ImageName, board);

    // The build's properties for `board` (Renode's model of it when `renode`). A
    // property left out takes its default, so an image built for one machine is rebuilt
    // for another. Which cases run is no build property: TestSelectionImage chooses
    // them in a copy of the image.
    public static string[] BuildProperties(string board, bool renode = false) =>
    [
        $"-p:KeelBoard={board}",
        .. renode ? [$"-p:{EmulatorProperty}=renode"] : Array.Empty<string>(),
    ];

    // Builds the whole suite for `board` (for Renode's model of it when `renode`).
    public static (int ExitCode, string Output) Build(string board, bool renode = false) => DotnetBuild.Run(Project, BuildProperties(board, renode: renode));
}
