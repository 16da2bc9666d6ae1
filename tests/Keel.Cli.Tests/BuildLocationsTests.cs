// Where an application's boards and drivers are: after a build, as that build wrote
// them down (Application.BuildLocationsFile), without evaluating the project again
// (about three seconds on a loaded machine, before `keel run` could boot); asked of
// MSBuild once the project file changed after the record, or with no record.
using Keel.Cli;

namespace Keel.Cli.Tests;

public sealed class BuildLocationsTests : IDisposable
{
    private readonly string _app = Directory.CreateTempSubdirectory("keel-user-app-").FullName;
    private readonly string _boards = Path.Combine(CliHarness.Root, "board") + "/";
    private int _msbuildQuestions;

    public BuildLocationsTests()
    {
        File.WriteAllText(Path.Combine(_app, "Blinky.csproj"), "<Project Sdk=\"Keel.Sdk\">\n</Project>\n");
        File.WriteAllText(Path.Combine(_app, "app.toml"), "name = \"blinky\"\nboard = \"netduinoplus2\"\n\n[kernel]\nflash = 65536\nram = 16384\nstack = 2048\n");
    }

    public void Dispose() => Directory.Delete(_app, recursive: true);

    [Fact]
    public async Task TheLocationsTheLastBuildWroteAreUsedWithoutAskingMsBuild()
    {
        WriteRecord();

        CliResult result = await CliHarness.RunAsync(["new", "task", "blink"], runner: Runner(), currentDirectory: _app);

        Assert.True(result.ExitCode == ExitCodes.Success, result.Describe());
        Assert.Equal(0, _msbuildQuestions);
    }

    [Fact]
    public async Task AProjectFileChangedSinceTheBuildIsAskedOfMsBuild()
    {
        WriteRecord();
        File.SetLastWriteTimeUtc(Path.Combine(_app, "Blinky.csproj"), DateTime.UtcNow.AddMinutes(1));

        CliResult result = await CliHarness.RunAsync(["new", "task", "blink"], runner: Runner(), currentDirectory: _app);

        Assert.True(result.ExitCode == ExitCodes.Success, result.Describe());
        Assert.Equal(1, _msbuildQuestions);
    }

    // As Keel.App.targets writes it (KeelGenerateSystem).
    private void WriteRecord()
    {
        string record = Path.Combine(_app, Application.BuildLocationsFile);
        Directory.CreateDirectory(Path.GetDirectoryName(record)!);
        File.WriteAllLines(record, [$"KeelOwnBoardsDir={_app}/boards/", $"KeelSdkBoardsDir={_boards}", "KeelDriversDir="]);
    }

    private FakeRunner Runner() => new((_, _) => new ProcessResult(1, false, "nothing but MSBuild's question should run"),
        msbuild: _ =>
        {
            _msbuildQuestions++;
            return new ProcessResult(0, false, "{\"Properties\": {\"KeelOwnBoardsDir\": \"" + _app + "/boards/\", \"KeelSdkBoardsDir\": \"" + _boards + "\"}}");
        });
}
