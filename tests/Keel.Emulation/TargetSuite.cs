// Where the on-target test suite (tests/target-suite) lives and how it is built: the
// harnesses that run it (the xunit tests, the keel command) share these.
namespace Keel.Emulation;

public static class TargetSuite
{
    public const string Folder = "tests/target-suite";
    public const string ImageName = "target-suite";

    // The build property that selects cases: case-id patterns separated by '|'.
    public const string FilterProperty = "KeelTestFilter";

    public static string Project => Path.Combine(Repository.Root, Folder, "TargetSuite.csproj");

    public static string Image(string board = "netduinoplus2") => Repository.Image(Folder, ImageName, board);

    // The build's properties for `board` and the cases `filter` selects (null: all).
    public static string[] BuildProperties(string board, string? filter = null) =>
        [$"-p:KeelBoard={board}", .. filter is null ? Array.Empty<string>() : [$"-p:{FilterProperty}={filter}"]];

    // Builds the whole suite for `board`.
    public static (int ExitCode, string Output) Build(string board) => DotnetBuild.Run(Project, BuildProperties(board));
}
